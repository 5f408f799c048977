/**
 * A decoder for the XML dialect Rails' `to_xml` writes (OnApp's XML API): one forward pass over
 * the body that checks well-formedness and builds the final values directly.
 *
 * Why hand-written: a general XML parser builds a tree we would walk again, and on a
 * 10 000-record OnApp list the popular one costs ~70× a JSON.parse of the same data. This
 * scanner jumps between markup with `indexOf`, slices each value once and types it in place.
 *
 * Why it is linear on any input: every search either consumes what it scanned, or its result
 * is remembered (`nextAmp`, `nextCr`, `nextCdataEnd`, the next `<`) and sought again only
 * from past it, so no stretch of the body is scanned twice; there is no regular expression
 * that can backtrack, and element nesting lives in an explicit stack, not in recursion.
 *
 * Safety: DOCTYPE and entity declarations are refused (no entity expansion), `__proto__` is
 * stored as an own property exactly as JSON.parse does, and error messages name a line and
 * column and what was expected there, never any of the body's text (a body may echo a
 * credential).
 *
 * Mapping, chosen so that the XML form decodes to exactly what the JSON form parses to:
 * - `nil="true"` → `null`;
 * - `type="integer"` → number; `type="float|decimal|double"` → number (`NaN`/`Infinity`,
 *   which Rails' JSON writes as null, → null); `type="boolean"` → boolean; an empty typed
 *   element → null; `type="datetime|date|…"` and untyped text → string;
 * - `type="array"` → an array of the children's values;
 * - an element with child elements → an object keyed by child name (a repeated name → array);
 * - the document element becomes `{ name: value }`, and a root array becomes
 *   `[{ childName: value }, ...]`: Rails' JSON wraps each record in its class name the same way.
 *
 * Like `JSON.parse`, it throws a SyntaxError for a body that is not well-formed, and core turns
 * that into a DecodeError that names the call. The codec imports nothing from core, so that a
 * bundler loads it as one chunk of its own rather than splitting core's start-up code in two.
 */

import { FORBIDDEN_UNIT, isNameChar, isNameStart, isSpace, isWellFormedUtf16, isXmlChar } from "./chars.js";

// The `type` attribute, read once per element.
const TEXT = 0;
const INTEGER = 1;
const FLOAT = 2;
const BOOLEAN = 3;
const ARRAY = 4;

/** An element whose content is still being read (leaves closed right away never get one). */
interface Frame {
  name: string;
  /** Its slot in the table of names (see `names` in decodeRailsXml). */
  slot: number;
  /** Unique within one decode: marks which names this element's children have used. */
  id: number;
  /** Where its start tag began, for "opened at" in messages. */
  start: number;
  type: number;
  nil: boolean;
  /** The root array: each item is wrapped in its element name, as Rails' JSON does. */
  wrap: boolean;
  /** True once a child element arrived; from then on only whitespace may stand beside them. */
  parent: boolean;
  /** The first piece of text, as a range of the body not yet sliced (`textFrom` -1: none). */
  textFrom: number;
  textTo: number;
  /**
   * The pieces of text so far, once a second piece (after a comment, or CDATA) made slicing
   * necessary. Joined once at the end: appending each piece to one string would allocate a
   * new string per piece, a chain as long as the number of pieces.
   */
  pieces: string[] | undefined;
  object: Record<string, unknown> | undefined;
  /**
   * The last object finished for an element of this name, and its keys: while the children
   * arrive in the same order (`matched` of them so far; -1 once they did not), the object is
   * a copy of it with each value replaced in place. See `addChild`. An open element holds its
   * name's template alone: one of the same name nested inside it starts without one.
   */
  template: Record<string, unknown> | undefined;
  keys: string[] | undefined;
  matched: number;
  array: unknown[] | undefined;
  /** Names whose values this object has gathered into a list (a repeated element). */
  repeated: Set<string> | undefined;
}

// Remembered search results: the next `&`, CR and `]]>` at or after where each was sought.
// They are module state, not locals, so that the helpers below can share them; decoding is
// synchronous, and each call resets them.
let nextAmp = -1;
let nextCr = -1;
let nextCdataEnd = -1;
/** Code units examined by the current (or last) call: the scaling test's operation count. */
let work = 0;

/**
 * How many code units the last `decodeRailsXml` call examined: every `indexOf` counts the
 * stretch it scanned (to the end of the body when it found nothing), every loop the units it
 * stepped over. The scaling test compares this count at sizes n and 4n.
 */
export function lastDecodeWork(): number {
  return work;
}

/**
 * Decodes a Rails `to_xml` document into the value its JSON form would parse to.
 * Throws a SyntaxError for anything that is not well-formed.
 */
