// The process that sits between a parent and its Prism server, so Prism cannot outlive the parent.
//
//   node watchdog.js <script> [args...]
//
// runs `node <script> args...` with our stdout and stderr, and stops it when
//   - our stdin reaches its end: the parent closed the pipe or died, even by SIGKILL, which
//     no handler inside the parent can catch;
//   - we get SIGTERM, SIGINT or SIGHUP (the parent's stop());
// and exits once the child has gone. Plain JavaScript, so it runs from src/ and dist/ alike.
import { spawn } from "node:child_process";

const GRACE_MS = 2000;
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error("usage: watchdog.js <script> [args...]");
  process.exit(2);
}

const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;

/** Asks the child to stop, and makes sure it does. */
function stop() {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  setTimeout(() => child.kill("SIGKILL"), GRACE_MS).unref();
}

child.on("error", (error) => {
  console.error(`watchdog: could not start ${script}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  // A stop we asked for is a clean end; anything else is passed on to the parent.
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});

process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.on("error", stop);
process.stdin.resume();
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, stop);
// Last resort if this process is torn down some other way.
process.on("exit", () => {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});
