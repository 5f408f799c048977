/**
 * What core needs to know about the OnApp API: Rails' XML as a second wire format (its codec
 * loaded on first use, so JSON users never load it), the blank answers that mean "done", and
 * the shapes of Rails error bodies.
 */
import { type ApiProfile, isBlank, isRecord, textOf, type Validators } from "@backupkit/core";

export const XML_MEDIA_TYPE = "application/xml";

type XmlCodec = typeof import("./xml/codec.js");
let xmlCodec: XmlCodec | undefined;
let loadingXml: Promise<XmlCodec> | undefined;

/** Loads the Rails XML codec once; the XML client awaits this before its first call. */
export function loadXmlCodec(): Promise<XmlCodec> {
  loadingXml ??= import("./xml/codec.js").then((codec) => {
    xmlCodec = codec;
    return codec;
  });
  return loadingXml;
}

function xml(): XmlCodec {
  // Only XML clients send XML, and they load the codec before their first call.
  if (!xmlCodec) throw new Error("the XML codec is not loaded");
  return xmlCodec;
}

/** `<errors><error>a</error></errors>` decodes to `{errors: {error: "a"}}`; users read `{errors: ["a"]}`. */
export function flattenXmlErrors(value: unknown): unknown {
  const errors = isRecord(value) ? value.errors : undefined;
  if (isRecord(errors) && errors.error !== undefined) {
    return { errors: Array.isArray(errors.error) ? errors.error : [errors.error] };
  }
  return value;
}

/**
 * The message in a Rails error body: `{"errors": ["..."]}`, `{"errors": {"field": ["..."]}}`
 * (`base` holds messages about the whole object) or `{"error": "..."}`.
 */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() || undefined;
  if (!isRecord(body)) return undefined;
  const { errors, error } = body;
  if (Array.isArray(errors)) return errors.map(textOf).join("; ") || undefined;
  if (isRecord(errors)) {
    const parts = Object.entries(errors).map(([field, messages]) => {
      const list = Array.isArray(messages) ? messages.map(textOf).join(", ") : textOf(messages);
      return field === "base" ? list : `${field} ${list}`;
    });
    return parts.join("; ") || undefined;
  }
  return error === undefined ? undefined : textOf(error) || undefined;
}

export const onappProfile: ApiProfile = {
  decoders: { [XML_MEDIA_TYPE]: (text) => xml().decodeRailsXml(text) },
  encoders: { [XML_MEDIA_TYPE]: (body) => xml().encodeRailsXml(body as Record<string, unknown>) },
  // A DELETE or restore may answer "", " " or "{}" whatever format was asked for: all mean done.
  isEmptySuccess: (text) => isBlank(text) || (text.length < 64 && text.trim() === "{}"),
  errorBody: flattenXmlErrors,
  errorMessage,
  validators: async () => (await import("./generated/validators.js")) as unknown as Validators,
};
