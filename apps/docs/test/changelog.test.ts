// The landing page shows each versioned package's version and links to its changelog page,
// which the build writes into dist/ so that the link works offline.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderIndex } from "../scripts/index-page.mjs";
import { changelogHref, type PackageInfo, readPackages, renderChangelogPage } from "../scripts/packages.mjs";
import { API_IDS, appDir, bundledSpec, distDir, readDist } from "./helpers.js";

const rootDir = join(appDir, "..", "..");
const versionOf = (id: string) =>
  JSON.parse(readFileSync(join(rootDir, "packages", id, "package.json"), "utf8")).version as string;

const released: PackageInfo = {
  id: "zcom",
  name: "@backupkit/zcom",
  version: "0.3.0",
  description: "Z.com client",
  published: true,
  changelog:
    "# @backupkit/zcom\n\n## 0.3.0\n\n### Minor Changes\n\n- abc1234: `listBackups` takes a `limit`.\n\n## 0.2.0\n\n### Patch Changes\n\n- Fixed retries.\n- Updated dependencies [abc1234]\n  - @backupkit/core@0.2.0\n",
};

describe("readPackages", () => {
  it("lists the versioned packages with their package.json versions, and not the private test helpers", () => {
    const packages = readPackages(rootDir);
    expect(packages.map((pkg) => pkg.id)).toEqual(["core", "zcom", "onapp", "mocks"]);
    for (const pkg of packages) expect(pkg.version, pkg.id).toBe(versionOf(pkg.id));
    // Published as the clients are, so a project's own CI can install it.
    expect(packages.find((pkg) => pkg.id === "mocks")?.published).toBe(true);
  });
});

describe("renderChangelogPage", () => {
  it("renders each release of the changelog as a section", () => {
    const page = renderChangelogPage(released);
    expect(page).toContain("<h1>@backupkit/zcom changelog</h1>");
    expect(page).toMatch(/<h2[^>]*>0\.3\.0<\/h2>/);
    expect(page).toMatch(/<h2[^>]*>0\.2\.0<\/h2>/);
    expect(page).toContain("<code>listBackups</code> takes a <code>limit</code>");
    expect(page).toContain('href="../index.html"');
    expect(page).toContain("<li>@backupkit/core@0.2.0</li>");
    expect(page).not.toContain("mailto:");
  });

  it("says there is no release yet when there is no CHANGELOG.md", () => {
    const page = renderChangelogPage({ ...released, changelog: null, version: "0.1.0" });
    expect(page).toContain("No release of @backupkit/zcom has been made");
    expect(page).toContain("0.1.0 is the version in the repository");
  });
});

describe("the landing page", () => {
  const apis = API_IDS.map((id) => ({
    api: { id, title: id, packageName: `@backupkit/${id}`, factory: "create", envPrefix: id.toUpperCase() },
    spec: bundledSpec(id),
  }));

  it("shows each package's version next to a link to its changelog", () => {
    const html = renderIndex(apis, [released]);
    expect(html).toContain(
      `<code>@backupkit/zcom</code> 0.3.0 (<a href="changelog/zcom.html">changelog</a>)`,
    );
    expect(html).toMatch(
      /<tr><td><code>@backupkit\/zcom<\/code><\/td><td>0\.3\.0<\/td><td><a href="changelog\/zcom\.html">/,
    );
  });

  it("as built, links every versioned package to a changelog page that exists in dist/", () => {
    const index = readDist("index.html");
    for (const pkg of readPackages(rootDir)) {
      expect(index, pkg.name).toContain(`<td>${pkg.version}</td><td><a href="${changelogHref(pkg)}">`);
      expect(existsSync(join(distDir, changelogHref(pkg))), changelogHref(pkg)).toBe(true);
    }
  });
});
