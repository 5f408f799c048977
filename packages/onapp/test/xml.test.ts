import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { decodeRailsXml, MAX_DEPTH } from "../src/xml/decode.js";
import { encodeRailsXml, escapeXml } from "../src/xml/encode.js";

const seedLike = `<?xml version="1.0" encoding="UTF-8"?>
<backups type="array">
  <backup>
    <allow_resize_without_reboot type="boolean">false</allow_resize_without_reboot>
    <backup_size type="integer">310896</backup_size>
    <built_at type="datetime">2013-12-24T14:34:06+03:00</built_at>
    <data_store_type>lvm</data_store_type>
    <id type="integer">1951</id>
    <image_type nil="true"/>
    <note nil="true"></note>
  </backup>
</backups>
`;

/**
 * The SyntaxError decodeRailsXml throws for `xml`, like JSON.parse (the client reports it as a
 * DecodeError). Fails the test when it throws none, or throws anything else.
 */
function decodeError(xml: string): SyntaxError {
  try {
    decodeRailsXml(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxError);
    expect((error as Error).message).toMatch(/^Malformed XML at /);
    return error as SyntaxError;
  }
  throw new Error(`expected a SyntaxError for ${JSON.stringify(xml)}`);
}

describe("decodeRailsXml", () => {
  it("maps a root array to the JSON envelope, typing each scalar by its attribute", () => {
    expect(decodeRailsXml(seedLike)).toStrictEqual([
      {
        backup: {
          allow_resize_without_reboot: false,
          backup_size: 310896,
          built_at: "2013-12-24T14:34:06+03:00",
          data_store_type: "lvm",
          id: 1951,
          image_type: null,
          note: null,
        },
      },
    ]);
  });

  it("wraps a single document element like Rails' JSON root", () => {
    expect(
      decodeRailsXml('<backup><id type="integer">7</id><note>a &amp; b &#x263A;</note></backup>'),
    ).toStrictEqual({
      backup: { id: 7, note: "a & b ☺" },
    });
  });

  it("decodes an empty list", () => {
    expect(decodeRailsXml('<?xml version="1.0"?>\n<backups type="array"/>')).toStrictEqual([]);
    expect(decodeRailsXml('<backups type="array">\n</backups>')).toStrictEqual([]);
  });

  it("decodes nested arrays and repeated elements", () => {
    const xml = '<vm><tags type="array"><tag>a</tag><tag>b</tag></tags><disk>1</disk><disk>2</disk></vm>';
    expect(decodeRailsXml(xml)).toStrictEqual({ vm: { tags: ["a", "b"], disk: ["1", "2"] } });
  });

  it("reads CDATA's line ends as XML does and leaves its references as they are", () => {
    expect(decodeRailsXml("<a><![CDATA[x &amp; y\r\nz\rw &lt;]]></a>")).toStrictEqual({
      a: "x &amp; y\nz\nw &lt;",
    });
  });

  it("keeps CDATA text and floats", () => {
    expect(decodeRailsXml('<a><b><![CDATA[<x>]]></b><c type="float">1.5</c></a>')).toStrictEqual({
      a: { b: "<x>", c: 1.5 },
    });
  });

  it("stores __proto__ as an own property, never on the prototype", () => {
    const value = decodeRailsXml("<a><__proto__><polluted>yes</polluted></__proto__></a>") as {
      a: Record<string, unknown>;
    };
    expect(Object.hasOwn(value.a, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value.a)).toBe(Object.prototype);
  });

  it("keeps a repeated __proto__ and inherited names as own lists and values", () => {
    const value = decodeRailsXml(
      "<a><__proto__>1</__proto__><__proto__>2</__proto__><constructor>c</constructor><toString>t</toString></a>",
    ) as { a: Record<string, unknown> };
    expect(Object.getOwnPropertyDescriptor(value.a, "__proto__")?.value).toStrictEqual(["1", "2"]);
    expect(value.a.constructor).toBe("c");
    expect(value.a.toString).toBe("t");
    expect(Object.getPrototypeOf(value.a)).toBe(Object.prototype);
  });

  // Messages no longer quote the body (a body may echo a credential): each test pins the
  // failure and its kind; the position is pinned below.
  it.each([
    ['<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', /DOCTYPE/],
    ["<a><b></a></b>", /end tag that does not match/],
    ["<a><b>", /never closed/],
    ['<a><id type="integer">12x</id></a>', /typed integer/],
    ['<a><ok type="boolean">maybe</ok></a>', /typed boolean/],
    ["<a>&bogus;</a>", /undeclared entity/],
    ["<a/><b/>", /second document element/],
    ["just text", /no document element|outside/],
    ["", /no document element/],
  ])("refuses malformed input %#", (xml, message) => {
    expect(decodeError(xml).message).toMatch(message);
  });

  it("names the line and column of the problem, and of the element left open", () => {
    expect(decodeError("<a>\n<b>\n</c>\n</a>").message).toMatch(
      /^Malformed XML at line 3, column 1: .*opened at line 2, column 1\)$/,
    );
    expect(decodeError("<a>\n  <b>x</b>\n  <c>").message).toMatch(
      /at line 3, column 3: an element that is never closed/,
    );
  });
});

