/**
 * B4: OnApp's XML wire format against its JSON one, both through the client, on one large list.
 * The run also proves the two decode to the same records: a faster decoder that got the data
 * wrong must not pass as an improvement.
 */
import { deepStrictEqual } from "node:assert/strict";
import { createOnAppClient } from "@backupkit/onapp";
import { timeRow } from "./calls.mjs";
import { alternate } from "./lib/measure.mjs";
import { LARGE_VM_ID } from "./lib/server.mjs";

const AUTH = { username: "bench@example.com", password: "bench-api-key" };

export async function b4(ctx) {
  const xml = createOnAppClient({ baseUrl: ctx.server.url, auth: AUTH, format: "xml" });
  const json = createOnAppClient({ baseUrl: ctx.server.url, auth: AUTH, format: "json" });
  const fromXml = await xml.listBackups(LARGE_VM_ID);
  const fromJson = await json.listBackups(LARGE_VM_ID);
  if (fromJson.length !== ctx.sizes.onappBackups) {
    throw new Error(
      `B4: expected ${ctx.sizes.onappBackups} backups, the JSON client read ${fromJson.length}`,
    );
  }
  deepStrictEqual(fromXml, fromJson, "B4: the XML and JSON paths decoded the same data differently");
  ctx.checks.push(`XML ≡ JSON: ${fromJson.length} OnApp backups decode to deep-equal records both ways`);

  const times = await alternate(
    () => xml.listBackups(LARGE_VM_ID),
    () => json.listBackups(LARGE_VM_ID),
    { warmup: ctx.quick ? 0 : 2, rounds: ctx.quick ? 1 : 11 },
  );
  return [
    timeRow(
      "B4",
      `OnApp list of ${ctx.sizes.onappBackups} backups as XML`,
      times,
      3.0,
      "the same data as JSON, our client",
    ),
  ];
}
