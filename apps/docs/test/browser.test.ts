// Opens every page of the built site in headless Chromium with the network cut off: only the
// loopback server that serves dist/ is reachable. Asserts that no request tries to leave the
// machine, that nothing logs an error, that every operation of both specs is in Redoc's menu
// and opens, and that the Z.com list-backups operation shows its example response.
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { API_IDS, type ApiId, bundledSpec, distDir, operationsOf, resultsDir } from "./helpers.js";

const chromiumPath = inject("chromiumPath");

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
};

/** The first backup id of the vendor's list-backups example (specs/zcom/fixtures/list-backups.seed.json). */
const SEED_BACKUP_ID = "9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17";

/** A pattern that matches exactly this text. */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

interface Watch {
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests to the local server that failed or got an error status. */
  failed: string[];
}

describe.skipIf(!chromiumPath)("the docs site in Chromium, offline", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  /** Every request that tried to go anywhere but the local server. */
  const leaving: string[] = [];

  beforeAll(async () => {
    mkdirSync(resultsDir, { recursive: true });
    server = await startServer(async (request, response) => {
      const path = decodeURIComponent(new URL(request.url, "http://local").pathname);
      const file = normalize(join(distDir, path === "/" ? "index.html" : path));
      if (!file.startsWith(distDir + sep)) return reply(response, 403);
      try {
        const body = await readFile(file);
        response.writeHead(200, {
          "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        });
        response.end(body);
      } catch {
        reply(response, 404, "not found");
      }
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: "block" });
    // Cut the network: anything not addressed to the local server is aborted and recorded.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${server.url}/`)) return route.continue();
      leaving.push(url);
      return route.abort("blockedbyclient");
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function open(name: string): Promise<{ page: Page; watch: Watch }> {
    const page = await context.newPage();
    const watch: Watch = { errors: [], failed: [] };
    page.on("console", (message) => {
      if (message.type() === "error") watch.errors.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => watch.errors.push(`page error: ${error.message}`));
    // Routes do not see WebSockets; the docs need none, so any is a request leaving the page.
    page.on("websocket", (socket) => leaving.push(socket.url()));
    page.on("requestfailed", (request) => {
      if (request.url().startsWith(server.url))
        watch.failed.push(`${request.url()}: ${request.failure()?.errorText}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) watch.failed.push(`${response.url()}: HTTP ${response.status()}`);
    });
    await page.goto(`${server.url}/${name}`, { waitUntil: "load" });
    return { page, watch };
  }

  /** Waits until Redoc has hydrated: its footer logo is rendered by an effect, so only on the client. */
  async function hydrated(page: Page): Promise<void> {
    const logo = page.locator('img[alt="redocly logo"]');
    await logo.waitFor({ state: "attached", timeout: 20_000 });
    expect(await logo.getAttribute("src"), "the footer logo is inlined, not fetched").toMatch(
      /^data:image\/svg\+xml,/,
    );
  }

  it("index.html: describes both APIs and links to their pages", async () => {
    const { page, watch } = await open("index.html");
    await page.waitForLoadState("networkidle");
    expect(await page.title()).toBe("backupkit API docs");
    for (const api of API_IDS) {
      expect(await page.locator(`a[href="${api}.html"]`).count(), api).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(resultsDir, "index.png"), fullPage: true });
    await page.locator('a.button[href="onapp.html"]').click();
    await page.waitForURL(/onapp\.html/);
    await hydrated(page);
    expect(watch).toEqual({ errors: [], failed: [] });
    await page.close();
  });

  describe.each(API_IDS)("%s.html", (api: ApiId) => {
    const spec = bundledSpec(api);
    const operations = operationsOf(spec);

    it("lists every operation of the spec in the side menu, and each one opens", async () => {
      const { page, watch } = await open(`${api}.html`);
      await hydrated(page);
      await page.screenshot({ path: join(resultsDir, `${api}.png`) });

      // Open each group of the menu (it shows one at a time, and renders a group's entries when
      // it is first opened), note the operations it lists, then open each of them.
      const listed = new Set<string>();
      for (const tag of [...new Set(operations.map((op) => op.tag))]) {
        await page
          .locator(`.menu-item-type-group [data-text=${JSON.stringify(tag)}]`)
          .first()
          .click();
        const first = operations.find((op) => op.tag === tag);
        await page
          .locator(`.menu-item-type-operation [data-text=${JSON.stringify(first?.summary)}]`)
          .waitFor({ state: "visible", timeout: 10_000 });
        const entries = await page
          .locator(".menu-item-type-operation [data-text]")
          .evaluateAll((items) => items.map((item) => item.getAttribute("data-text") ?? ""));
        for (const entry of entries) listed.add(entry);

        for (const op of operations.filter((o) => o.tag === tag)) {
          const item = page.locator(`.menu-item-type-operation [data-text=${JSON.stringify(op.summary)}]`);
          await item.waitFor({ state: "visible", timeout: 10_000 });
          await item.click();
          await page.waitForURL(new RegExp(`#/.*${op.operationId.toLowerCase()}$`));
          const section = page.locator(`[id$="/${op.operationId.toLowerCase()}"]`).first();
          const heading = section.locator("h1, h2").filter({ hasText: exactly(op.summary) });
          await heading.first().waitFor({ state: "visible", timeout: 10_000 });
          // The code sample panel opens on the TypeScript sample that uses our client.
          const sample = section.locator('[data-testid="source-code"]');
          expect(await sample.first().textContent(), op.operationId).toContain(`@backupkit/${api}`);
        }
      }
      expect([...listed].sort()).toEqual(operations.map((op) => op.summary).sort());

      expect(watch).toEqual({ errors: [], failed: [] });
      await page.close();
    });
  });

  it("zcom.html: list backups shows the vendor's example response and the /v1 erratum", async () => {
    const { page, watch } = await open("zcom.html");
    await hydrated(page);
    await page.locator('.menu-item-type-group [data-text="Backups"]').first().click();
    await page.locator('.menu-item-type-operation [data-text="List backups"]').click();
    await page.waitForURL(/#\/.*listbackups$/);

    const operation = page.locator('[id$="/listbackups"]').first();
    const example = operation
      .locator('[data-testid="json-viewer"]')
      .getByText(SEED_BACKUP_ID, { exact: false });
    await example.first().waitFor({ state: "visible", timeout: 10_000 });
    await example.first().scrollIntoViewIfNeeded();
    expect(await operation.getByText("text/html; charset=UTF-8", { exact: false }).count()).toBeGreaterThan(
      0,
    );
    expect(await operation.getByText("Vendor doc erratum:").first().isVisible()).toBe(true);
    await page.screenshot({ path: join(resultsDir, "zcom-listBackups.png") });

    expect(watch).toEqual({ errors: [], failed: [] });
    await page.close();
  });

  it("onapp.html: the field the vendor's list misnames carries the erratum", async () => {
    const { page, watch } = await open("onapp.html");
    await hydrated(page);
    await page.locator('.menu-item-type-group [data-text="Backups"]').first().click();
    await page.locator('.menu-item-type-operation [data-text="Get a backup"]').click();
    await page.waitForURL(/#\/.*getbackup$/);
    const operation = page.locator('[id$="/getbackup"]').first();
    // The Backup record is a nested schema, shown collapsed until its property name is clicked.
    await operation
      .locator("span.schema-name", { hasText: /^backup$/ })
      .first()
      .click();
    await operation
      .getByText("allowed_resize_without_reboot")
      .first()
      .waitFor({ state: "visible", timeout: 10_000 });
    expect(watch).toEqual({ errors: [], failed: [] });
    await page.close();
  });

  it("no page tried to reach anything but the local server", () => {
    expect(leaving).toEqual([]);
  });
});
