/**
 * The character classes of XML 1.0 (fifth edition) that the Rails XML decoder and encoder
 * share: name characters, whitespace, and the characters a document may carry at all.
 * Everything works on UTF-16 code units, so that the scanner never builds a string to ask.
 */

/** ASCII lookup: 1 = may start a name (and continue it), 2 = may only continue one. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (letter || c === 95 /* _ */ || c === 58 /* : */) ASCII_NAME[c] = 1;
  else if ((c >= 48 && c <= 57) || c === 45 /* - */ || c === 46 /* . */) ASCII_NAME[c] = 2;
}

/**
 * NameStartChar for a code unit past ASCII. A supplementary character (U+10000–U+EFFFF) is
 * accepted by its high surrogate; its low surrogate then passes as a continuing character.
 * The decoder has already refused lone surrogates, so a name never holds half a pair.
 */
function isWideNameStart(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xd800 && c <= 0xdb7f) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

/** Whether code unit `c` may start an XML name (NaN, past the end, may not). */
export function isNameStart(c: number): boolean {
  return c < 128 ? ASCII_NAME[c] === 1 : isWideNameStart(c);
}

/** Whether code unit `c` may continue an XML name. */
export function isNameChar(c: number): boolean {
  if (c < 128) return ASCII_NAME[c] !== 0;
  return (
    isWideNameStart(c) ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    c === 0x203f ||
    c === 0x2040 ||
    (c >= 0xdc00 && c <= 0xdfff)
  );
}

/** Whether `text` is one whole XML name. */
export function isName(text: string): boolean {
  if (!isNameStart(text.charCodeAt(0))) return false;
  for (let i = 1; i < text.length; i++) if (!isNameChar(text.charCodeAt(i))) return false;
  return true;
}

/** XML whitespace: space, tab, line feed, carriage return. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** XML 1.0's Char production: what a document may hold and a character reference may name. */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * A code unit no XML 1.0 document may contain (C0 controls but tab/LF/CR, U+FFFE, U+FFFF).
 * One character class, so matching it never backtracks; lone surrogates are checked apart.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose.
export const FORBIDDEN_UNIT = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

/** Whether the string holds no lone surrogate (String.prototype.isWellFormed, Node ≥ 20). */
export function isWellFormedUtf16(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}
