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
import { DecodeError } from "@backupkit/core";

/** Thrown (as a DecodeError) for any input that is not well-formed Rails XML. */
function fail(message: string, source: string, index: number): never {
  const line = source.slice(0, index).split("\n").length;
  throw new DecodeError(`Malformed XML at line ${line}: ${message}`);
}

interface Frame {
  name: string;
  type: string | undefined;
  nil: boolean;
  /** Where the element's content starts in the source (just after its start tag). */
  contentStart: number;
  /** Text gathered piecewise; only used once CDATA or a comment splits the content. */
  text: string | undefined;
  /** Child values: an object for records, an array for `type="array"`, absent for leaves. */
  object: Record<string, unknown> | undefined;
  array: unknown[] | undefined;
  /** Child element names, kept only for a root array (Rails wraps each record in its name). */
  names: string[] | undefined;
  /** Child names seen more than once, whose values were gathered into a list. */
  repeated?: Set<string>;
  start: number;
}

const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<!([A-Za-z]+)|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(text: string, source: string, at: number): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (_match, entity: string) => {
    if (entity.startsWith("#")) {
      const code = entity.startsWith("#x")
        ? Number.parseInt(entity.slice(2), 16)
        : Number.parseInt(entity.slice(1), 10);
      if (!isXmlChar(code)) fail(`&${entity}; is not a character XML allows`, source, at);
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[entity];
    if (named === undefined) fail(`unknown entity &${entity};`, source, at);
    return named;
  });
}

/** XML 1.0's Char production: what a character reference may stand for. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** True when text[from, to) holds only XML whitespace; no substring is made. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function scalar(frame: Frame, text: string, source: string): unknown {
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

function addChild(parent: Frame, name: string, value: unknown): void {
  if (parent.type === "array") {
    parent.array ??= [];
    parent.array.push(value);
    parent.names?.push(name);
    return;
  }
  parent.object ??= {};
  const object = parent.object;
  if (Object.hasOwn(object, name)) {
    // A repeated name becomes a list; remember which lists we made, so that a first value
    // that was itself an array (`type="array"`) is kept as one item, not spread.
    parent.repeated ??= new Set();
    if (parent.repeated.has(name)) (object[name] as unknown[]).push(value);
    else {
      setOwn(object, name, [object[name], value]);
      parent.repeated.add(name);
    }
  } else {
    setOwn(object, name, value);
  }
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
    const top = stack[stack.length - 1];
    if (match.index > last) {
      const stray = text.indexOf("<", last);
      if (stray !== -1 && stray < match.index)
        fail("a '<' that starts no tag (escape it as &lt;)", text, stray);
      // Text between two tags. A leaf's own text is sliced whole when it closes; here we only
      // refuse text where none may be: outside the root, or beside child elements.
      if (!top) {
        if (!isBlank(text, last, match.index)) fail("text outside the document element", text, last);
      } else if (top.object !== undefined || top.array !== undefined) {
        if (!isBlank(text, last, match.index)) fail(`<${top.name}> mixes text and elements`, text, last);
      } else if (top.text !== undefined) {
        top.text += unescapeXml(text.slice(last, match.index), text, last);
      }
    }
    last = TOKEN.lastIndex;
    const name = match[4];
    const cdata = match[1];
    if (name === undefined && (match[2] === undefined || cdata !== undefined)) {
      // A comment, a processing instruction or CDATA; each must be closed.
      const token = match[0];
      if (!(token.endsWith("-->") || token.endsWith("?>") || token.endsWith("]]>")) || token.length < 5) {
        fail(`${token.slice(0, 9)}… is never closed`, text, match.index);
      }
      if (!top) {
        if (cdata !== undefined) fail("CDATA outside the document element", text, match.index);
        continue;
      }
      // Content split by CDATA or a comment: gather it piecewise from here on.
      top.text ??= unescapeXml(text.slice(top.contentStart, match.index), text, top.contentStart);
      if (cdata !== undefined) top.text += cdata;
      continue;
    }
    if (name === undefined) {
      fail(`<!${match[2]}> is not allowed (no DTDs or entity declarations)`, text, match.index);
    }
    const attributes = match[5];
    if (match[3] === "/") {
      const frame = stack.pop();
      if (!frame || frame.name !== name) {
        fail(`</${name}> closes ${frame ? `<${frame.name}>` : "nothing"}`, text, match.index);
      }
      close(frame, match.index);
      continue;
    }
    if (root && stack.length === 0) fail("a second document element", text, match.index);
    if (top && top.object === undefined && top.array === undefined) {
      // First child: whatever came before it in the parent must be blank.
      const blank =
        top.text === undefined ? isBlank(text, top.contentStart, match.index) : !/\S/.test(top.text);
      if (!blank) fail(`<${top.name}> mixes text and elements`, text, match.index);
    }
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
    const frame: Frame = {
      name,
      type,
      nil,
      contentStart: last,
      text: undefined,
      object: undefined,
      array: undefined,
      names: !root && type === "array" ? [] : undefined,
      start: match.index,
    };
    if (!root) root = frame;
    if (match[6] === "/") close(frame, last);
    else stack.push(frame);
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]?.name}> is never closed`, text, text.length);
  if (!root) throw new DecodeError("Malformed XML: no document element");
  if (!isBlank(text, last, text.length)) fail("text after the document element", text, last);
  return rootValue;

  function close(frame: Frame, end: number): void {
    let value: unknown;
    if (frame.nil) value = null;
    else if (frame.type === "array") value = frame.array ?? [];
    else if (frame.object !== undefined) value = frame.object;
    else {
      // Text split by CDATA or comments was gathered as it came; otherwise slice it whole.
      const content =
        frame.text ?? unescapeXml(text.slice(frame.contentStart, end), text, frame.contentStart);
      value = scalar(frame, content, text);
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      addChild(parent, frame.name, value);
      return;
    }
    if (frame.type === "array" && !frame.nil) {
      const names = frame.names ?? [];
      rootValue = (frame.array ?? []).map((childValue, index) => {
        const wrapper: Record<string, unknown> = {};
        setOwn(wrapper, names[index] ?? "item", childValue);
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