export function decodeRailsXml(source: string): unknown {
  const src = source;
  const len = src.length;
  nextAmp = -1;
  nextCr = -1;
  nextCdataEnd = -1;
  work = len;
  refuseForbiddenUnits(src);
  const begin = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Frame[] = [];
  // Names seen, by a hash of their text: a name seen before is taken from here, not sliced
  // again, and the same string object then serves as a property key without re-hashing.
  const names: (string | undefined)[] = new Array(NAME_SLOTS);
  // Which name came next, last time, after the start (2 × slot) or end (2 × slot + 1) of each
  // name: records repeat their fields in order, so the next name is usually known and is
  // checked with one comparison instead of being scanned and hashed.
  const follow: (string | undefined)[] = new Array(2 * NAME_SLOTS);
  const followSlot = new Int32Array(2 * NAME_SLOTS);
  let after = -1;
  // For each depth, the id of the element that last used each name slot there: a child name
  // whose slot its parent has not used yet is new to the parent's object (no lookup needed).
  const used: Int32Array[] = [];
  // The last object finished for each name slot, with its keys: records of one list have the
  // same fields in the same order, so each is built as a copy of the one before (addChild).
  const templates: (Record<string, unknown> | undefined)[] = new Array(NAME_SLOTS);
  const templateKeys: (string[] | undefined)[] = new Array(NAME_SLOTS);
  let frames = 0;
  let top: Frame | undefined;
  let rootDone = false;
  let result: unknown;
  let lt = -1; // the next '<' at or after where it was last sought
  let pos = begin;

  for (;;) {
    if (lt < pos) lt = seek(src, "<", pos);
    if (lt > pos) {
      // Text up to the next markup.
      if (top === undefined) {
        if (!isBlank(src, pos, lt)) fail(src, pos, "text outside the document element");
      } else if (top.parent || top.type === ARRAY) {
        if (!isBlank(src, pos, lt)) fail(src, pos, MIXED);
      } else if (top.textFrom < 0 && top.pieces === undefined) {
        top.textFrom = pos;
        top.textTo = lt;
      } else {
        addText(src, top, pos, lt, false);
      }
    }
    if (lt >= len) break;
    const c = src.charCodeAt(lt + 1);

    if (c === 47 /* </ */) {
      if (top === undefined) fail(src, lt, "an end tag, but no element is open");
      const end = endTag(src, lt, top.name, top.start);
      const value = closeValue(src, top);
      if (top.parent && top.object !== undefined && top.matched < 0 && top.type !== ARRAY && !top.nil) {
        // The next record of this name starts from this one. A record with its own `__proto__`
        // cannot be filled in by assignment (that would set the prototype), so it serves as none,
        // and the template before it goes too: each copy of a template is then paid for by the
        // fields read since it was made (the copies of one template by records that leave it
        // would otherwise add up to its size times their number).
        const own = !Object.hasOwn(value as object, "__proto__");
        templates[top.slot] = own ? (value as Record<string, unknown>) : undefined;
        templateKeys[top.slot] = own ? Object.keys(value as object) : undefined;
      } else if (top.template !== undefined && templates[top.slot] === undefined) {
        // The template it took at its start goes back for the next record of this name.
        templates[top.slot] = top.template;
        templateKeys[top.slot] = top.keys;
      }
      stack.pop();
      const frame = top;
      top = stack[stack.length - 1];
      after = 2 * frame.slot + 1;
      if (top !== undefined)
        addChild(top, frame.name, value, fresh(used, stack.length - 1, top.id, frame.slot));
      else {
        result = rootValue(frame.name, frame.type, frame.nil, value);
        rootDone = true;
      }
      pos = end;
      continue;
    }

    if (c === 33 /* <! */) {
      if (src.charCodeAt(lt + 2) === 45 && src.charCodeAt(lt + 3) === 45) {
        // A comment: it ends at the first `--`, which must be followed by `>`.
        const end = seek(src, "--", lt + 4);
        if (end >= len) fail(src, lt, "a comment that is never closed (expected '-->')");
        if (src.charCodeAt(end + 2) !== 62) fail(src, end, "'--' inside a comment (expected '-->')");
        pos = end + 3;
        continue;
      }
      if (src.startsWith("[CDATA[", lt + 2)) {
        if (top === undefined) fail(src, lt, "a CDATA section outside the document element");
        const from = lt + 9;
        const end = seek(src, "]]>", from);
        if (end >= len) fail(src, lt, "a CDATA section that is never closed (expected ']]>')");
        if (top.parent || top.type === ARRAY) {
          if (!isBlank(src, from, end)) fail(src, from, MIXED);
        } else {
          addText(src, top, from, end, true);
        }
        pos = end + 3;
        continue;
      }
      if (src.startsWith("DOCTYPE", lt + 2)) {
        fail(src, lt, "a DOCTYPE declaration (refused: no DTDs or entity declarations)");
      }
      fail(src, lt, "'<!' that starts no comment or CDATA section (declarations are refused)");
    }

    if (c === 63 /* <? */) {
      pos = processingInstruction(src, lt, lt === begin);
      continue;
    }

    // A start tag.
    if (!isNameStart(c)) fail(src, lt, "a '<' that starts no tag (expected a name; escape it as &lt;)");
    if (top === undefined) {
      if (rootDone) fail(src, lt, "a second document element (expected one root)");
    } else if (!top.parent) {
      becomeParent(src, top);
    }
    const tagStart = lt;
    let name = after < 0 ? undefined : follow[after];
    let slot: number;
    let i: number;
    if (
      name !== undefined &&
      sameAt(src, lt + 1, name) &&
      !isNameChar(src.charCodeAt(lt + 1 + name.length))
    ) {
      slot = followSlot[after] as number;
      i = lt + 1 + name.length;
      work += name.length;
    } else {
      // Scan the name, hashing it on the way.
      let hash = c;
      i = lt + 2;
      for (let d = src.charCodeAt(i); isNameChar(d); d = src.charCodeAt(++i)) hash = (hash * 31 + d) | 0;
      work += i - lt;
      slot = hash & (NAME_SLOTS - 1);
      name = names[slot];
      if (name === undefined || name.length !== i - lt - 1 || !src.startsWith(name, lt + 1)) {
        name = internalized(src.slice(lt + 1, i));
        names[slot] = name;
      }
      if (after >= 0) {
        follow[after] = name;
        followSlot[after] = slot;
      }
    }
    after = 2 * slot;
    let type = TEXT;
    let nil = false;
    let attributes = 0;
    let firstFrom = 0;
    let firstTo = 0;
    let seen: Set<string> | undefined;
    let empty: boolean;
    for (;;) {
      let d = src.charCodeAt(i);
      if (d === 62 /* > */) {
        i++;
        empty = false;
        break;
      }
      if (d === 47 /* / */) {
        if (src.charCodeAt(i + 1) !== 62) fail(src, i, "expected '>' after '/' in a start tag");
        i += 2;
        empty = true;
        break;
      }
      if (!isSpace(d))
        fail(src, i, i >= len ? UNCLOSED_TAG : "expected whitespace, '>' or '/>' in a start tag");
      const spaceFrom = i;
      do i++;
      while (isSpace(src.charCodeAt(i)));
      work += i - spaceFrom;
      d = src.charCodeAt(i);
      if (d === 62 || d === 47) continue;
      if (!isNameStart(d)) fail(src, i, i >= len ? UNCLOSED_TAG : "expected an attribute name");
      const nameFrom = i;
      do i++;
      while (isNameChar(src.charCodeAt(i)));
      const nameTo = i;
      while (isSpace(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) !== 61)
        fail(src, i, i >= len ? UNCLOSED_TAG : "expected '=' after an attribute name");
      i++;
      while (isSpace(src.charCodeAt(i))) i++;
      work += i - nameFrom;
      const quote = src.charCodeAt(i);
      if (quote !== 34 && quote !== 39)
        fail(src, i, i >= len ? UNCLOSED_TAG : "expected a quoted attribute value");
      const valueFrom = i + 1;
      const valueTo = seek(src, quote === 34 ? '"' : "'", valueFrom);
      if (valueTo >= len) fail(src, i, "an attribute value that is never closed");
      if (lt < valueFrom) lt = seek(src, "<", valueFrom);
      if (lt < valueTo) fail(src, lt, "a '<' inside an attribute value (expected &lt;)");
      if (nextAmp < valueFrom) nextAmp = seek(src, "&", valueFrom);
      // Only `type` and `nil` mean anything in Rails XML; a value with references is unescaped
      // (which also checks them), any other is compared in place.
      const escaped = nextAmp < valueTo ? unescapeRange(src, valueFrom, valueTo, nextAmp) : undefined;
      const nameLength = nameTo - nameFrom;
      if (nameLength === 4 && sameAt(src, nameFrom, "type")) {
        type = escaped === undefined ? typeAt(src, valueFrom, valueTo) : typeAt(escaped, 0, escaped.length);
      } else if (nameLength === 3 && sameAt(src, nameFrom, "nil")) {
        nil =
          escaped === undefined
            ? valueTo - valueFrom === 4 && sameAt(src, valueFrom, "true")
            : escaped === "true";
      }
      attributes++;
      if (attributes === 1) {
        firstFrom = nameFrom;
        firstTo = nameTo;
      } else {
        seen ??= new Set([src.slice(firstFrom, firstTo)]);
        const attribute = src.slice(nameFrom, nameTo);
        if (seen.has(attribute)) fail(src, nameFrom, "an attribute given twice in one start tag");
        seen.add(attribute);
      }
      i = valueTo + 1;
    }

    if (!empty) {
      if (lt < i) lt = seek(src, "<", i);
      if (src.charCodeAt(lt + 1) !== 47) {
        // Child elements, comments or CDATA follow: keep the element open.
        const frame: Frame = {
          name,
          slot,
          id: ++frames,
          start: tagStart,
          type,
          nil,
          wrap: top === undefined && type === ARRAY,
          parent: false,
          textFrom: -1,
          textTo: -1,
          pieces: undefined,
          object: undefined,
          // A nil element's value is null whatever its children, so it copies no template.
          template: nil ? undefined : templates[slot],
          keys: templateKeys[slot],
          matched: nil || templates[slot] === undefined ? -1 : 0,
          array: undefined,
          repeated: undefined,
        };
        // Taken while it is open, so an element of the same name nested inside it (each one
        // opened before any closes) cannot copy the same template again, at its full size per
        // element for the one field each reads first.
        if (frame.template !== undefined) templates[slot] = undefined;
        if (stack.length === MAX_DEPTH) {
          fail(
            src,
            tagStart,
            `elements nested deeper than ${MAX_DEPTH} levels (refused: no Rails record is)`,
          );
        }
        stack.push(frame);
        top = frame;
        pos = i;
        continue;
      }
    }
    // A leaf: empty, or its text runs straight into its end tag. Type it in place.
    let value: unknown;
    if (empty) {
      value = nil ? null : type === ARRAY ? [] : type === TEXT ? "" : null;
      pos = i;
    } else {
      pos = endTag(src, lt, name, tagStart);
      value = leafValue(src, i, lt, type, nil);
    }
    after = 2 * slot + 1;
    if (top !== undefined) addChild(top, name, value, fresh(used, stack.length - 1, top.id, slot));
    else {
      result = rootValue(name, type, nil, value);
      rootDone = true;
    }
  }

  if (top !== undefined) fail(src, top.start, "an element that is never closed (expected its end tag)");
  if (!rootDone) fail(src, len, "no document element (expected one root element)");
  return result;
}

