/**
 * B4: OnApp's XML wire format against its JSON one, both through the client, on one large list.
 * The run also proves the two decode to the same records: a faster decoder that got the data
 * wrong must not pass as an improvement.
 */
import { deepStrictEqual } from "node:assert/strict";
import { createOnAppClient } from "@backupkit/onapp";
import { timeRow } from "./calls.mjs";
import { onappBackups } from "./lib/data.mjs";
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
  // Both paths end in the same record normalization, so a fault there (a field dropped or retyped
  // on both) would pass the comparison above: the records are also held to the data served.
  deepStrictEqual(
    fromXml,
    onappBackups(ctx.sizes.onappBackups, LARGE_VM_ID),
    "B4: the XML path decoded something other than the data the server sent",
  );
  ctx.checks.push(
    `XML ≡ JSON: ${fromJson.length} OnApp backups decode to deep-equal records both ways, equal to the data served`,
  );

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
