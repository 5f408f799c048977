import { DecodeError } from "@backupkit/core";
import { describe, expect, it } from "vitest";
import { decodeRailsXml, encodeRailsXml } from "../src/xml.js";

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

  it.each([
    ['<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', /DOCTYPE/],
    ["<a><b></a></b>", /<\/a> closes <b>/],
    ["<a><b>", /never closed/],
    ['<a><id type="integer">12x</id></a>', /typed integer/],
    ['<a><ok type="boolean">maybe</ok></a>', /typed boolean/],
    ["<a>&bogus;</a>", /unknown entity/],
    ["<a/><b/>", /second document element/],
    ["just text", /no document element|outside/],
    ["", /no document element/],
  ])("refuses malformed input %#", (xml, message) => {
    expect(() => decodeRailsXml(xml)).toThrow(DecodeError);
    expect(() => decodeRailsXml(xml)).toThrow(message);
  });

  it("names the line of the problem", () => {
    expect(() => decodeRailsXml("<a>\n<b>\n</c>\n</a>")).toThrow(/line 3/);
  });
});

describe("encodeRailsXml", () => {
  it("round-trips through the decoder", () => {
    const value = { backup: { note: "<tag> & 'quotes'", force_windows_backup: 1, ok: true, gone: null } };
    expect(decodeRailsXml(encodeRailsXml(value))).toStrictEqual(value);
  });
});

describe("decodeRailsXml, content split by comments and CDATA", () => {
  it("joins text around comments and CDATA, and ignores comments between records", () => {
    const xml =
      '<a><!-- c --><b>x<!-- y -->z<![CDATA[&]]>&amp;</b><!-- between --><c type="integer"> 4 </c></a>';
    expect(decodeRailsXml(xml)).toStrictEqual({ a: { b: "xz&&", c: 4 } });
  });

  it("refuses text beside child elements, before or after them", () => {
    expect(() => decodeRailsXml("<a>text<b/></a>")).toThrow(/mixes text and elements/);
    expect(() => decodeRailsXml("<a><b/>text</a>")).toThrow(/mixes text and elements/);
  });

  it("keeps a leaf's whitespace as it is", () => {
    expect(decodeRailsXml("<a><b> x </b></a>")).toStrictEqual({ a: { b: " x " } });
  });
});

describe("decodeRailsXml, hostile and odd input", () => {
  it.each([
    ["<a><!-- never closed</a>", /never closed/],
    ["<a><![CDATA[x</a>", /never closed/],
    ["<?xml version='1.0'", /never closed|no document element/],
    ["<a>1 < 2</a>", /a '<' that starts no tag/],
    ["<a>&#x110000;</a>", /not a character XML allows/],
    ["<a>&#0;</a>", /not a character XML allows/],
  ])("refuses %j with a DecodeError", (xml, message) => {
    expect(() => decodeRailsXml(xml)).toThrow(DecodeError);
    expect(() => decodeRailsXml(xml)).toThrow(message);
  });

  it("stays linear on a long run of unterminated comment openers", () => {
    // Each opener used to rescan to the end of the input; now the first one fails at once.
    const xml = `<a>${"<!--".repeat(50_000)}</a>`;
    expect(() => decodeRailsXml(xml)).toThrow(/never closed/);
  });

  it("keeps a repeated element whose first value is an array as one item", () => {
    const xml = '<a><b type="array"><c>1</c></b><b>2</b><b>3</b></a>';
    expect(decodeRailsXml(xml)).toStrictEqual({ a: { b: [["1"], "2", "3"] } });
  });
});