/**
 * Deepest nesting of open elements accepted. Rails records are a few levels deep. The decoder
 * keeps its stack in an array and could go on, but a value nested hundreds of thousands deep
 * would overflow the call stack of every recursive consumer after it (util.inspect,
 * JSON.stringify, deep-equal, error redaction), so such a body is refused as malformed.
 */
export const MAX_DEPTH = 1000;

/** Slots of the table of element names seen (a power of two; a record has a few dozen). */
const NAME_SLOTS = 512;
const MIXED = "text beside child elements (Rails XML holds either text or elements, not both)";
const UNCLOSED_TAG = "a start tag that is never closed (expected '>')";

/** indexOf that counts what it scanned and answers the body's length when nothing is found. */
function seek(src: string, needle: string, from: number): number {
  const found = src.indexOf(needle, from);
  const end = found === -1 ? src.length : found;
  work += end > from ? end - from + 1 : 1;
  return end;
}

/**
 * The string V8 keeps for `text` as a property key: flat, so comparing it with the body reads
 * it directly, and a store under it needs no lookup. A slice of the body is neither.
 */
function internalized(text: string): string {
  return Object.keys({ [text]: true })[0] as string;
}

/** Whether `src` holds `name` at `at`: a loop V8 compiles inline, where startsWith is a call. */
function sameAt(src: string, at: number, name: string): boolean {
  const n = name.length;
  for (let k = 0; k < n; k++) if (src.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
  return true;
}

/** Refuses code units no XML document may hold; one scan of a non-backtracking class. */
function refuseForbiddenUnits(src: string): void {
  const control = src.search(FORBIDDEN_UNIT);
  if (control !== -1) {
    forgetLastMatch();
    fail(src, control, "a character XML does not allow (a control character or U+FFFE/FFFF)");
  }
  if (!isWellFormedUtf16(src)) {
    const surrogate = src.search(/[\uD800-\uDFFF]/u);
    forgetLastMatch();
    fail(src, surrogate, "an unpaired UTF-16 surrogate");
  }
}

/**
 * A match leaves its subject in RegExp.input (`$_`) until the next match anywhere in the
 * process, which would keep a refused body alive; an empty match of an empty string replaces it.
 */
function forgetLastMatch(): void {
  /(?:)/.exec("");
}

/** True when src[from, to) is only XML whitespace; no substring is made. */
function isBlank(src: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isSpace(src.charCodeAt(i))) i++;
  work += i - from;
  return i >= to;
}

