/**
 * What core needs to know about the OnApp API: Rails' XML as a second wire format (its codec
 * loaded on first use, so JSON users never load it), the blank answers that mean "done", and
 * how Rails error bodies read (error-reading.ts, loaded with the first error answer).
 */
import type { ApiProfile, Decoder, Validators } from "@backupkit/core";

export const XML_MEDIA_TYPE = "application/xml";

// XML's entries appear when the codec loads: before that, no client of this process sends XML.
const decoders: Record<string, Decoder> = {};
const encoders: Record<string, (body: unknown) => string> = {};
let loadingXml: Promise<void> | undefined;

/** Loads the Rails XML codec once; an XML client awaits this before its first call. */
export function loadXmlCodec(): Promise<void> {
  loadingXml ??= import("./xml/codec.js").then((codec) => {
    decoders[XML_MEDIA_TYPE] = codec.decodeRailsXml;
    encoders[XML_MEDIA_TYPE] = (body) => codec.encodeRailsXml(body as Record<string, unknown>);
  });
  return loadingXml;
}

export const onappProfile: ApiProfile = {
  decoders,
  encoders,
  // A DELETE or restore may answer "", " " or "{}" whatever format was asked for: all mean done.
  // So does a blank JSON string (`"  "`, `"\t\r\n"`), which the spec's BlankBody admits and Prism
  // sends; any one-letter escape counts as blank, which only a server's mistake could send.
  // (Linear on any body: one anchored pass, and the repeated choices never overlap.)
  isEmptySuccess: (text) => /^(\{\s*\}|"(\s|\\\w)*")?$/.test(text.trim()),
  errorReading: () => import("./error-reading.js"),
  validators: async () => (await import("./generated/validators.js")) as unknown as Validators,
};
