/**
 * Writes values in the Rails `to_xml` dialect (OnApp's XML request bodies), the inverse of
 * `decodeRailsXml`: what this writes decodes to what JSON.stringify + JSON.parse would give.
 */

import { FORBIDDEN_UNIT, isName, isWellFormedUtf16 } from "./chars.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // A raw CR would be read back as LF (XML normalises line ends); a reference keeps it.
  "\r": "&#13;",
};
const NEEDS_ESCAPE = /[&<>"'\r]/g;

/** Escapes text for an XML element body or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(NEEDS_ESCAPE, (c) => ESCAPES[c] ?? c);
}

/**
 * Writes a value in the same Rails dialect (used for OnApp XML request bodies):
 * `{ backup: { note: "x" } }` → `<backup><note>x</note></backup>`.
 * Throws a TypeError for what XML cannot carry: a key that is not an XML name, a string holding
 * a control character or a lone surrogate, a value that contains itself. Core reports it to the
 * caller as an InvalidArgumentError that names the call.
 */
export function encodeRailsXml(value: Record<string, unknown>): string {
  const entries = Object.entries(value);
  if (entries.length !== 1) throw new TypeError("encodeRailsXml expects an object with exactly one root key");
  const [[name, body]] = entries as [[string, unknown]];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(name, body, new Set())}`;
}

function element(name: string, input: unknown, open: Set<object>): string {
  if (!isName(name)) throw new TypeError(`XML body: the key ${JSON.stringify(name)} is not an XML name`);
  // Dates and other values with toJSON are written as JSON.stringify would write them.
  const value =
    typeof input === "object" &&
    input !== null &&
    typeof (input as { toJSON?: unknown }).toJSON === "function"
      ? (input as { toJSON(): unknown }).toJSON()
      : input;
  if (value === null || value === undefined) return `<${name} nil="true"/>`;
  if (typeof value === "object") {
    if (open.has(value)) throw new TypeError(`XML body: <${name}> contains itself`);
    open.add(value);
    let inner: string;
    if (Array.isArray(value)) {
      // Rails names items by the singular of the list's name; "item" when that is no name.
      const singular = name.endsWith("s") ? name.slice(0, -1) : "";
      const child = isName(singular) ? singular : "item";
      inner = value.map((item) => element(child, item, open)).join("");
    } else {
      inner = Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => element(k, v, open))
        .join("");
    }
    open.delete(value);
    return Array.isArray(value) ? `<${name} type="array">${inner}</${name}>` : `<${name}>${inner}</${name}>`;
  }
  if (typeof value === "number") {
    // JSON writes NaN and ±Infinity as null; integers past 2^53 go as floats so that they
    // read back as the same number (their digits may be written in exponent form).
    if (!Number.isFinite(value)) return `<${name} nil="true"/>`;
    return `<${name} type="${Number.isSafeInteger(value) ? "integer" : "float"}">${value}</${name}>`;
  }
  if (typeof value === "boolean") return `<${name} type="boolean">${value}</${name}>`;
  const text = String(value);
  if (FORBIDDEN_UNIT.test(text) || !isWellFormedUtf16(text)) {
    throw new TypeError(
      `XML body: <${name}> holds a character XML 1.0 cannot carry (a control character or a lone surrogate)`,
    );
  }
  return `<${name}>${escapeXml(text)}</${name}>`;
}
