/**
 * Runs one `node` child process for a benchmark and collects what it writes; what it writes to
 * stderr is also passed on, so a warning is seen. A child that has not ended within `timeoutMs`
 * is killed and the benchmark fails with a line naming it, so a stuck CLI or probe cannot hang
 * `pnpm bench`.
 */
import { spawn } from "node:child_process";

/** Generous: the slowest child (B5's report) takes about 2 s on a loaded 2-core machine. */
const TIMEOUT_MS = 120_000;

/**
 * Resolves to `{ code, stdout, stderr, wall }` (wall time in ms, from spawn to close); rejects
 * when the process cannot start or runs past `timeoutMs`. `what` names it in those errors.
 */
export function runChild(what, args, { env, cwd, timeoutMs = TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => {
      err.push(chunk);
      process.stderr.write(chunk);
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${what} could not start: ${error.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const wall = performance.now() - started;
      if (timedOut) reject(new Error(`${what} did not end within ${timeoutMs / 1000} s and was killed`));
      else
        resolve({
          code,
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
          wall,
        });
    });
  });
}
