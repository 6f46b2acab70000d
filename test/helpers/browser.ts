import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { chromium, type Browser, type Page } from "playwright-core";
import { z } from "zod";

/** Screenshots are kept as test artifacts (test-artifacts/ is not committed). */
const screenshotDirectory = new URL("../../test-artifacts/browser/", import.meta.url);

/**
 * Debian's chromium (`apt-get install -y chromium`), driven by playwright-core: Playwright's own
 * browser download does not work on these machines. Each launch gets a fresh temporary profile.
 */
export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`The browser tests need Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/** A page in a context of its own (its own cookies); script errors on the page fail the test. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; pageErrors: Error[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));
  await page.goto(url);
  return { page, pageErrors };
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, screenshotDirectory).pathname, fullPage: true });
}

/**
 * graphql-yoga's GraphiQL page loads GraphiQL from unpkg.com, which these machines cannot reach.
 * The same build ships in @graphql-yoga/render-graphiql (the offline GraphiQL): answer the page's
 * requests to unpkg.com from it, so the test sees exactly the page a person gets.
 */
export async function serveGraphiQLAssetsLocally(page: Page): Promise<void> {
  // Named in a variable: it is an optional development dependency, loaded only by this test.
  const offlineGraphiQLModule = "@graphql-yoga/render-graphiql/graphiql";
  const assets = z
    .object({ css: z.string(), js: z.string(), editorWorkerService: z.string(), jsonWorker: z.string(), graphqlWorker: z.string() })
    .parse(
      await import(offlineGraphiQLModule).catch((error: unknown) => {
        throw new Error(`GraphiQL's browser test needs \`npm install -D @graphql-yoga/render-graphiql\` (${String(error)})`);
      }),
    );
  const byFileName: Record<string, { body: string; contentType: string }> = {
    "graphiql.css": { body: assets.css, contentType: "text/css" },
    "yoga-graphiql.umd.js": { body: assets.js, contentType: "text/javascript" },
    "editor.worker.bundle.js": { body: assets.editorWorkerService, contentType: "text/javascript" },
    "json.worker.bundle.js": { body: assets.jsonWorker, contentType: "text/javascript" },
    "graphql.worker..bundle.js": { body: assets.graphqlWorker, contentType: "text/javascript" },
  };
  await page.context().route(/^https:\/\/(unpkg\.com|raw\.githubusercontent\.com)\//, (route) => {
    const asset = byFileName[new URL(route.request().url()).pathname.split("/").pop() ?? ""];
    if (!asset) return route.fulfill({ status: 404 });
    // The page fetches the workers' code with fetch(): a cross-origin read.
    return route.fulfill({ status: 200, body: asset.body, contentType: asset.contentType, headers: { "access-control-allow-origin": "*" } });
  });
}
