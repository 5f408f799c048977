/**
 * Issue 11: the Rails XML decoder runs in time linear in its input, whatever the input.
 *
 * Method: each pathological shape is generated at size n and at 4n, both decoded in the same
 * run, and the decoder's own operation count is compared (`lastDecodeWork()`: the code units
 * every `indexOf` scanned, to the end of the body when it found nothing, plus every unit a
 * loop stepped over). For a linear decoder the count grows like the body (about 4×, a little
 * less for fixed costs); re-scanning a parent's content or searching past what a search
 * consumes makes it grow about 16×. The assertion: the count grows at most 1.25 times as fast
 * as the body's length. It is a count, so a loaded machine cannot make it flaky. Wall-clock
 * time is not used: on a shared 2-core machine, garbage collection and other processes swing
 * sub-millisecond timings by several times either way (bench/decode.bench.mjs times a large
 * body instead).
 * Values and objects are built with O(1) amortised operations (property stores, Set lookups),
 * which the count leaves out, but for copies of a previous record (one unit per field copied).
 */
import { afterAll, describe, expect, it } from "vitest";
import { decodeRailsXml, lastDecodeWork, MAX_DEPTH } from "../src/xml/decode.js";

const N = 5_000;
/** How much faster than the body the operation count may grow (linear: 1; quadratic: 4). */
const LIMIT = 1.25;

const repeat = (unit: string, n: number) => unit.repeat(n);
const numbered = (n: number, unit: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => unit(i)).join("");