describe("encodeRailsXml", () => {
  it("round-trips through the decoder", () => {
    const value = { backup: { note: "<tag> & 'quotes'", force_windows_backup: 1, ok: true, gone: null } };
    expect(decodeRailsXml(encodeRailsXml(value))).toStrictEqual(value);
  });

  it("keeps carriage returns, big and non-finite numbers as JSON would", () => {
    const value = {
      a: { text: "x\r\ny\rz", big: 2 ** 60, tiny: 5e-324, huge: 1e21, nan: Number.NaN, date: new Date(0) },
    };
    expect(decodeRailsXml(encodeRailsXml(value))).toStrictEqual(JSON.parse(JSON.stringify(value)));
    expect(escapeXml("a\rb&")).toBe("a&#13;b&amp;");
  });

  it("refuses what XML cannot carry with a TypeError", () => {
    expect(() => encodeRailsXml({ a: { "not a name": 1 } })).toThrow(TypeError);
    expect(() => encodeRailsXml({ a: { b: "bell\u0007" } })).toThrow(TypeError);
    expect(() => encodeRailsXml({ a: { b: "half \ud800" } })).toThrow(TypeError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => encodeRailsXml({ a: loop })).toThrow(TypeError);
  });
});

describe("decodeRailsXml, content split by comments and CDATA", () => {
  it("joins text around comments and CDATA, and ignores comments between records", () => {
    const xml =
      '<a><!-- c --><b>x<!-- y -->z<![CDATA[&]]>&amp;</b><!-- between --><c type="integer"> 4 </c></a>';
    expect(decodeRailsXml(xml)).toStrictEqual({ a: { b: "xz&&", c: 4 } });
  });

  it("refuses text beside child elements, before or after them", () => {
    expect(decodeError("<a>text<b/></a>").message).toMatch(/text beside child elements/);
    expect(decodeError("<a><b/>text</a>").message).toMatch(/text beside child elements/);
    expect(decodeError("<a><b/><![CDATA[x]]></a>").message).toMatch(/text beside child elements/);
  });

  it("keeps a leaf's whitespace as it is", () => {
    expect(decodeRailsXml("<a><b> x </b></a>")).toStrictEqual({ a: { b: " x " } });
  });

  // About 1 % of generated valid documents used to be refused: these shapes.
  it("accepts comments, processing instructions and CDATA holding '&' or '<' after child elements", () => {
    const xml =
      "<a><b><c>&amp;</c><!-- & < --></b><?pi & < ?><d>1</d><![CDATA[ ]]><!-- &amp; --><e><![CDATA[&]]></e></a>";
    expect(decodeRailsXml(xml)).toStrictEqual({ a: { b: { c: "&" }, d: "1", e: "&" } });
  });
});

