#!/usr/bin/env node
// Finds a Chromium that playwright-core can drive, installing Debian's package when that is
// possible (root with apt-get). Browser tests call ensureChromium() before launching; run as a
// CLI it prints the path on stdout, or exits 1 when there is none.
//
// Order: $CHROMIUM_PATH, then /usr/bin/chromium, then `apt-get install chromium` (root only).
// Every message goes to stderr so that the CLI's stdout stays just the path.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const APT_GET = "/usr/bin/apt-get";
const LOCK_DIR = join(tmpdir(), "backupkit-ensure-chromium.lock");
const LOCK_WAIT_MS = 10 * 60 * 1000;

/**
 * Returns the path of a Chromium executable, or undefined when none exists and none can be
 * installed here.
 *
 * @param {{ env?: NodeJS.ProcessEnv, install?: boolean, log?: (line: string) => void }} [options]
 *   `install: false` only looks; `log` receives progress lines (default: stderr).
 * @returns {Promise<string | undefined>}
 */
export async function ensureChromium(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => process.stderr.write(`[ensure-chromium] ${line}\n`));

  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    log(`CHROMIUM_PATH is set to ${fromEnv}, but no executable is there; looking elsewhere.`);
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (options.install === false) return undefined;

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync(APT_GET)) {
    log(`no Chromium at ${DEBIAN_CHROMIUM} and cannot install one (${isRoot ? "no apt-get" : "not root"}).`);
    return undefined;
  }

  // Two test runs may get here at once; only one of them runs apt, the other waits for it.
  const release = await takeLock(log);
  try {
    if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
    log(`no Chromium at ${DEBIAN_CHROMIUM}: installing Debian's chromium package (about a minute).`);
    const apt = [["update"], ["install", "-y", "--no-install-recommends", "chromium"]];
    for (const args of apt) {
      log(`running: apt-get ${args.join(" ")}`);
      const started = Date.now();
      const result = spawnSync(APT_GET, ["-o", "DPkg::Lock::Timeout=300", ...args], {
        // apt's own output goes to stderr too, so a caller can still read the path from stdout.
        stdio: ["ignore", process.stderr, process.stderr],
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (result.error || result.status !== 0) {
        log(
          `apt-get ${args[0]} failed after ${seconds} s: ${result.error?.message ?? `exit code ${result.status}`}`,
        );
        return isExecutable(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
      }
      log(`apt-get ${args[0]} finished in ${seconds} s.`);
    }
    if (!isExecutable(DEBIAN_CHROMIUM)) {
      log(`apt-get reported success, but ${DEBIAN_CHROMIUM} is still missing.`);
      return undefined;
    }
    log(`installed ${DEBIAN_CHROMIUM}.`);
    return DEBIAN_CHROMIUM;
  } finally {
    release();
  }
}

/** @param {string} path */
function isExecutable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A lock between processes: a directory that only one of them can create. A lock older than
 * the longest wait is taken to be left over from a killed run.
 *
 * @param {(line: string) => void} log
 * @returns {Promise<() => void>}
 */
async function takeLock(log) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      return () => rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
    }
    const age = lockAge();
    if (age !== undefined && age > LOCK_WAIT_MS) {
      rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK_DIR}`);
    if (!told) {
      log("another process is installing Chromium; waiting for it.");
      told = true;
    }
    await new Promise((done) => setTimeout(done, 1000));
  }
}

function lockAge() {
  try {
    return Date.now() - statSync(LOCK_DIR).mtimeMs;
  } catch {
    return undefined;
  }
}

const invokedAsCli =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedAsCli) {
  const path = await ensureChromium({ install: !process.argv.includes("--no-install") });
  if (path === undefined) {
    process.stderr.write("[ensure-chromium] no Chromium available.\n");
    process.exit(1);
  }
  process.stdout.write(`${path}\n`);
}
