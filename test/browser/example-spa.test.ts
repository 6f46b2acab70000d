import type { Browser, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSpaConfig } from "../../examples/spa/vite.config.ts";
import { launchBrowser, openPage, saveScreenshot } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

// The example SPA (examples/spa) in Chromium, served by Vite's dev server as `npm run example`
// serves it, with `/graphql` proxied to a real API server.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function startExampleSpa(api: TestServer): Promise<ViteDevServer> {
  const spaConfig = exampleSpaConfig(api.origin);
  const vite = await createServer({
    ...spaConfig,
    configFile: false,
    logLevel: "silent",
    server: { ...spaConfig.server, host: "127.0.0.1", port: 0, hmr: false },
  });
  await vite.listen();
  return vite;
}

const ada = {
  email: "ada@example.com",
  password: "analytical engine notes 1843",
  username: "ada",
  givenName: "Ada",
  familyName: "Lovelace",
};

async function fillSignUp(page: Page, values: Partial<typeof ada>) {
  const form = page.locator("#sign-up-form");
  await form.getByLabel("Email").fill(values.email ?? "");
  await form.getByLabel("Password").fill(values.password ?? "");
  await form.getByLabel("Username").fill(values.username ?? "");
  await form.getByLabel("Given name").fill(values.givenName ?? "");
  await form.getByLabel("Family name").fill(values.familyName ?? "");
  await form.getByRole("button", { name: "Sign up" }).click();
}

/** Sign up with mistakes, then right, sign out, sign up again (taken), sign in. */
async function runSignUpAndSignIn(spaUrl: string, screenshotPrefix: string) {
  const { page, pageErrors } = await openPage(browser, spaUrl);
  const status = page.locator("#session-status");
  await expect.poll(() => status.textContent()).toBe("Not signed in.");

  await fillSignUp(page, { ...ada, email: "not-an-email", password: "short" });
  const emailError = page.locator("#sign-up-email-error");
  await expect.poll(() => emailError.textContent()).not.toBe("");
  expect(await page.locator("#sign-up-email").getAttribute("aria-invalid")).toBe("true");
  await saveScreenshot(page, `${screenshotPrefix}-1-field-errors`);
  // Each message sits next to its own input: nothing about the email under the password.
  expect(await emailError.textContent()).toMatch(/email/i);
  expect(await page.locator("#sign-up-username-error").textContent()).toBe("");
  // The password policy is checked once every field is valid: its reasons come on the next submit.
  expect(await page.locator("#sign-up-password-error").textContent()).toBe("");

  await fillSignUp(page, { ...ada, password: "short" });
  const passwordError = page.locator("#sign-up-password-error");
  await expect.poll(() => passwordError.textContent()).toMatch(/8 characters/);
  expect(await emailError.textContent()).toBe("");
  await saveScreenshot(page, `${screenshotPrefix}-2-password-policy`);

  await fillSignUp(page, ada);
  await expect.poll(() => status.textContent()).toBe("Signed in as Ada Lovelace (ada@example.com).");
  await saveScreenshot(page, `${screenshotPrefix}-3-signed-up`);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect.poll(() => status.textContent()).toBe("Not signed in.");

  await fillSignUp(page, ada);
  await expect.poll(() => emailError.textContent()).toBe("Already taken by another account.");
  expect(await page.locator("#sign-up-username-error").textContent()).toBe("Already taken by another account.");
  await saveScreenshot(page, `${screenshotPrefix}-4-conflict`);

  const signIn = page.locator("#sign-in-form");
  await signIn.getByLabel("Email, phone number or username").fill("ADA@example.com");
  await signIn.getByLabel("Password").fill("not the password");
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => signIn.locator(".form-error").textContent()).not.toBe("");
  await signIn.getByLabel("Password").fill(ada.password);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => status.textContent()).toBe("Signed in as Ada Lovelace (ada@example.com).");

  // The session is the HttpOnly cookie: a reload still knows the user through `me`.
  await page.reload();
  await expect.poll(() => status.textContent()).toBe("Signed in as Ada Lovelace (ada@example.com).");
  await saveScreenshot(page, `${screenshotPrefix}-5-signed-in`);
  expect(await page.evaluate(() => document.cookie)).toBe("");
  expect(pageErrors).toEqual([]);
  await page.context().close();
}

describe.each<{ mode: string; environment: Record<string, string>; screenshotPrefix: string }>([
  { mode: "any operation", environment: {}, screenshotPrefix: "example-spa" },
  { mode: "PERSISTED_OPERATIONS=only", environment: { PERSISTED_OPERATIONS: "only" }, screenshotPrefix: "example-spa-persisted" },
])("the example SPA against a server accepting $mode", ({ environment, screenshotPrefix }) => {
  let api: TestServer;
  let spa: ViteDevServer;
  beforeAll(async () => {
    api = await startTestServer(environment);
    spa = await startExampleSpa(api);
  });
  afterAll(async () => {
    await spa?.close();
    await api?.close();
  });

  it("shows each field error next to its input, signs up, out and in", async () => {
    const spaUrl = spa.resolvedUrls?.local[0];
    if (!spaUrl) throw new Error("Vite's dev server has no address");
    await runSignUpAndSignIn(spaUrl, screenshotPrefix);
  });
});