/** Text content of src[from, to): references resolved, line ends normalised, `]]>` refused. */
function textOf(src: string, from: number, to: number): string {
  if (nextCdataEnd < from) nextCdataEnd = seek(src, "]]>", from);
  if (nextCdataEnd < to) fail(src, nextCdataEnd, "']]>' in text (it may only end a CDATA section)");
  if (nextAmp < from) nextAmp = seek(src, "&", from);
  if (nextCr < from) nextCr = seek(src, "\r", from);
  const special = Math.min(nextAmp, nextCr);
  return special < to ? unescapeRange(src, from, to, special) : detached(src, from, to);
}

/** CDATA content: taken as it is, but for line ends (XML reads CR LF and lone CR as LF). */
function rawText(src: string, from: number, to: number): string {
  if (nextCr < from) nextCr = seek(src, "\r", from);
  if (nextCr >= to) return detached(src, from, to);
  // Not a regular expression: its result would be made of slices of the body, and its match
  // would stay in RegExp.input (`$_`), both keeping the whole body alive.
  return unescapeRange(src, from, to, nextCr, false);
}

/**
 * src[from, to) as a string that does not keep `src` alive. V8 makes a slice of 13 or more
 * characters a view into its parent, so one value a caller kept would keep the whole body in
 * memory (JSON.parse's strings are copies). Slicing a string that is not flat makes V8 copy it
 * first, so the value is cut from a copy of itself and one more character: a few dozen
 * nanoseconds, and the view then holds only that copy.
 */
