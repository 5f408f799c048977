#!/usr/bin/env node
// Benchmark (not a test): the inventory at fleet scale. A child process serves fake Z.com
// tenants and OnApp panels on loopback, each answering after a latency; this process collects
// them `--refreshes` times with the app's own clients and limits, and prints:
//   - per refresh round: wall time, and the slowest healthy account next to the slow one,
//     so one slow or failing account is seen not to delay or hide the others;
//   - RSS and heap after the first round and after the last, side by side, with their ratio.
//
//   node scripts/bench-fleet.mjs [--accounts 50] [--vms 200] [--refreshes 100] [--latency 20]
//                                [--concurrency 32] [--per-account 4] [--onapp-share 0.2]
//
// One account is slow (10x latency) and one fails (HTTP 500). Run after `pnpm build`.
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    accounts: { type: "string", default: "50" },
    vms: { type: "string", default: "200" },
    refreshes: { type: "string", default: "100" },
    latency: { type: "string", default: "20" },
    concurrency: { type: "string", default: "32" },
    "per-account": { type: "string", default: "4" },
    "onapp-share": { type: "string", default: "0.2" },
    serve: { type: "boolean", default: false },
  },
});
const n = (name) => {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number, got ${args[name]}`);
  return value;
};

if (args.serve) await serveFakes();
else await bench();

/** The child: one server per account; tells the parent their ports, runs until killed. */
async function serveFakes() {
  const accounts = n("accounts");
  const vms = n("vms");
  const latency = n("latency");
  const onappCount = Math.round(accounts * n("onapp-share"));
  const day = 24 * 3600 * 1000;
  const backupAt = (id) => new Date(Date.now() - ((id * 7919) % 48) * 3600 * 1000).toISOString();
  const json = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  const zcomBody = JSON.stringify({
    backup: Array.from({ length: vms }, (_, i) => ({
      instance_id: `vm-${i}`,
      id: `sub-${i}`,
      backupruns: [
        { status: "available", created_at: backupAt(i), backuprun_id: `run-${i}`, type: "instance" },
        {
          status: "available",
          created_at: new Date(Date.now() - 3 * day).toISOString(),
          backuprun_id: `old-${i}`,
          type: "instance",
        },
      ],
    })),
  });
  const servers = [];
  for (let index = 0; index < accounts; index++) {
    const kind = index < onappCount ? "onapp" : "zcom";
    const slow = index === 0 ? 10 : 1; // account 0 is slow
    const failing = index === 1; // account 1 fails every call
    const server = createServer((req, res) => {
      setTimeout(() => {
        if (failing) return json(res, 500, { errors: ["backup service down"] });
        const path = (req.url ?? "").split("?")[0];
        if (kind === "zcom") {
          res.writeHead(200, {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(zcomBody),
          });
          return res.end(zcomBody);
        }
        if (path === "/virtual_machines.json") {
          return json(
            res,
            200,
            Array.from({ length: vms }, (_, i) => ({
              virtual_machine: { id: i + 1, identifier: `v${i}`, label: `web-${i}` },
            })),
          );
        }
        const match = /^\/virtual_machines\/(\d+)\/backups\/(images|files)\.json$/.exec(path);
        if (match?.[2] === "images") {
          const id = Number(match[1]);
          return json(res, 200, [
            { backup: { id: id * 10, built: true, built_at: backupAt(id), backup_size: 1024 } },
          ]);
        }
        return json(res, 404, { errors: ["not found"] });
      }, latency * slow);
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push({ kind, port: server.address().port, slow: slow > 1, failing });
  }
  process.send?.(servers);
}

/**
 * The app's own collection and client set-up, bundled from its sources: the CLI's build is one
 * bundle whose inner modules cannot be imported. Written under node_modules/.cache, inside the
 * app, so that the bundle's imports of the clients resolve as the CLI's do.
 */
async function appModules() {
  const { build } = await import("esbuild");
  const outdir = fileURLToPath(new URL("../node_modules/.cache/bench-fleet/", import.meta.url));
  await build({
    entryPoints: ["collect", "sources"].map((name) =>
      fileURLToPath(new URL(`../src/${name}.ts`, import.meta.url)),
    ),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outdir,
    logLevel: "warning",
  });
  const load = (name) => import(pathToFileURL(`${outdir}${name}.js`).href);
  return { ...(await load("collect")), ...(await load("sources")) };
}

async function bench() {
  const { collect, zcomClient, onappClient } = await appModules();
  const refreshes = n("refreshes");
  const child = fork(new URL(import.meta.url).pathname, [...process.argv.slice(2), "--serve"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const servers = await new Promise((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`the fake servers exited with ${code}`)));
    });
    const tuning = { timeoutMs: 30_000, retries: 0, onappFormat: "json", warn: () => {} };
    const sources = servers.map((server, index) => {
      const account = `${server.kind}-${String(index).padStart(2, "0")}${server.slow ? "-slow" : ""}${server.failing ? "-failing" : ""}`;
      const baseUrl = `http://127.0.0.1:${server.port}`;
      return server.kind === "zcom"
        ? {
            account,
            provider: "zcom",
            client: zcomClient(
              { tenantId: `t${index}`, auth: { token: "bench" }, region: undefined, baseUrl },
              tuning,
            ),
          }
        : {
            account,
            provider: "onapp",
            client: onappClient({ baseUrl, username: "bench", password: "bench" }, tuning),
          };
    });
    const options = { concurrency: n("concurrency"), perAccount: n("per-account") };
    const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    const memory = () => {
      globalThis.gc?.();
      return process.memoryUsage();
    };
    console.log(
      `${sources.length} accounts (${sources.filter((s) => s.provider === "onapp").length} OnApp, ` +
        `${sources.filter((s) => s.provider === "zcom").length} Z.com) x ${n("vms")} VMs, latency ${n("latency")} ms, ` +
        `concurrency ${options.concurrency} overall / ${options.perAccount} per account, ${refreshes} refreshes` +
        `${globalThis.gc ? "" : " (run with node --expose-gc for steadier heap numbers)"}`,
    );
    let first;
    for (let round = 1; round <= refreshes; round++) {
      const started = performance.now();
      const result = await collect(sources, options);
      const wall = performance.now() - started;
      const healthy = result.accounts.filter((a) => a.ok && !a.account.endsWith("-slow"));
      const slowest = Math.max(...healthy.map((a) => a.durationMs));
      const slow = result.accounts.find((a) => a.account.endsWith("-slow"));
      const failed = result.accounts.filter((a) => !a.ok).map((a) => a.account);
      if (round === 1 || round === refreshes || round % 10 === 0) {
        console.log(
          `round ${String(round).padStart(3)}: ${(wall / 1000).toFixed(2)} s, ${result.vms.length} VMs, ` +
            `${result.records.length} backups; slowest healthy account ${slowest} ms vs slow account ${slow?.durationMs ?? "-"} ms; ` +
            `unreadable: ${failed.join(", ") || "none"}`,
        );
      }
      if (round === 1) first = memory();
    }
    const last = memory();
    console.log("");
    console.log("                 after round 1   after the last   ratio");
    for (const key of ["rss", "heapUsed"]) {
      console.log(
        `${key.padEnd(16)} ${mib(first[key]).padStart(13)}   ${mib(last[key]).padStart(14)}   ${(last[key] / first[key]).toFixed(2)}x`,
      );
    }
  } finally {
    child.kill();
  }
}
