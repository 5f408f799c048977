/**
 * A decoder for the XML dialect Rails' `to_xml` writes (OnApp's XML API), built for speed and
 * safety rather than generality.
 *
 * Why not a general XML parser: a general parser builds a tree we would then walk again, and
 * on a 10 000-record OnApp list the popular one is ~70x slower than JSON.parse. This scanner
 * walks the tags once and builds the final objects directly. It refuses DOCTYPE and entity
 * declarations (no entity expansion attacks) and stores `__proto__` as an own property,
 * exactly as JSON.parse does.
 *
 * Mapping, chosen so that the XML form decodes to exactly what the JSON form parses to:
 * - `nil="true"` → `null`;
 * - `type="integer"` → number; `type="float|decimal|double"` → number;
 *   `type="boolean"` → boolean; `type="datetime|dateTime|date"` and untyped text → string;
 * - `type="array"` → an array of the children's values;
 * - an element with child elements → an object keyed by child name (a repeated name → array);
 * - the document element becomes `{ name: value }`, and a root array becomes
 *   `[{ childName: value }, ...]`: Rails' JSON wraps each record in its class name the same way.
 */
import { DecodeError } from "./errors.js";

/** Thrown (as a DecodeError) for any input that is not well-formed Rails XML. */
function fail(message: string, source: string, index: number): never {
  const line = source.slice(0, index).split("\n").length;
  throw new DecodeError(`Malformed XML at line ${line}: ${message}`);
}

interface Frame {
  name: string;
  type: string | undefined;
  nil: boolean;
  text: string;
  /** Child values in document order, with their element names. */
  children: Array<[string, unknown]>;
  start: number;
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!([A-Za-z]+)|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(text: string, source: string, at: number): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (_match, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const named = NAMED_ENTITIES[entity];
    if (named === undefined) fail(`unknown entity &${entity};`, source, at);
    return named;
  });
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function scalar(frame: Frame, source: string): unknown {
  const text = frame.text;
  switch (frame.type) {
    case "integer": {
      const trimmed = text.trim();
      if (trimmed === "") return null;
      if (!/^[-+]?\d+$/.test(trimmed))
        fail(`<${frame.name}> is typed integer but holds "${trimmed.slice(0, 40)}"`, source, frame.start);
      return Number(trimmed);
    }
    case "float":
    case "decimal":
    case "double": {
      const trimmed = text.trim();
      if (trimmed === "") return null;
      const value = Number(trimmed);
      if (Number.isNaN(value))
        fail(
          `<${frame.name}> is typed ${frame.type} but holds "${trimmed.slice(0, 40)}"`,
          source,
          frame.start,
        );
      return value;
    }
    case "boolean": {
      const trimmed = text.trim();
      if (trimmed === "true" || trimmed === "1") return true;
      if (trimmed === "false" || trimmed === "0") return false;
      if (trimmed === "") return null;
      return fail(
        `<${frame.name}> is typed boolean but holds "${trimmed.slice(0, 40)}"`,
        source,
        frame.start,
      );
    }
    case "array":
      return [];
    default:
      return text;
  }
}

function frameValue(frame: Frame, source: string): unknown {
  if (frame.nil) return null;
  if (frame.type === "array") return frame.children.map(([, value]) => value);
  if (frame.children.length === 0) return scalar(frame, source);
  if (frame.text.trim() !== "") fail(`<${frame.name}> mixes text and elements`, source, frame.start);
  const object: Record<string, unknown> = {};
  for (const [name, value] of frame.children) {
    if (Object.hasOwn(object, name)) {
      const existing = object[name];
      setOwn(object, name, Array.isArray(existing) ? [...existing, value] : [existing, value]);
    } else {
      setOwn(object, name, value);
    }
  }
  return object;
}

/**
 * Decodes a Rails `to_xml` document into the value its JSON form would parse to.
 * Throws DecodeError for anything that is not well-formed.
 */
export function decodeRailsXml(source: string): unknown {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const stack: Frame[] = [];
  let root: Frame | undefined;
  let rootValue: unknown;
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const between = text.slice(last, match.index);
    const top = stack[stack.length - 1];
    if (between) {
      if (top) top.text += unescapeXml(between, text, last);
      else if (between.trim() !== "") fail("text outside the document element", text, last);
    }
    last = TOKEN.lastIndex;
    const [token, cdata, declaration, closing, name, attributes, selfClosing] = match;
    if (token.startsWith("<!--") || token.startsWith("<?")) continue;
    if (cdata !== undefined) {
      if (!top) fail("CDATA outside the document element", text, match.index);
      top.text += cdata;
      continue;
    }
    if (declaration !== undefined) {
      fail(`<!${declaration}> is not allowed (no DTDs or entity declarations)`, text, match.index);
    }
    if (name === undefined) continue;
    if (closing) {
      const frame = stack.pop();
      if (!frame || frame.name !== name) {
        fail(`</${name}> closes ${frame ? `<${frame.name}>` : "nothing"}`, text, match.index);
      }
      close(frame);
      continue;
    }
    if (root && stack.length === 0) fail("a second document element", text, match.index);
    let type: string | undefined;
    let nil = false;
    if (attributes) {
      ATTRIBUTE.lastIndex = 0;
      for (let attr = ATTRIBUTE.exec(attributes); attr !== null; attr = ATTRIBUTE.exec(attributes)) {
        const value = attr[2] ?? attr[3] ?? "";
        if (attr[1] === "type") type = value;
        else if (attr[1] === "nil") nil = value === "true";
      }
    }
    const frame: Frame = { name, type, nil, text: "", children: [], start: match.index };
    if (!root) root = frame;
    if (selfClosing) close(frame);
    else stack.push(frame);
  }
  const tail = text.slice(last);
  if (stack.length > 0) fail(`<${stack[stack.length - 1]?.name}> is never closed`, text, text.length);
  if (!root) throw new DecodeError("Malformed XML: no document element");
  if (tail.trim() !== "") fail("text after the document element", text, last);
  return rootValue;

  function close(frame: Frame): void {
    const value = frameValue(frame, text);
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push([frame.name, value]);
      return;
    }
    if (frame.type === "array" && !frame.nil) {
      rootValue = frame.children.map(([childName, childValue]) => {
        const wrapper: Record<string, unknown> = {};
        setOwn(wrapper, childName, childValue);
        return wrapper;
      });
    } else {
      const wrapper: Record<string, unknown> = {};
      setOwn(wrapper, frame.name, value);
      rootValue = wrapper;
    }
  }
}

/** Escapes text for an XML element body or attribute. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`,
  );
}

/**
 * Writes a value in the same Rails dialect (used for OnApp XML request bodies):
 * `{ backup: { note: "x" } }` → `<backup><note>x</note></backup>`.
 */
export function encodeRailsXml(value: Record<string, unknown>): string {
  const entries = Object.entries(value);
  if (entries.length !== 1) throw new TypeError("encodeRailsXml expects an object with exactly one root key");
  const [[name, body]] = entries as [[string, unknown]];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(name, body)}`;
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name} nil="true"/>`;
  if (Array.isArray(value)) {
    const child = name.endsWith("s") ? name.slice(0, -1) : "item";
    return `<${name} type="array">${value.map((item) => element(child, item)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    const inner = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => element(k, v))
      .join("");
    return `<${name}>${inner}</${name}>`;
  }
  if (typeof value === "number") {
    return `<${name} type="${Number.isInteger(value) ? "integer" : "float"}">${value}</${name}>`;
  }
  if (typeof value === "boolean") return `<${name} type="boolean">${value}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