function detached(src: string, from: number, to: number): string {
  const text = src.slice(from, to);
  return to - from < SLICE_MIN ? text : `${text} `.slice(0, -1);
}

/** The shortest slice V8 makes a view into its parent rather than a copy (SlicedString::kMinLength). */
const SLICE_MIN = 13;

/** Code units of unescaped text, reused between calls while small. */
let scratch = new Uint16Array(4096);
const utf16 = new TextDecoder("utf-16le");

/**
 * The slow path of textOf, from the first `&` or CR at `first`: one step per code unit, the
 * result written as code units into one buffer (text never grows when unescaped) and decoded
 * once. Concatenating a piece per reference allocates a string per reference: a text of
 * 640 000 references took about four times as long that way. CDATA (`references` false) has
 * only its line ends read this way.
 */
function unescapeRange(src: string, from: number, to: number, first: number, references = true): string {
  if (scratch.length < to - from) scratch = new Uint16Array(to - from);
  const units = scratch;
  let n = 0;
  for (let i = from; i < first; i++) units[n++] = src.charCodeAt(i);
  let i = first;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (c === 38 /* & */ && references) {
      const end = reference(src, i);
      units[n++] = referenceText.charCodeAt(0);
      if (referenceText.length === 2) units[n++] = referenceText.charCodeAt(1);
      work += end - i;
      i = end;
    } else if (c === 13 /* CR */) {
      units[n++] = 10;
      i += src.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      units[n++] = c;
      i++;
    }
  }
  work += to - from;
  const text = utf16.decode(units.subarray(0, n));
  // Keep no large buffer alive between calls: memory stays bounded by the body being decoded.
  if (units.length > 65_536) scratch = new Uint16Array(4096);
  return text;
}

/** What the last reference read stands for. */
let referenceText = "";

