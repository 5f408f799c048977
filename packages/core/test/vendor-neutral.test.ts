/**
 * Core knows no vendor: what is specific to one API lives in that API's package and plugs in
 * through `ApiProfile`. This fails when a vendor, product, header or error shape of either API
 * is named anywhere in core's source.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const FORBIDDEN = [
  "zcom",
  "z.com",
  "conoha",
  "onapp",
  "openstack",
  "keystone",
  "rails",
  "x-auth-token",
  "x-compute-request-id",
  "itemnotfound",
  "passwordcredentials",
  "virtual_machine",
  "backuprun",
];

const src = new URL("../src/", import.meta.url);
const files = readdirSync(src).filter((name) => name.endsWith(".ts"));

describe("core names no vendor", () => {
  it.each(files)("%s", (name) => {
    const text = readFileSync(new URL(name, src), "utf8").toLowerCase();
    expect(FORBIDDEN.filter((word) => text.includes(word))).toEqual([]);
  });

  it("looks at every source file", () => {
    expect(files).toContain("runtime.ts");
  });
});
