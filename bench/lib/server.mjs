/**
 * The benchmark's API server: a node:http server on loopback serving both vendors' paths from
 * the deterministic bodies in data.mjs. It runs in its own process (`startServer` forks it) so
 * that on a 2-core machine the server's work does not share the event loop being measured.
 *
 * It listens twice: `url` answers at once, `slowUrl` adds a fixed delay to every answer (the
 * inventory benchmark's "server adds 20 ms per call").
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { onappBackups, onappVirtualMachines, railsJson, railsXml, zcomBackupList } from "./data.mjs";

/** The virtual machine whose backup list is the large one (B4, B7). */
export const LARGE_VM_ID = 100_000;

/**
 * Starts the server process. `sizes`: `{ zcomBackups, onappBackups, vms, backupsPerVm, delayMs }`.
 * Resolves to `{ url, slowUrl, close }`.
 */
export function startServer(sizes) {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(sizes)], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the benchmark server exited early (code ${code})`)));
    child.once("message", ({ port, slowPort }) => {
      child.removeAllListeners("exit");
      resolve({
        url: `http://127.0.0.1:${port}`,
        slowUrl: `http://127.0.0.1:${slowPort}`,
        close: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill();
          }),
      });
    });
  });
}

/** The spec's own example of a Z.com backup list: B1's "seed body". */
function seedBody() {
  const spec = JSON.parse(readFileSync(new URL("../../specs/bundled/zcom.json", import.meta.url), "utf8"));
  return JSON.stringify(spec.components.examples["list-backups-seed"].value);
}

function serve(sizes) {
  const json = (text) => ({ type: "application/json; charset=utf-8", body: Buffer.from(text) });
  const xml = (text) => ({ type: "application/xml; charset=utf-8", body: Buffer.from(text) });
  const fixed = new Map([
    ["/v2/seed/backup", json(seedBody())],
    ["/v2/large/backup", json(JSON.stringify(zcomBackupList(sizes.zcomBackups)))],
    // B7's warm-up: the large list but one, so a read buffer kept from it is too small to reuse.
    ["/v2/warm/backup", json(JSON.stringify(zcomBackupList(Math.max(0, sizes.zcomBackups - 1))))],
  ]);
  const large = onappBackups(sizes.onappBackups, LARGE_VM_ID);
  fixed.set(`/virtual_machines/${LARGE_VM_ID}/backups.json`, json(railsJson("backup", large)));
  fixed.set(`/virtual_machines/${LARGE_VM_ID}/backups.xml`, xml(railsXml("backup", large)));
  const vms = onappVirtualMachines(sizes.vms);
  // Every machine on one page, with the total an OnApp panel sends, so a client needs no second
  // page to know it has them all: B5's report makes the one list call the floor counts.
  fixed.set("/virtual_machines.json", {
    ...json(railsJson("virtual_machine", vms)),
    headers: { "x-total": String(vms.length) },
  });
  fixed.set("/virtual_machines.xml", xml(railsXml("virtual_machine", vms)));

  /** A small VM's list, made on first request (the inventory run asks for each once per run). */
  const perVm = new Map();
  const vmBackups = (path) => {
    // The inventory reads image backups (`backups/images`); the plain list serves the client benches.
    const match = /^\/virtual_machines\/(\d+)\/backups(?:\/images)?\.(json|xml)$/.exec(path);
    const id = match ? Number(match[1]) : 0;
    if (!match || id < 1 || id > sizes.vms) return undefined;
    let answer = perVm.get(path);
    if (!answer) {
      const records = onappBackups(sizes.backupsPerVm, id, id * sizes.backupsPerVm);
      answer = match[2] === "xml" ? xml(railsXml("backup", records)) : json(railsJson("backup", records));
      perVm.set(path, answer);
    }
    return answer;
  };

  const handler = (delayMs) => (request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const answer = request.method === "GET" ? (fixed.get(path) ?? vmBackups(path)) : undefined;
    const send = () => {
      if (!answer) {
        response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
        return;
      }
      response.writeHead(200, {
        ...answer.headers,
        "content-type": answer.type,
        "content-length": answer.body.byteLength,
      });
      response.end(answer.body);
    };
    // Drain the request before answering so keep-alive sockets stay reusable.
    request.resume();
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };

  const fast = createServer({ keepAliveTimeout: 60_000 }, handler(0));
  const slow = createServer({ keepAliveTimeout: 60_000 }, handler(sizes.delayMs));
  fast.listen(0, "127.0.0.1", () => {
    slow.listen(0, "127.0.0.1", () => {
      process.send({ port: fast.address().port, slowPort: slow.address().port });
    });
  });
  // Stop with the parent, even if it dies without closing us.
  process.on("disconnect", () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve(JSON.parse(process.argv[2]));