/** Reads the reference at src[at] (`&`); returns where it ends, its text in `referenceText`. */
function reference(src: string, at: number): number {
  let i = at + 1;
  if (src.charCodeAt(i) === 35 /* # */) {
    i++;
    const hex = src.charCodeAt(i) === 120; /* x */
    if (hex) i++;
    const digitsFrom = i;
    let code = 0;
    for (;;) {
      const c = src.charCodeAt(i);
      const digit =
        c >= 48 && c <= 57 ? c - 48 : hex && (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1;
      if (digit < 0) break;
      // Past U+10FFFF the exact value no longer matters: stop growing it, keep reading digits.
      if (code <= 0x10ffff) code = code * (hex ? 16 : 10) + digit;
      i++;
    }
    if (i === digitsFrom || src.charCodeAt(i) !== 59) {
      fail(src, at, "a malformed character reference (expected &#digits; or &#xhex;)");
    }
    if (!isXmlChar(code)) fail(src, at, "a character reference to a character XML does not allow");
    referenceText = String.fromCodePoint(code);
    return i + 1;
  }
  if (!isNameStart(src.charCodeAt(i))) {
    fail(src, at, "an '&' that starts no entity reference (expected &amp; or another reference)");
  }
  do i++;
  while (isNameChar(src.charCodeAt(i)));
  if (src.charCodeAt(i) !== 59) fail(src, at, "an entity reference without its ';'");
  const length = i - at - 1;
  const named =
    length === 3
      ? src.startsWith("amp", at + 1)
        ? "&"
        : undefined
      : length === 2
        ? src.startsWith("lt", at + 1)
          ? "<"
          : src.startsWith("gt", at + 1)
            ? ">"
            : undefined
        : length === 4
          ? src.startsWith("quot", at + 1)
            ? '"'
            : src.startsWith("apos", at + 1)
              ? "'"
              : undefined
          : undefined;
  if (named === undefined) {
    fail(src, at, "an undeclared entity (expected &amp; &lt; &gt; &quot; &apos; or a character reference)");
  }
  referenceText = named;
  return i + 1;
}

/**
 * Adds text (or CDATA) src[from, to) to a leaf-in-progress. Its first piece, if still a
 * range, is read first: the remembered search results only ever move forward.
 */
function addText(src: string, frame: Frame, from: number, to: number, cdata: boolean): void {
  if (frame.pieces === undefined) {
    frame.pieces = frame.textFrom < 0 ? [] : [textOf(src, frame.textFrom, frame.textTo)];
    frame.textFrom = -1;
  }
  frame.pieces.push(cdata ? rawText(src, from, to) : textOf(src, from, to));
}

/** The text a leaf-in-progress has gathered. */
function textSoFar(src: string, frame: Frame): string {
  if (frame.pieces !== undefined) return frame.pieces.join("");
  return frame.textFrom < 0 ? "" : textOf(src, frame.textFrom, frame.textTo);
}

/** A first child arrived: whatever text came before it must be whitespace. */
function becomeParent(src: string, frame: Frame): void {
  if (frame.pieces !== undefined) {
    const text = frame.pieces.join("");
    if (!isBlank(text, 0, text.length)) fail(src, frame.start, MIXED);
  } else if (frame.textFrom >= 0 && !isBlank(src, frame.textFrom, frame.textTo)) {
    fail(src, frame.textFrom, MIXED);
  }
  frame.parent = true;
  frame.pieces = undefined;
  frame.textFrom = -1;
}

/** Checks the end tag at src[lt] closes element `name` (its start tag at `start`); returns where it ends. */
function endTag(src: string, lt: number, name: string, start: number): number {
  let i = lt + 2;
  if (sameAt(src, i, name)) {
    i += name.length;
    const from = i;
    while (isSpace(src.charCodeAt(i))) i++;
    work += i - from + name.length;
    if (src.charCodeAt(i) === 62) return i + 1;
    if (i === from && isNameChar(src.charCodeAt(i))) mismatch(src, lt, start);
    fail(src, i, "expected '>' to end an end tag");
  }
  return mismatch(src, lt, start);
}

function mismatch(src: string, lt: number, start: number): never {
  return fail(
    src,
    lt,
    `an end tag that does not match the element open there (expected the end tag of the element opened at ${where(src, start)})`,
  );
}

/** The value of a leaf whose text is src[from, to), typed by its attributes. */
function leafValue(src: string, from: number, to: number, type: number, nil: boolean): unknown {
  if (type === TEXT && !nil) return from === to ? "" : textOf(src, from, to);
  if (from === to) return nil ? null : type === ARRAY ? [] : null;
  // Typed content is parsed where it lies, unless references or `]]>` need textOf first.
  if (nextAmp < from) nextAmp = seek(src, "&", from);
  if (nextCdataEnd < from) nextCdataEnd = seek(src, "]]>", from);
  if (nextAmp < to || nextCdataEnd < to || nil) {
    const text = textOf(src, from, to);
    return nil ? null : typed(src, text, 0, text.length, type, from);
  }
  return typed(src, src, from, to, type, from);
}

/** The value of an element that closed with child elements, or with text in pieces. */
function closeValue(src: string, frame: Frame): unknown {
  if (frame.parent) {
    if (frame.nil) return null;
    if (frame.type === ARRAY) return frame.array ?? [];
    if (frame.matched >= 0) {
      // Every child followed the template: the object is a copy of one with fast properties.
      if (frame.matched === (frame.keys as string[]).length) return frame.object ?? {};
      leaveTemplate(frame);
    }
    // V8 keeps an object whose properties came by computed name (`object[name] = value`) in
    // dictionary mode once it has more than a dozen, and every later read of it is slow (a
    // backup has about thirty). A spread copy of the finished object has fast properties, as
    // JSON.parse's objects do; it copies own properties, so an own "__proto__" stays one.
    return frame.object ? { ...frame.object } : {};
  }
  const text = textSoFar(src, frame);
  if (frame.nil) return null;
  if (frame.type === TEXT) return text;
  return typed(src, text, 0, text.length, frame.type, frame.start);
}

/** Types text[from, to) by `type` (not TEXT); `at` places an error in the body. */
function typed(src: string, text: string, from: number, to: number, type: number, at: number): unknown {
  // Surrounding whitespace is not part of a typed value.
  let a = from;
  let b = to;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  work += to - from;
  if (type === ARRAY) {
    if (a < b) fail(src, at, "text in an element typed array (expected child elements)");
    return [];
  }
  if (a === b) return null;
  if (type === INTEGER) {
    let i = a;
    const sign = text.charCodeAt(i);
    if (sign === 45 || sign === 43) i++;
    if (i === b) fail(src, at, "an element typed integer that holds no integer (expected digits)");
    let value = 0;
    for (let j = i; j < b; j++) {
      const digit = text.charCodeAt(j) - 48;
      if (digit < 0 || digit > 9)
        fail(src, at, "an element typed integer that holds no integer (expected digits)");
      value = value * 10 + digit;
    }
    // Up to 15 digits the sum above is exact; past that let Number round as JSON.parse does.
    if (b - i > 15) return Number(text.slice(a, b));
    return sign === 45 ? -value : value;
  }
  if (type === FLOAT) return decimal(src, text, a, b, at);
  // BOOLEAN: Rails writes true/false; 1/0 come from older servers.
  const length = b - a;
  if (length === 4 && sameAt(text, a, "true")) return true;
  if (length === 5 && sameAt(text, a, "false")) return false;
  if (length === 1) {
    const c = text.charCodeAt(a);
    if (c === 49) return true;
    if (c === 48) return false;
  }
  return fail(src, at, "an element typed boolean that holds no boolean (expected true or false)");
}

/** A decimal number as Ruby writes a Float or BigDecimal; checked by hand, converted by Number. */
function decimal(src: string, text: string, a: number, b: number, at: number): number | null {
  const length = b - a;
  // Ruby writes these for Float::NAN and ±Float::INFINITY; its JSON writes null for them.
  if (
    (length === 3 && text.startsWith("NaN", a)) ||
    (length === 8 && text.startsWith("Infinity", a)) ||
    (length === 9 && (text.startsWith("-Infinity", a) || text.startsWith("+Infinity", a)))
  ) {
    return null;
  }
  let i = a;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 43) c = text.charCodeAt(++i);
  let digits = 0;
  while (c >= 48 && c <= 57) {
    digits++;
    c = text.charCodeAt(++i);
  }
  if (c === 46 /* . */) {
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      digits++;
      c = text.charCodeAt(++i);
    }
  }
  if (digits > 0 && (c | 32) === 101 /* e */) {
    c = text.charCodeAt(++i);
    if (c === 45 || c === 43) c = text.charCodeAt(++i);
    const exponentFrom = i;
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    if (i === exponentFrom) digits = 0;
  }
  if (digits === 0 || i !== b) {
    fail(src, at, "an element typed as a decimal number that holds no number (expected digits)");
  }
  return Number(text.slice(a, b));
}

