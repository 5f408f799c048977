/**
 * Issue 11: property-based tests of the Rails XML codec, with fast-check.
 *
 * Seeded, so a failure replays: FUZZ_SEED picks the seed (default 11), FUZZ_RUNS the runs per
 * property (default a modest 300, so that `pnpm test` stays quick); `pnpm fuzz` runs the same
 * properties many more times.
 */
import { readFileSync } from "node:fs";
import { inspect, isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { decodeRailsXml } from "../src/xml/decode.js";
import { encodeRailsXml } from "../src/xml/encode.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 11);
// Long runs (pnpm fuzz) take minutes on a loaded 2-core machine; the default runs take seconds.
const TIMEOUT = Math.max(60_000, RUNS * 100);
const settings = { numRuns: RUNS, seed: SEED };
console.log(`xml fuzz: ${RUNS} runs per property, seed ${SEED} (FUZZ_RUNS, FUZZ_SEED)`);

const spec = JSON.parse(
  readFileSync(new URL("../../../specs/bundled/onapp.json", import.meta.url), "utf8"),
) as { components: { schemas: { Backup: Schema } } };

/** Every XML body of the spec's examples and fixtures: the real bodies mutations start from. */
const realBodies: string[] = [
  readFileSync(new URL("../../../specs/onapp/fixtures/backup-images.seed.xml", import.meta.url), "utf8"),
];
(function collect(node: unknown): void {
  if (typeof node === "string") {
    if (node.trimStart().startsWith("<")) realBodies.push(node);
  } else if (node !== null && typeof node === "object") {
    for (const value of Object.values(node)) collect(value);
  }
})(spec);

/**
 * Runs the decoder: its value, or the "Malformed XML" SyntaxError it threw (which the client
 * reports as a DecodeError); anything else thrown fails.
 */
function outcome(xml: string): { value?: unknown; error?: SyntaxError } {
  try {
    return { value: decodeRailsXml(xml) };
  } catch (error) {
    if (error instanceof SyntaxError && error.message.startsWith("Malformed XML at ")) return { error };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Arbitrary input: data or a malformed-XML error, nothing else.

/** Fragments XML is made of, so that random input reaches deep into the decoder. */
const TOKENS = [
  "<a>",
  "</a>",
  '<b type="integer">',
  "</b>",
  '<c nil="true"/>',
  '<d type="array">',
  "</d>",
  "<e type='boolean'>",
  "</e>",
  '<f type="float">',
  "</f>",
  "<__proto__>",
  "</__proto__>",
  "&amp;",
  "&lt;",
  "&#65;",
  "&#x1F600;",
  "&#0;",
  "&#xD800;",
  "&bogus;",
  "&",
  "&#",
  ";",
  "<",
  ">",
  "/>",
  "</",
  "<!--",
  "-->",
  "--",
  "<![CDATA[",
  "]]>",
  "]]",
  '<?xml version="1.0"?>',
  "<?p ",
  "?>",
  "<!DOCTYPE a>",
  '<!ENTITY e "x">',
  "=",
  '"',
  "'",
  " ",
  "\n",
  "\r\n",
  "\r",
  "\t",
  "1",
  "-2",
  "1.5e3",
  "true",
  "x",
  "\u0000",
  "\ufeff",
  "\ud800",
  "\uffff",
  "ä",
  "😀",
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(""));

/** A real body changed by a few edits: deletions, insertions of XML fragments, truncation. */
const mutatedBody = fc
  .tuple(
    fc.constantFrom(...realBodies),
    fc.array(
      fc.tuple(
        fc.constantFrom("delete", "insert", "duplicate", "truncate"),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([body, edits]) => {
    let out = body;
    for (const [kind, where, length, text] of edits) {
      const at = Math.floor(where * out.length);
      if (kind === "delete") out = out.slice(0, at) + out.slice(at + length);
      else if (kind === "insert") out = out.slice(0, at) + text + out.slice(at);
      else if (kind === "duplicate")
        out = out.slice(0, at + length) + out.slice(at, at + length) + out.slice(at + length);
      else out = out.slice(0, at);
    }
    return out;
  });

describe("decodeRailsXml on arbitrary input gives data or a malformed-XML error, nothing else", () => {
  it.each([
    ["any string (all of Unicode, lone surrogates included)", fc.string({ unit: "binary", maxLength: 200 })],
    [
      "any bytes read as UTF-8",
      fc.uint8Array({ maxLength: 200 }).map((bytes) => new TextDecoder().decode(bytes)),
    ],
    [
      "any bytes read as Latin-1",
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
    ],
    ["XML fragments in any order", tokenSoup],
    ["real bodies, mutated", mutatedBody],
  ] as const)(
    "%s",
    (_label, input) => {
      fc.assert(
        fc.property(input, (xml) => {
          const result = outcome(xml);
          // Data is never undefined passed off as a value.
          if (result.error === undefined) expect(result.value).not.toBeUndefined();
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it("real bodies, unmutated, all decode", () => {
    expect(realBodies.length).toBeGreaterThan(10);
    for (const body of realBodies) expect(outcome(body).error).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------
// Valid OnApp backups, written as Rails XML two ways, decode to what JSON gives.

interface Schema {
  type?: string | string[];
  anyOf?: Schema[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
}

/** Text with what XML writers get wrong: markup characters, `]]>`, CR, astral characters. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "&",
        "<",
        ">",
        "]]>",
        "]]",
        '"',
        "'",
        "\r",
        "\r\n",
        "\n",
        "\t",
        " ",
        "&amp;",
        "<!--",
        "-->",
        "?>",
        "😀",
      ),
      fc.string({ unit: "binary", maxLength: 3 }),
    ),
    { maxLength: 8 },
  )
  // Only what XML 1.0 can carry: no C0 controls but tab/LF/CR, no U+FFFE/FFFF, no lone surrogates.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  .map((parts) => parts.join("").replace(/[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu, ""));

const dateTime = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true })
  .map((date) => date.toISOString().replace(/\.\d+Z$/, "+00:00"));

/** An arbitrary for one schema type, as the spec gives it. */
function arbitraryOf(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(arbitraryOf));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "string"];
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case "integer":
          return fc.oneof(
            fc.integer({ min: schema.minimum ?? -(2 ** 31) }),
            fc.constant(Number.MAX_SAFE_INTEGER),
          );
        case "boolean":
          return fc.boolean();
        case "null":
          return fc.constant(null);
        default:
          if (schema.enum) return fc.constantFrom(...schema.enum);
          if (schema.format === "date-time") return dateTime;
          return hostileText;
      }
    }),
  );
}

const extraKey = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "toString",
    "type",
    "nil",
    "xml_note",
    "x:y",
    "ä",
    "_",
    "a.b-c",
  ),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/),
);

/** Values a newer server may add: any JSON value but an empty object (XML cannot tell it from ""). */
const { jsonValue } = fc.letrec((tie) => ({
  jsonValue: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    hostileText,
    fc.array(tie("jsonValue"), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(extraKey, tie("jsonValue")), {
        minLength: 1,
        maxLength: 4,
        selector: ([key]) => key,
      })
      .map((entries) => Object.fromEntries(entries)),
  ),
}));

const backupSchema = spec.components.schemas.Backup;
const backup = fc
  .tuple(
    fc.record(
      Object.fromEntries(
        Object.entries(backupSchema.properties ?? {}).map(([key, schema]) => [key, arbitraryOf(schema)]),
      ),
      { requiredKeys: backupSchema.required ?? [] },
    ),
    fc.uniqueArray(fc.tuple(extraKey, jsonValue), { maxLength: 3, selector: ([key]) => key }),
  )
  .map(([known, extra]) => {
    const record: Record<string, unknown> = { ...known };
    for (const [key, value] of extra) {
      if (!Object.hasOwn(known, key))
        Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return record;
  });

/** How the independent writer varies what it writes, each choice valid XML. */
const style = fc.record({
  declaration: fc.boolean(),
  bom: fc.boolean(),
  quote: fc.constantFrom('"', "'"),
  space: fc.constantFrom("", "\n", "\n  ", " \t", "\r\n"),
  comments: fc.boolean(),
  cdata: fc.boolean(),
  references: fc.constantFrom("named", "decimal", "hex"),
  selfClose: fc.boolean(),
});
type Style = typeof style extends fc.Arbitrary<infer T> ? T : never;

/**
 * A second Rails XML writer, independent of encodeRailsXml: its own choices of quotes,
 * whitespace between elements, comments, CDATA sections and character references.
 */
function writeXml(name: string, value: unknown, s: Style): string {
  const q = s.quote;
  const gap = s.comments ? `${s.space}<!-- gap -->${s.space}` : s.space;
  if (value === null)
    return s.selfClose ? `<${name} nil=${q}true${q}/>` : `<${name} nil=${q}true${q}></${name}>`;
  if (Array.isArray(value)) {
    const items = value.map((item) => writeXml(name === "item" ? "entry" : "item", item, s)).join(gap);
    return `<${name} type=${q}array${q}>${gap}${items}${gap}</${name}>`;
  }
  if (typeof value === "object") {
    const children = Object.entries(value as object).map(([key, child]) => writeXml(key, child, s));
    return `<${name}>${gap}${children.join(gap)}${gap}</${name} >`;
  }
  if (typeof value === "boolean") return `<${name} type=${q}boolean${q}>${value}</${name}>`;
  if (typeof value === "number") {
    const type = Number.isInteger(value) && !String(value).includes("e") ? "integer" : "double";
    return `<${name} type=${q}${type}${q}>${s.space.replace("\r\n", "\n")}${value}</${name}>`;
  }
  const text = String(value);
  if (text === "" && s.selfClose) return `<${name}/>`;
  return `<${name}>${s.cdata ? cdataText(text) : escapedText(text, s)}</${name}>`;
}

/** Text with its markup characters and CR as references; with comments, one splits the text. */
function escapedText(text: string, s: Style): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char !== "&" && char !== "<" && char !== ">" && char !== "\r") out += char;
    else if (s.references === "decimal") out += `&#${code};`;
    else if (s.references === "hex" || char === "\r") out += `&#x${code.toString(16)};`;
    else out += char === "&" ? "&amp;" : char === "<" ? "&lt;" : "&gt;";
    // A comment between two characters splits the text; the decoder must join it again.
    if (s.comments && out.length > 0 && !out.includes("<!--")) out += "<!-- split -->";
  }
  return out;
}

/** CDATA sections, split where the text holds `]]>`, with CR (which XML would read as LF) as a reference. */
function cdataText(text: string): string {
  return text
    .split("\r")
    .map((part) => (part === "" ? "" : `<![CDATA[${part.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`))
    .join("&#13;");
}

function document(body: string, s: Style): string {
  return `${s.bom ? "\ufeff" : ""}${s.declaration ? `<?xml version=${s.quote}1.0${s.quote} encoding="UTF-8"?>${s.space}` : ""}${body}${s.space}`;
}

const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value));

/**
 * Deep equality as node:assert's strict mode sees it: own keys, values and prototypes.
 * (Vitest's toStrictEqual compares `constructor` properties, which a record may own.)
 */
function expectSame(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) {
    expect(inspect(actual, { depth: null })).toBe(inspect(expected, { depth: null }));
    expect.fail("decoded value differs from the JSON form");
  }
}