/** Each shape: a body of "size" n (units repeated n times). Valid or not, both are timed. */
const SHAPES: Record<string, (n: number) => string> = {
  // Past MAX_DEPTH the decoder refuses at once; up to it, deep subtrees repeated.
  "deep nesting, refused past the depth limit": (n) => `${repeat("<a>", n)}x${repeat("</a>", n)}`,
  "nesting to the depth limit, repeated": (n) =>
    `<r>${repeat(`${repeat("<a>", MAX_DEPTH - 1)}x${repeat("</a>", MAX_DEPTH - 1)}`, n / 1000)}</r>`,
  "arrays to the depth limit, repeated": (n) =>
    `<r>${repeat(`${repeat('<a type="array">', MAX_DEPTH - 1)}${repeat("</a>", MAX_DEPTH - 1)}`, n / 1000)}</r>`,
  // The shape issue 11 reported: a comment (or PI, or CDATA) after child elements at every
  // level, with an entity below.
  "comment after children, entity below": (n) =>
    `${repeat("<a><b>&amp;</b>", n)}${repeat("<!--c--></a>", n)}`,
  "PI after children, entity below": (n) => `${repeat("<a><b>&amp;</b>", n)}${repeat("<?p x?></a>", n)}`,
  "CDATA after children, entity below": (n) =>
    `${repeat("<a><b>&lt;</b>", n)}${repeat("<![CDATA[ ]]></a>", n)}`,
  "comment holding & after children": (n) => `<r>${repeat("<a><b>1</b><!-- & --></a>", n)}</r>`,
  "wide siblings, one name": (n) => `<r>${repeat('<i type="integer">1</i>', n)}</r>`,
  "wide siblings, distinct names": (n) => `<r>${numbered(n, (i) => `<k${i}>v</k${i}>`)}</r>`,
  "root array of records": (n) =>
    `<?xml version="1.0"?>\n<backups type="array">${numbered(n / 4, (i) => `<backup><id type="integer">${i}</id><note nil="true"/><data_store_type>lvm</data_store_type></backup>\n`)}</backups>`,
  // A record that copies the last one of its name, then does not take its place, must not let
  // the next one copy it again: each copy is paid for by fields read since the template was made.
  "a wide record, then nil records of its first field": (n) =>
    `<r type="array"><x>${numbered(n, (i) => `<k${i}>1</k${i}>`)}</x>${repeat('<x nil="true"><k0>1</k0></x>', n)}</r>`,
  "a wide record, then records of its first field and __proto__": (n) =>
    `<r type="array"><x>${numbered(n, (i) => `<k${i}>1</k${i}>`)}</x>${repeat("<x><k0>1</k0><__proto__>1</__proto__></x>", n)}</r>`,
  "a wide record, then records of its first field": (n) =>
    `<r type="array"><x>${numbered(n, (i) => `<k${i}>1</k${i}>`)}</x>${repeat("<x><k0>1</k0></x>", n)}</r>`,
  // Records of one name nested in each other are all open before any closes: only the outermost
  // may copy the wide record before them, or each would (its width times their depth). Both grow
  // with n here, the depth kept under MAX_DEPTH.
  "a wide record, then records of its first field nested in each other": (n) =>
    `<r type="array"><x>${numbered(n / 25, (i) => `<k${i}>1</k${i}>`)}</x>${repeat("<x><k0>1</k0>", n / 25)}${repeat("</x>", n / 25)}</r>`,
  "many leaves, then one entity at the end": (n) => `<r>${repeat("<i>x</i>", n)}<j>&amp;</j></r>`,
  "many leaves, then one CR at the end": (n) => `<r>${repeat("<i>x</i>", n)}<j>\r</j></r>`,
  "many leaves, then one ]]> at the end": (n) => `<r>${repeat("<i>x</i>", n)}<j><![CDATA[x]]></j></r>`,
  "many typed leaves, then one entity at the end": (n) =>
    `<r>${repeat('<i type="integer">1</i>', n)}<j>&amp;</j></r>`,
  "many attribute values, then one entity at the end": (n) =>
    `<r>${repeat('<i x="1"/>', n)}<j x="&amp;"/></r>`,
  "long text of entities": (n) => `<a>${repeat("&amp;x&#x41;&#66;", n)}</a>`,
  "text split by comments": (n) => `<a>${repeat("x<!---->", n)}</a>`,
  "text split by CDATA": (n) => `<a>${repeat("x<![CDATA[y]]>", n)}</a>`,
  "text split by PIs": (n) => `<a>${repeat("x<?p?>", n)}</a>`,
  "huge single text": (n) => `<a>${repeat("xxxxxxxxxx", n)}</a>`,
  "huge typed text": (n) => `<a type="integer">${repeat("1111111111", n)}</a>`,
  "huge float": (n) => `<a type="float">${repeat("1111111111", n)}.5e3</a>`,
  "text of ]] and >": (n) => `<a>${repeat("]] > ", n)}</a>`,
  "text of CR LF": (n) => `<a>${repeat("\r\nx", n)}</a>`,
  "whitespace between elements": (n) => `<r>${repeat("\n    <i/>", n)}\n</r>`,
  "many attributes": (n) => `<a${numbered(n, (i) => ` a${i}="1"`)}/>`,
  "long attribute value of entities": (n) => `<a x="${repeat("&amp;&#65;", n)}"/>`,
  "long attribute value of quotes": (n) => `<a x='${repeat('"', n * 5)}'/>`,
  "long name": (n) => `<${repeat("a", n * 5)}/>`,
  "long name, end tag one letter longer": (n) => `<${repeat("a", n * 5)}></${repeat("a", n * 5)}b>`,
  "long character reference": (n) => `<a>&#${repeat("0", n * 5)}65;</a>`,
  "comments and PIs around the root": (n) => `${repeat("<?p?>", n)}<a/>${repeat("<!---->", n)}`,
  "comment of single dashes": (n) => `<a><!--${repeat("-x", n)}--></a>`,
  // Malformed: each must fail, and fail without rescanning.
  "unterminated comment": (n) => `<a><!--${repeat("xxxxx", n)}`,
  "unterminated CDATA": (n) => `<a><![CDATA[${repeat("]]xx>", n)}`,
  "unterminated PI": (n) => `<a><?p ${repeat("?x>xx", n)}`,
  "unterminated attribute value": (n) => `<a x="${repeat("xxxxx", n)}`,
  "unterminated start tag of attributes": (n) => `<a${repeat(' b="1"', n)}`,
  "unclosed elements": (n) => repeat("<b>", n),
  "'<' flood": (n) => `<a>${repeat("<", n)}</a>`,
  "'</' flood": (n) => `<a>${repeat("</", n)}`,
  "'<!--' flood": (n) => `<a>${repeat("<!--", n)}</a>`,
  "'<![CDATA[' flood": (n) => `<a>${repeat("<![CDATA[", n)}`,
  "'<?' flood": (n) => `<a>${repeat("<?", n)}`,
  "'&' flood": (n) => `<a>${repeat("&", n)}</a>`,
  "'&amp' flood (no ';')": (n) => `<a>${repeat("&amp", n)}</a>`,
  "text after many children": (n) => `<r>${repeat("<i>1</i>", n)}text</r>`,
  "second root after a big one": (n) => `<r>${repeat("<i>1</i>", n)}</r><r/>`,
  "many roots": (n) => repeat("<r/>", n),
  "mismatched end tag at the end": (n) => `<r>${repeat("<i>1</i>", n)}</x>`,
  "control character at the end": (n) => `<r>${repeat("<i>1</i>", n)}\u0001</r>`,
  "lone surrogate at the end": (n) => `<r>${repeat("<i>1</i>", n)}\ud800</r>`,
};

/** Decodes `xml` (ignoring the SyntaxError of malformed XML) and answers the operation count. */
function work(xml: string): number {
  try {
    decodeRailsXml(xml);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  return lastDecodeWork();
}

const rows: string[] = [];
let largest = 0;

describe("decodeRailsXml scales linearly", () => {
  it.each(Object.keys(SHAPES))("%s: operations grow with the input, not faster", (shape) => {
    const make = SHAPES[shape] as (n: number) => string;
    const small = make(N);
    const large = make(4 * N);
    const ratio = work(large) / work(small);
    const growth = large.length / small.length;
    largest = Math.max(largest, ratio);
    rows.push(
      `  ${shape.padEnd(52)} ${String(small.length).padStart(8)} → ${String(large.length).padStart(8)} units (×${growth.toFixed(2)})   operations ×${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeLessThan(LIMIT * growth);
  });

  afterAll(() => {
    console.log(`xml scaling (n → 4n): largest operation ratio ×${largest.toFixed(2)}\n${rows.join("\n")}`);
  });
});