/** The type code of a `type` attribute whose value is text[from, to). */
function typeAt(text: string, from: number, to: number): number {
  switch (to - from) {
    case 7:
      if (sameAt(text, from, "integer")) return INTEGER;
      if (sameAt(text, from, "boolean")) return BOOLEAN;
      if (sameAt(text, from, "decimal")) return FLOAT;
      return TEXT;
    case 5:
      if (sameAt(text, from, "array")) return ARRAY;
      if (sameAt(text, from, "float")) return FLOAT;
      return TEXT;
    case 6:
      return sameAt(text, from, "double") ? FLOAT : TEXT;
    default:
      return TEXT;
  }
}

/** Skips the processing instruction (or XML declaration) at src[lt]; returns where it ends. */
function processingInstruction(src: string, lt: number, atStart: boolean): number {
  let i = lt + 2;
  if (!isNameStart(src.charCodeAt(i))) fail(src, lt, "a processing instruction without a target name");
  do i++;
  while (isNameChar(src.charCodeAt(i)));
  work += i - lt;
  const declaration =
    i - lt === 5 &&
    (src.charCodeAt(lt + 2) | 32) === 120 &&
    (src.charCodeAt(lt + 3) | 32) === 109 &&
    (src.charCodeAt(lt + 4) | 32) === 108;
  if (declaration && !atStart) {
    fail(src, lt, "an XML declaration (or a 'xml' processing instruction) that is not at the very start");
  }
  const end = seek(src, "?>", i);
  if (end >= src.length) fail(src, lt, "a processing instruction that is never closed (expected '?>')");
  if (end > i && !isSpace(src.charCodeAt(i)))
    fail(src, i, "expected whitespace after a processing instruction's target");
  if (declaration) {
    let j = i;
    while (j < end && isSpace(src.charCodeAt(j))) j++;
    work += j - i;
    if (!src.startsWith("version", j))
      fail(src, j, 'an XML declaration without its version (expected version="1.0")');
    // The text was made from the body's bytes by the Content-Type's charset (UTF-8 when it names
    // none). A body in another encoding, as its declaration says, then lost every byte that is
    // not UTF-8 to U+FFFD: its data would be wrong, so it is refused. The search runs only then.
    const encoding = ENCODING.exec(src.slice(j, end))?.[1];
    work += end - j;
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding) && src.includes("\ufffd")) {
      fail(
        src,
        j,
        `an XML declaration of encoding "${encoding}" in a body whose bytes were read otherwise (by the Content-Type's charset, UTF-8 when it names none), and some did not decode`,
      );
    }
  }
  return end + 2;
}