describe("valid OnApp backups written as Rails XML decode to what their JSON gives", () => {
  it(
    "written by encodeRailsXml",
    () => {
      fc.assert(
        fc.property(backup, (record) => {
          const xml = encodeRailsXml({ backup: record });
          expect(XMLValidator.validate(xml)).toBe(true);
          expectSame(decodeRailsXml(xml), viaJson({ backup: record }));
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    "written by an independent writer, in many styles",
    () => {
      fc.assert(
        fc.property(backup, style, (record, s) => {
          const xml = document(writeXml("backup", record, s), s);
          expect(XMLValidator.validate(xml.replace(/^\ufeff/, ""))).toBe(true);
          expectSame(decodeRailsXml(xml), viaJson({ backup: record }));
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    "as a root array: each record wrapped in its element name",
    () => {
      fc.assert(
        fc.property(fc.array(backup, { maxLength: 4 }), style, (records, s) => {
          const gap = s.space;
          const items = records.map((record) => writeXml("backup", record, s)).join(gap);
          const xml = document(`<backups type=${s.quote}array${s.quote}>${gap}${items}${gap}</backups>`, s);
          expect(XMLValidator.validate(xml.replace(/^\ufeff/, ""))).toBe(true);
          expectSame(decodeRailsXml(xml), viaJson(records.map((record) => ({ backup: record }))));
        }),
        settings,
      );
    },
    TIMEOUT,
  );
});

describe("lists of records with varying fields decode to what their JSON gives, in order", () => {
  // The decoder builds each record as a copy of the last one of its name while the fields come
  // in the same order; records here share a few names in random orders, with repeats, gaps and
  // names that mean something to JavaScript objects.
  const NAMES = ["a", "b", "c", "d", "constructor", "__proto__"];
  const record = fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.integer({ min: 0, max: 99 })), {
    maxLength: 7,
  });
  /** The JSON form of one record: a repeated name gathers its values in a list, as Rails does. */
  const jsonOf = (fields: [string, number][]): unknown => {
    if (fields.length === 0) return "";
    const out: Record<string, unknown> = {};
    for (const [name, value] of fields) {
      const earlier = Object.hasOwn(out, name) ? out[name] : undefined;
      const next =
        earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
      Object.defineProperty(out, name, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  it(
    "in many records of one name",
    () => {
      fc.assert(
        fc.property(fc.array(record, { maxLength: 8 }), (records) => {
          const items = records
            .map((fields) => `<r>${fields.map(([n, v]) => `<${n} type="integer">${v}</${n}>`).join("")}</r>`)
            .join("");
          const value = decodeRailsXml(`<list type="array">${items}</list>`);
          const expected = records.map((fields) => ({ r: jsonOf(fields) }));
          expectSame(value, expected);
          expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
          for (const item of value as { r: unknown }[]) {
            if (typeof item.r === "object") expect(Object.getPrototypeOf(item.r)).toBe(Object.prototype);
          }
        }),
        settings,
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------
// No error message repeats the body: a secret planted anywhere stays out of every error.

const SECRET = "SECRET-TOKEN-123";

describe("decoder errors never carry the body's text", () => {
  it(
    "a secret planted in text, attributes or names of malformed bodies stays out of the error",
    () => {
      const planted = fc
        .tuple(
          fc.array(fc.constantFrom(...TOKENS), { maxLength: 20 }),
          fc.array(
            fc.tuple(
              fc.nat(),
              fc.constantFrom(
                SECRET,
                `<${SECRET}>`,
                `</${SECRET}>`,
                ` ${SECRET}="1"`,
                `x="${SECRET}"`,
                `&${SECRET};`,
                `<!-- ${SECRET}`,
                `<?${SECRET}`,
              ),
            ),
            { minLength: 1, maxLength: 3 },
          ),
        )
        .map(([tokens, secrets]) => {
          const parts = [...tokens];
          for (const [at, text] of secrets) parts.splice(at % (parts.length + 1), 0, text);
          return parts.join("");
        });
      fc.assert(
        fc.property(
          fc.oneof(
            planted,
            mutatedBody.map((body) => body.replace(/lvm|linux|manual/, SECRET)),
          ),
          (xml) => {
            const { error } = outcome(xml);
            if (error === undefined) return;
            for (const text of [error.message, error.stack ?? "", inspect(error), JSON.stringify(error)]) {
              expect(text).not.toContain(SECRET);
            }
          },
        ),
        settings,
      );
    },
    TIMEOUT,
  );
});
