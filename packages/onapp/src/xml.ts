/**
 * The `@backupkit/onapp/xml` entry: the Rails XML codec (OnApp's XML API) for use on its own,
 * with the typed errors the client throws: DecodeError for a body that is not well-formed,
 * InvalidArgumentError for a value XML cannot carry.
 */
import { DecodeError, InvalidArgumentError } from "@backupkit/core";
import { decodeRailsXml as decode, encodeRailsXml as encode } from "./xml/codec.js";

export { escapeXml } from "./xml/codec.js";

/** Decodes a Rails `to_xml` document into the value its JSON form would parse to. Throws DecodeError. */
export function decodeRailsXml(source: string): unknown {
  try {
    return decode(source);
  } catch (error) {
    throw error instanceof SyntaxError ? new DecodeError(error.message, { cause: error }) : error;
  }
}

/** Writes a value in the same Rails dialect. Throws InvalidArgumentError for what XML cannot carry. */
export function encodeRailsXml(value: Record<string, unknown>): string {
  try {
    return encode(value);
  } catch (error) {
    throw error instanceof TypeError ? new InvalidArgumentError(error.message, { cause: error }) : error;
  }
}