/** The `encoding` of an XML declaration (its name is at most 40 characters here). */
const ENCODING = /\sencoding\s{0,64}=\s{0,64}["']([A-Za-z][\w.-]{0,39})["']/;

/** Sets a key as an own property, even `__proto__` (as JSON.parse does). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Whether the element `id` at `depth` has had no child in name slot `slot` yet (and marks it). */
function fresh(used: Int32Array[], depth: number, id: number, slot: number): boolean {
  let marks = used[depth];
  if (marks === undefined) {
    marks = new Int32Array(NAME_SLOTS);
    used[depth] = marks;
  }
  if (marks[slot] === id) return false;
  marks[slot] = id;
  return true;
}

/** Adds a child's value to its parent; `isNew` says the name cannot be in its object yet. */
function addChild(parent: Frame, name: string, value: unknown, isNew: boolean): void {
  if (parent.type === ARRAY) {
    let item = value;
    if (parent.wrap) {
      const wrapper: Record<string, unknown> = {};
      setOwn(wrapper, name, value);
      item = wrapper;
    }
    if (parent.array === undefined) parent.array = [item];
    else parent.array.push(item);
    return;
  }
  if (parent.matched >= 0) {
    const keys = parent.keys as string[];
    if (parent.matched < keys.length && keys[parent.matched] === name) {
      // The same field as the template's next: a copy of the template has it already, so the
      // value replaces its own, and the object keeps the template's fast shape.
      if (parent.object === undefined) {
        parent.object = { ...parent.template };
        work += keys.length;
      }
      parent.object[name] = value;
      parent.matched++;
      return;
    }
    leaveTemplate(parent);
  }
  let object = parent.object;
  if (object === undefined) {
    object = {};
    parent.object = object;
  }
  if (name !== "__proto__") {
    // Inherited names ("constructor") are not own properties: the check is Object.hasOwn.
    if (isNew || !Object.hasOwn(object, name)) {
      object[name] = value;
      return;
    }
  } else if (!Object.hasOwn(object, name)) {
    setOwn(object, name, value);
    return;
  }
  // A repeated name becomes a list; remember which lists we made, so that a first value that
  // was itself an array (`type="array"`) is kept as one item, not spread.
  parent.repeated ??= new Set();
  if (parent.repeated.has(name)) (object[name] as unknown[]).push(value);
  else {
    setOwn(object, name, [object[name], value]);
    parent.repeated.add(name);
  }
}

/**
 * Children stopped following the template: the object becomes a plain one holding only the
 * children read so far (the copy also holds the template's values for the fields not reached).
 */
function leaveTemplate(frame: Frame): void {
  const keys = frame.keys as string[];
  const copy = frame.object;
  let object: Record<string, unknown> | undefined;
  if (copy !== undefined) {
    object = {};
    for (let i = 0; i < frame.matched; i++) {
      const key = keys[i] as string;
      object[key] = copy[key];
    }
    work += frame.matched;
  }
  frame.object = object;
  frame.matched = -1;
}

/** The decoded document: a root array as is (its items already wrapped), else `{ name: value }`. */
function rootValue(name: string, type: number, nil: boolean, value: unknown): unknown {
  if (type === ARRAY && !nil) return value;
  const wrapper: Record<string, unknown> = {};
  setOwn(wrapper, name, value);
  return wrapper;
}

/** "line L, column C" of src[index] (1-based), for messages; counts lines only on failure. */
function where(src: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let nl = src.indexOf("\n"); nl !== -1 && nl < index; nl = src.indexOf("\n", nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

/** Throws the SyntaxError for src[index]: a position and what was wrong, never body text. */
function fail(src: string, index: number, what: string): never {
  throw new SyntaxError(`Malformed XML at ${where(src, index)}: ${what}`);
}
