/**
 * Replays every Z.com recording in specs/recordings/zcom/ (the vendor's own transcripts) through
 * the client method it belongs to, with `validate: true`, from a real HTTP server that answers
 * only at that operation's path, with the recorded status, label and body.
 */
import { loadRecordings, type Recording } from "@backupkit/specs/recordings";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZcomClient, type ZcomClient } from "../src/index.js";

interface Replay {
  method: string;
  /** The recorded path's parts the call needs: tenant, and the backup ID where there is one. */
  parse: (path: string) => { tenant: string; id?: string } | undefined;
  call: (client: ZcomClient, id: string | undefined) => Promise<unknown>;
  /** The result the recorded body must give. */
  result: (body: { backup: unknown }) => unknown;
}

const segments = (path: string) => path.split("/").filter(Boolean);

const REPLAYS: Record<string, Replay> = {
  listBackups: {
    method: "GET",
    parse: (path) => {
      const [v, tenant, backup, ...rest] = segments(path);
      return v === "v2" && backup === "backup" && rest.length === 0 && tenant ? { tenant } : undefined;
    },
    call: (c) => c.listBackups(),
    result: (body) => body.backup,
  },
  getBackup: {
    method: "GET",
    parse: (path) => {
      const [v, tenant, backup, id, ...rest] = segments(path);
      return v === "v2" && backup === "backup" && rest.length === 0 && tenant && id
        ? { tenant, id }
        : undefined;
    },
    call: (c, id) => c.getBackup(id ?? ""),
    // The vendor's page wraps the one backup in an array; the client hands back the backup itself.
    result: (body) => (Array.isArray(body.backup) ? body.backup[0] : body.backup),
  },
  enableBackup: {
    method: "POST",
    parse: (path) => {
      const [v, tenant, backup, ...rest] = segments(path);
      return v === "v2" && backup === "backup" && rest.length === 0 && tenant ? { tenant } : undefined;
    },
    call: (c) => c.enableBackup("efbc4dea-e7e3-4890-883c-9a7a5ca9e105"),
    result: (body) => body.backup,
  },
};

const recordings = loadRecordings("zcom");

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

describe("Z.com recordings", () => {
  it("every recording names an operation replayed here", () => {
    expect(recordings.length).toBeGreaterThan(0);
    expect(recordings.map((r) => r.spec.operation).filter((op) => !(String(op) in REPLAYS))).toEqual([]);
  });

  it.each(recordings.map((r) => [r.file, r] as const))(
    "%s replays through its client method",
    async (_f, recording: Recording) => {
      const replay = REPLAYS[String(recording.spec.operation)] as Replay;
      const { method, path } = recording.request;
      const parts = replay.parse(path);
      expect(parts, `${path} is a ${recording.spec.operation} path`).toBeDefined();
      expect(method).toBe(replay.method);
      const { status, body, content_type } = recording.response;

      server.handle((req, res) => {
        if (req.method === method && req.url === path) {
          reply(res, status, body, { "content-type": content_type ?? "application/json" });
        } else {
          reply(res, 599, `not the operation's path: ${req.method} ${req.url}`);
        }
      });
      const client = createZcomClient({
        tenantId: parts?.tenant ?? "",
        baseUrl: server.url,
        auth: { token: "35941e7df872405d84e5b026dba8323c" },
        validate: true,
        maxRetries: 0,
      });

      expect(await replay.call(client, parts?.id)).toEqual(replay.result(JSON.parse(body)));
      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`${method} ${path}`]);
    },
  );
});
