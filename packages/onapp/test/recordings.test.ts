/**
 * Replays every OnApp recording in specs/recordings/onapp/ through the client method it belongs
 * to, with `validate: true`, from a real HTTP server that answers only at that operation's path.
 * What real servers sent must decode, pass the spec, and come out as the documented result.
 */
import { loadRecordings, type Recording, recordedFormat } from "@backupkit/specs/recordings";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type APIError,
  createOnAppClient,
  NotFoundError,
  type OnAppClient,
  UnprocessableEntityError,
} from "../src/index.js";

interface Replay {
  method: string;
  /** The path without its format suffix, for the ID used. */
  path: (id: number) => string;
  call: (client: OnAppClient, id: number) => Promise<unknown>;
  /** The result a 2xx body must give, from the body as recorded. */
  result: (body: unknown) => unknown;
}

const servers = (body: unknown) =>
  (body as Array<{ virtual_machine: unknown }>).map((e) => e.virtual_machine);
/** The client's one documented change to a backup: a digit-string `backup_size` becomes a number. */
const backups = (body: unknown) =>
  (body as Array<{ backup: Record<string, unknown> }>).map(({ backup }) =>
    typeof backup.backup_size === "string" ? { ...backup, backup_size: Number(backup.backup_size) } : backup,
  );

const REPLAYS: Record<string, Replay> = {
  listVirtualServers: {
    method: "GET",
    path: () => "/virtual_machines",
    call: (c) => c.listVirtualServers(),
    result: servers,
  },
  listDiskBackups: {
    method: "GET",
    path: (id) => `/settings/disks/${id}/backups`,
    call: (c, id) => c.listDiskBackups(id),
    result: backups,
  },
  getBackup: {
    method: "GET",
    path: (id) => `/backups/${id}`,
    call: (c, id) => c.getBackup(id),
    result: (body) => (body as { backup: unknown }).backup,
  },
  createDiskBackup: {
    method: "POST",
    path: (id) => `/settings/disks/${id}/backups`,
    call: (c, id) => c.createDiskBackup(id),
    result: (body) => (body as { backup: unknown }).backup,
  },
  // A blank 200 (`{}` or a space) means done: the client resolves with nothing.
  deleteBackup: {
    method: "DELETE",
    path: (id) => `/backups/${id}`,
    call: (c, id) => c.deleteBackup(id),
    result: () => undefined,
  },
};

const ERRORS: Record<number, typeof APIError> = { 404: NotFoundError, 422: UnprocessableEntityError };

const recordings = loadRecordings("onapp");
const replayed = recordings.filter((r) => r.spec.operation !== null);

/** The ID in an exactly matched recording's path (the last number), or any ID for a shared one. */
function idOf(recording: Recording): number {
  const numbers = recording.request.path.match(/\d+/g);
  return recording.spec.match === "exact" && numbers ? Number(numbers[numbers.length - 1]) : 1;
}

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

describe("OnApp recordings", () => {
  it("every recording with an operation has a replay here", () => {
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.map((r) => r.spec.operation).filter((op) => !(String(op) in REPLAYS))).toEqual([]);
  });

  it.each(replayed.map((r) => [r.file, r] as const))(
    "%s replays through its client method",
    async (_f, recording) => {
      const replay = REPLAYS[String(recording.spec.operation)] as Replay;
      const format = recordedFormat(recording);
      const id = idOf(recording);
      const path = `${replay.path(id)}.${format}`;
      const { status, body, content_type } = recording.response;
      if (recording.spec.match === "exact") expect(path).toBe(recording.request.path);

      server.handle((req, res) => {
        if (req.method === replay.method && req.url === path) {
          reply(res, status, body, {
            "content-type": content_type ?? `application/${format}; charset=utf-8`,
          });
        } else {
          reply(res, 599, `not the operation's path: ${req.method} ${req.url}`);
        }
      });
      const client = createOnAppClient({
        baseUrl: server.url,
        auth: { username: "user@example.com", password: "api-key" },
        format,
        validate: true,
        maxRetries: 0,
      });

      if (status >= 400) {
        const error = await replay.call(client, id).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ERRORS[status]);
        expect((error as APIError).status).toBe(status);
        expect((error as APIError).body).toEqual(JSON.parse(body));
      } else {
        const result = await replay.call(client, id);
        expect(result).toEqual(replay.result(body.trim() === "" ? undefined : JSON.parse(body)));
      }
      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`${replay.method} ${path}`]);
    },
  );
});
