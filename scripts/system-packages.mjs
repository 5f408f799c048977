#!/usr/bin/env node
// The Debian packages some tests drive (Chromium for the browser tests, Prometheus for the
// exporter test), installed once by the root `test` script before turbo starts any task:
//
//     node scripts/system-packages.mjs chromium prometheus
//
// Installing from inside a test task is fragile: when turbo stops sibling tasks after a
// failure, an apt-get killed half-way leaves dpkg "interrupted" and every later apt-get on the
// machine fails. So tests only look for the binaries (`findTool`), and this one step installs
// them, after repairing an interrupted dpkg (`dpkg --configure -a`) if it finds one.
//
// It installs only as root with apt-get. Otherwise, or when apt fails, it says so and exits 0:
// the tests that need the tool then skip loudly, or fail under CI=true.
// Every message goes to stderr, prefixed [system-packages].
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * What each package brings: the executables the tests run, where Debian puts them, and an
 * environment variable that can point at another copy.
 */
export const PACKAGES = {
  chromium: {
    apt: ["chromium"],
    tools: { chromium: { debian: "/usr/bin/chromium", env: "CHROMIUM_PATH" } },
  },
  prometheus: {
    // Debian's prometheus package also ships promtool (check/test rules, check metrics).
    apt: ["prometheus"],
    tools: {
      prometheus: { debian: "/usr/bin/prometheus", env: "PROMETHEUS_PATH" },
      promtool: { debian: "/usr/bin/promtool", env: "PROMTOOL_PATH" },
    },
  },
};

const APT_GET = "/usr/bin/apt-get";
const DPKG = "/usr/bin/dpkg";
const DPKG_UPDATES = "/var/lib/dpkg/updates";
const LOCK_DIR = join(tmpdir(), "backupkit-system-packages.lock");
const LOCK_WAIT_MS = 10 * 60 * 1000;

const log = (line) => process.stderr.write(`[system-packages] ${line}\n`);

/**
 * The path of a tool, or undefined: `$<ENV>` when it names an executable, then Debian's path,
 * then the first match on $PATH. Looks only; never installs.
 *
 * @param {string} tool e.g. "chromium", "prometheus", "promtool"
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function findTool(tool, env = process.env) {
  const known = toolInfo(tool);
  const fromEnv = known?.env ? env[known.env]?.trim() : undefined;
  if (fromEnv && isExecutable(fromEnv)) return fromEnv;
  if (known && isExecutable(known.debian)) return known.debian;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir !== "" && isExecutable(join(dir, tool))) return join(dir, tool);
  }
  return undefined;
}

/** @param {string} tool */
function toolInfo(tool) {
  for (const pkg of Object.values(PACKAGES)) {
    if (Object.hasOwn(pkg.tools, tool)) return pkg.tools[/** @type {keyof typeof pkg.tools} */ (tool)];
  }
  return undefined;
}

/**
 * Makes sure every named package's tools exist, installing what is missing when it can.
 * Resolves to the names still missing afterwards.
 *
 * @param {string[]} names keys of PACKAGES
 * @returns {Promise<string[]>}
 */
export async function ensurePackages(names) {
  const unknown = names.filter((name) => !Object.hasOwn(PACKAGES, name));
  if (unknown.length > 0) {
    throw new Error(`unknown package ${unknown.join(", ")}; known: ${Object.keys(PACKAGES).join(", ")}`);
  }
  const missingNow = () =>
    names.filter((name) =>
      Object.keys(PACKAGES[/** @type {keyof typeof PACKAGES} */ (name)].tools).some(
        (tool) => findTool(tool) === undefined,
      ),
    );
  const missing = missingNow();
  for (const name of names) {
    if (!missing.includes(name)) log(`${name}: present (${toolsText(name)}).`);
  }
  if (missing.length === 0) return [];

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync(APT_GET)) {
    log(
      `${missing.join(", ")}: missing, and cannot install here (${isRoot ? "no apt-get" : "not root"}); ` +
        "the tests that need them will skip (or fail under CI=true).",
    );
    return missing;
  }

  // Two runs (two worktrees, two terminals) may get here at once; one installs, one waits.
  const release = await takeLock();
  try {
    const stillMissing = missingNow();
    if (stillMissing.length === 0) return [];
    repairDpkg();
    const apt = stillMissing.flatMap((name) => PACKAGES[/** @type {keyof typeof PACKAGES} */ (name)].apt);
    log(`${stillMissing.join(", ")}: missing; installing Debian's ${apt.join(" ")} (a minute or two).`);
    const ok =
      run(APT_GET, ["-o", "DPkg::Lock::Timeout=300", "update"]) &&
      run(APT_GET, ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends", ...apt]);
    const after = missingNow();
    if (!ok || after.length > 0) {
      log(`still missing after apt-get: ${after.join(", ") || "(none)"}`);
      return after;
    }
    for (const name of stillMissing) log(`${name}: installed (${toolsText(name)}).`);
    return [];
  } finally {
    release();
  }
}

/**
 * An apt-get killed half-way leaves dpkg "interrupted" (files in /var/lib/dpkg/updates, or
 * half-configured packages that `dpkg --audit` lists), and apt refuses to do anything until
 * `dpkg --configure -a` has run. Run it then, and say so.
 */
function repairDpkg() {
  if (!existsSync(DPKG)) return;
  let pending = [];
  try {
    pending = readdirSync(DPKG_UPDATES);
  } catch {
    // no such directory: nothing pending
  }
  const audit = spawnSync(DPKG, ["--audit"], { encoding: "utf8" });
  const unfinished = (audit.stdout ?? "").trim();
  if (pending.length === 0 && unfinished === "") return;
  log(
    `dpkg was interrupted earlier (${pending.length} pending update file(s)` +
      `${unfinished ? ", packages left unconfigured" : ""}); running dpkg --configure -a first.`,
  );
  if (!run(DPKG, ["--configure", "-a"])) log("dpkg --configure -a failed; apt-get will probably fail too.");
  else log("dpkg repaired.");
}

/** Runs a command with its output on stderr; true when it exits 0. */
function run(command, args) {
  log(`running: ${command.split("/").pop()} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error || result.status !== 0) {
    log(`failed after ${seconds} s: ${result.error?.message ?? `exit code ${result.status}`}`);
    return false;
  }
  log(`done in ${seconds} s.`);
  return true;
}

/** @param {string} name */
function toolsText(name) {
  return Object.keys(PACKAGES[/** @type {keyof typeof PACKAGES} */ (name)].tools)
    .map((tool) => findTool(tool) ?? `${tool}: none`)
    .join(", ");
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
 * A lock between processes: a directory only one of them can create. One older than the
 * longest wait is taken to be left over from a killed run.
 *
 * @returns {Promise<() => void>}
 */
async function takeLock() {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      return () => rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
    }
    let age;
    try {
      age = Date.now() - statSync(LOCK_DIR).mtimeMs;
    } catch {
      continue;
    }
    if (age > LOCK_WAIT_MS) {
      rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK_DIR}`);
    if (!told) {
      log("another process is installing system packages; waiting for it.");
      told = true;
    }
    await new Promise((done) => setTimeout(done, 1000));
  }
}

const invokedAsCli =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedAsCli) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    log(`usage: node scripts/system-packages.mjs <${Object.keys(PACKAGES).join("|")}>...`);
    process.exit(2);
  }
  try {
    await ensurePackages(names);
  } catch (error) {
    log(/** @type {Error} */ (error).message);
    process.exit(2);
  }
}