describe("decodeRailsXml, well-formed XML it accepts", () => {
  it.each([
    [
      "a BOM and an XML declaration",
      '\ufeff<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a>x</a>',
      { a: "x" },
    ],
    ["single quotes and spaces around '='", "<a type = 'integer' >5</a >", { a: 5 }],
    ["comments and PIs around the root", "<!-- c --><?pi x?>\n<a>x</a>\n<!-- d --><?e?>\n", { a: "x" }],
    ["references in attribute values", '<a type="&#105;nteger">7</a>', { a: 7 }],
    ["supplementary characters by reference and in names", "<ä𐀀>&#x1F600;&#128512;</ä𐀀>", { ä𐀀: "😀😀" }],
    [
      "CR LF and lone CR read as LF, in text and CDATA",
      "<a>1\r\n2\r3<![CDATA[\r\n]]>&#13;</a>",
      { a: "1\n2\n3\n\r" },
    ],
    ["'>' and ']]' in text", "<a>a > b ]] c</a>", { a: "a > b ]] c" }],
    ["an empty comment and a '-' inside one", "<a><!----><!-- a-b --></a>", { a: "" }],
    [
      "typed values with surrounding whitespace",
      '<a><i type="integer"> -12 </i><f type="float">\n1e-3 </f></a>',
      { a: { i: -12, f: 0.001 } },
    ],
    [
      "empty typed elements as null",
      '<a><i type="integer"/><f type="float"></f><b type="boolean"> </b></a>',
      { a: { i: null, f: null, b: null } },
    ],
    [
      "floats Ruby writes for NaN and infinity as null (as its JSON does)",
      '<a><n type="float">NaN</n><i type="float">-Infinity</i></a>',
      { a: { n: null, i: null } },
    ],
    [
      "integers past 2^53 rounded as JSON.parse rounds them",
      '<a type="integer">12345678901234567890</a>',
      { a: Number("12345678901234567890") },
    ],
    [
      "booleans as 1 and 0",
      '<a><t type="boolean">1</t><f type="boolean">0</f></a>',
      { a: { t: true, f: false } },
    ],
    ["a nil element with content", '<a nil="true"><b>1</b></a>', { a: null }],
    ["unknown attributes and types", '<a xmlns:x="urn:x" x:y="1" type="symbol">s</a>', { a: "s" }],
    [
      "a root array of mixed names",
      '<list type="array"><x>1</x><y type="integer">2</y></list>',
      [{ x: "1" }, { y: 2 }],
    ],
  ])("%s", (_label, xml, expected) => {
    expect(decodeRailsXml(xml)).toStrictEqual(expected);
  });

  it("builds each record like the one before it without carrying that one's values over", () => {
    // The decoder fills a copy of the previous record while fields come in the same order;
    // every departure from it must still decode exactly (keys in document order included).
    const records = [
      "<a>1</a><b>2</b><c>3</c><d>4</d>",
      "<a>5</a><b>6</b>", // fewer fields: c and d must not come from the record before
      "<a>7</a><c>8</c><b>9</b>", // another order
      "<a>1</a><b>2</b><c>3</c><d>4</d><e>5</e>", // one more
      "<a>x</a><a>y</a><b>z</b>", // a repeated name becomes a list
      "<a>p</a><__proto__><polluted>yes</polluted></__proto__>",
      '<a nil="true"/><b type="integer">10</b><c><n>nested</n></c><d type="boolean">true</d>',
      '<a/><b type="integer">11</b><c><n>again</n></c><d type="boolean">false</d>',
      "",
      "<a>last</a>",
    ];
    const xml = `<list type="array">${records.map((r) => `<r>${r}</r>`).join("")}</list>`;
    const expected = JSON.parse(`[
      {"r":{"a":"1","b":"2","c":"3","d":"4"}},
      {"r":{"a":"5","b":"6"}},
      {"r":{"a":"7","c":"8","b":"9"}},
      {"r":{"a":"1","b":"2","c":"3","d":"4","e":"5"}},
      {"r":{"a":["x","y"],"b":"z"}},
      {"r":{"a":"p","__proto__":{"polluted":"yes"}}},
      {"r":{"a":null,"b":10,"c":{"n":"nested"},"d":true}},
      {"r":{"a":"","b":11,"c":{"n":"again"},"d":false}},
      {"r":""},
      {"r":{"a":"last"}}
    ]`);
    const value = decodeRailsXml(xml) as { r: Record<string, unknown> }[];
    expect(value).toStrictEqual(expected);
    // toStrictEqual ignores the order of keys; JSON.stringify shows it.
    expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
    expect(Object.hasOwn(value[5]?.r ?? {}, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The records are objects of their own, not the copies one another were made from.
    expect(value[3]?.r).not.toBe(value[0]?.r);
  });

  describe("keeps no part of the body alive", () => {
    setFlagsFromString("--expose-gc");
    const collectGarbage = runInNewContext("gc") as () => void;
    const settle = async () => {
      for (let i = 0; i < 3; i++) {
        collectGarbage();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // Long values as text, as CDATA and as CDATA with line ends to normalise: V8 would hand out
    // views into the body for each, and a regular expression's match would keep it too.
    const record = (i: number) =>
      `<backup><built_at type="datetime">2026-01-01T00:02:02+00:00</built_at><identifier>5498ee0031a186${i}</identifier><note><![CDATA[a note long enough to be a view ${i}]]></note><lines><![CDATA[line one\r\nline two ${i}]]></lines></backup>`;
    const body = () =>
      `<backups type="array">${Array.from({ length: 30_000 }, (_, i) => record(i)).join("")}</backups>`;

    it("through the values a caller keeps", async () => {
      await settle();
      const before = process.memoryUsage().heapUsed;
      let xml: string | undefined = body();
      const bodyLength = xml.length;
      const kept = (decodeRailsXml(xml) as { backup: Record<string, string> }[]).slice(0, 10);
      xml = undefined;
      await settle();
      const retained = process.memoryUsage().heapUsed - before;
      expect(kept[3]?.backup).toStrictEqual({
        built_at: "2026-01-01T00:02:02+00:00",
        identifier: "5498ee0031a1863",
        note: "a note long enough to be a view 3",
        lines: "line one\nline two 3",
      });
      // Ten records are a few kilobytes; the body (7 MB) would be all of it.
      expect(retained).toBeLessThan(bodyLength / 4);
    });

    it("after refusing it", async () => {
      await settle();
      const before = process.memoryUsage().heapUsed;
      let xml: string | undefined = `${body()}\u0001`;
      const bodyLength = xml.length;
      // No expect() before the measure: a matcher's own regular expressions would hide the bug.
      let message = "";
      try {
        decodeRailsXml(xml);
      } catch (error) {
        message = (error as Error).message;
      }
      xml = undefined;
      await settle();
      const retained = process.memoryUsage().heapUsed - before;
      expect(message).toContain("a character XML does not allow");
      expect(retained).toBeLessThan(bodyLength / 4);
    });
  });

  it("keeps a repeated element whose first value is an array as one item", () => {
    const xml = '<a><b type="array"><c>1</c></b><b>2</b><b>3</b></a>';
    expect(decodeRailsXml(xml)).toStrictEqual({ a: { b: [["1"], "2", "3"] } });
  });

  it("decodes nesting up to MAX_DEPTH and refuses deeper as malformed", () => {
    let value = decodeRailsXml(`${"<a>".repeat(MAX_DEPTH)}x${"</a>".repeat(MAX_DEPTH)}`);
    let levels = 0;
    while (typeof value === "object" && value !== null) {
      value = (value as { a: unknown }).a;
      levels++;
    }
    expect(levels).toBe(MAX_DEPTH);
    expect(value).toBe("x");
    const deeper = 200_000;
    expect(decodeError(`${"<a>".repeat(deeper)}x${"</a>".repeat(deeper)}`).message).toMatch(
      `nested deeper than ${MAX_DEPTH} levels`,
    );
  });
});

describe("decodeRailsXml, hostile and odd input", () => {
  it.each([
    ["<a><!-- never closed</a>", /comment that is never closed/],
    ["<a><![CDATA[x</a>", /CDATA section that is never closed/],
    ["<?xml version='1.0'", /never closed|no document element/],
    ["<a>1 < 2</a>", /a '<' that starts no tag/],
    ["<a>&#x110000;</a>", /character XML does not allow/],
    ["<a>&#0;</a>", /character XML does not allow/],
    ["<a>&#xD800;</a>", /character XML does not allow/],
    ["<a>&#;</a>", /malformed character reference/],
    ["<a>&#x12</a>", /malformed character reference/],
    ["<a>AT&T</a>", /entity reference without its ';'/],
    ["<a>a & b</a>", /starts no entity reference/],
    ["<a>a ]]> b</a>", /']]>' in text/],
    ["<a>\u0001</a>", /character XML does not allow/],
    ["<a>\ud800</a>", /unpaired UTF-16 surrogate/],
    ["<a><!-- a -- b --></a>", /'--' inside a comment/],
    ["<a><!ENTITY x 'y'></a>", /declarations are refused/],
    ["<a><![CDATA[x]]></a><![CDATA[y]]>", /CDATA section outside/],
    ["<a></a>x", /text outside the document element/],
    ["x<a></a>", /text outside the document element/],
    ["<a></a><b/>", /second document element/],
    ["</a>", /no element is open/],
    ["<a></a></a>", /no element is open/],
    ["<a></ab>", /end tag that does not match/],
    ["<ab></a>", /end tag that does not match/],
    ["<a></a x>", /expected '>' to end an end tag/],
    ["<a x='1' x='2'/>", /attribute given twice/],
    ["<a x='1'y='2'/>", /expected whitespace/],
    ["<a x=1/>", /quoted attribute value/],
    ["<a x/>", /expected '='/],
    ["<a x='<'/>", /'<' inside an attribute value/],
    ["<a x='&bad;'/>", /undeclared entity/],
    ["<a x='1", /attribute value that is never closed/],
    ["<a x='1'", /start tag that is never closed/],
    ["<a", /start tag that is never closed/],
    ["<a / >", /expected '>' after '\/'/],
    ["<1a/>", /a '<' that starts no tag/],
    ["<a><?xml version='1.0'?></a>", /XML declaration .*not at the very start/],
    [" <?xml version='1.0'?><a/>", /XML declaration .*not at the very start/],
    ["<?xml encoding='UTF-8'?><a/>", /without its version/],
    ["<?pi", /processing instruction that is never closed/],
    ["<??><a/>", /without a target name/],
    ["<?pi-x?><a/><?a.b c", /processing instruction that is never closed/],
    ['<a type="array">text</a>', /typed array/],
    ['<a type="float">1.2.3</a>', /decimal number/],
    ['<a type="float">0x10</a>', /decimal number/],
    ['<a type="integer">+</a>', /typed integer/],
  ])("refuses %j as malformed", (xml, message) => {
    expect(decodeError(xml).message).toMatch(message);
  });

  it("stays linear on a long run of unterminated comment openers", () => {
    // Each opener used to rescan to the end of the input; now the first one fails at once
    // (the second opener's `--` is already not allowed inside the first comment).
    const xml = `<a>${"<!--".repeat(50_000)}</a>`;
    expect(decodeError(xml).message).toMatch(/'--' inside a comment|never closed/);
  });

  it("says where and what, never the body's text, in its messages", () => {
    const secret = "SECRET-TOKEN-123";
    for (const xml of [
      `<a>${secret} & more</a>`,
      `<${secret}></a>`,
      `<a x="${secret}<"/>`,
      `<a type="integer">${secret}</a>`,
      `${secret}`,
      `<a><${secret}>`,
    ]) {
      const error = decodeError(xml);
      expect(error.message).toMatch(/^Malformed XML at line \d+, column \d+: /);
      expect(error.message).not.toContain(secret);
      expect(error.stack ?? "").not.toContain(secret);
    }
  });
});

describe("the @backupkit/onapp/xml entry", () => {
  it("throws the client's typed errors: DecodeError for malformed XML, InvalidArgumentError for what XML cannot carry", async () => {
    const { DecodeError, InvalidArgumentError } = await import("@backupkit/core");
    const entry = await import("../src/xml.js");
    expect(entry.decodeRailsXml(seedLike)).toStrictEqual(decodeRailsXml(seedLike));
    expect(() => entry.decodeRailsXml("<a>")).toThrow(DecodeError);
    expect(() => entry.decodeRailsXml("<a>")).toThrow(/^Malformed XML at /);
    expect(() => entry.encodeRailsXml({ a: { "not a name": 1 } })).toThrow(InvalidArgumentError);
    expect(entry.encodeRailsXml({ a: { b: 1 } })).toBe(encodeRailsXml({ a: { b: 1 } }));
  });
});
