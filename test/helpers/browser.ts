import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { chromium, type Browser, type Page } from "playwright-core";

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
 * Refuses every request the page makes to anywhere but `origin`, and collects them: a page that
 * works offline makes none.
 */
export async function refuseOtherOrigins(page: Page, origin: string): Promise<string[]> {
  const refused: string[] = [];
  await page.context().route(
    (url) => url.origin !== origin && url.protocol !== "blob:" && url.protocol !== "data:",
    (route) => {
      refused.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  return refused;
}
