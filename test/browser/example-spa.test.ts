import type { Browser, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExampleMeDocument, ExampleSignInDocument, type TypedDocumentString } from "../../examples/spa/src/generated/graphql.ts";
import { exampleSpaConfig } from "../../examples/spa/vite.config.ts";
import { launchBrowser, openPage, saveScreenshot } from "../helpers/browser.ts";
import { MailSink } from "../helpers/mail-sink.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

// The example SPA (examples/spa) in Chromium, served by Vite's dev server as `npm run example`
// serves it, with `/graphql` proxied to a real API server that mails over SMTP to the test.

const sink = new MailSink();
let browser: Browser;
beforeAll(async () => {
  [browser] = await Promise.all([launchBrowser(), sink.start()]);
});
afterAll(async () => {
  await browser?.close();
  await sink.close();
});

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

async function signIn(page: Page, identifier: string, password: string) {
  const form = page.locator("#sign-in-form");
  await form.getByLabel("Email, phone number or username").fill(identifier);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
}

/** Sign up with mistakes, then right, sign out, sign up again (taken), sign in; sign out everywhere. */
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

  await page.locator("#sign-out-buttons").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect.poll(() => status.textContent()).toBe("Not signed in.");

  await fillSignUp(page, ada);
  await expect.poll(() => emailError.textContent()).toBe("Already taken by another account.");
  expect(await page.locator("#sign-up-username-error").textContent()).toBe("Already taken by another account.");
  await saveScreenshot(page, `${screenshotPrefix}-4-conflict`);

  await signIn(page, "ADA@example.com", "not the password");
  await expect.poll(() => page.locator("#sign-in-form .form-error").textContent()).not.toBe("");
  await signIn(page, "ADA@example.com", ada.password);
  await expect.poll(() => status.textContent()).toBe("Signed in as Ada Lovelace (ada@example.com).");

  // The session is the HttpOnly cookie: a reload still knows the user through `me`.
  await page.reload();
  await expect.poll(() => status.textContent()).toBe("Signed in as Ada Lovelace (ada@example.com).");
  await saveScreenshot(page, `${screenshotPrefix}-5-signed-in`);
  expect(await page.evaluate(() => document.cookie)).toBe("");

  // Signed in on another device too: "Sign out everywhere" on this one ends that session as well.
  const other = await openPage(browser, spaUrl);
  await signIn(other.page, ada.username, ada.password);
  await expect.poll(() => other.page.locator("#session-status").textContent()).toBe("Signed in as Ada Lovelace (ada@example.com).");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect.poll(() => status.textContent()).toBe("Not signed in.");
  await other.page.reload();
  await expect.poll(() => other.page.locator("#session-status").textContent()).toBe("Not signed in.");
  expect([...pageErrors, ...other.pageErrors]).toEqual([]);
  await Promise.all([page.context().close(), other.page.context().close()]);
}

/** Asks for a reset link with a bad address, then right (the mail arrives), then once too often. */
async function runForgotPassword(api: TestServer, spaUrl: string, screenshotPrefix: string) {
  const email = `forgetful-${screenshotPrefix}@example.com`;
  await api.createUser({ emailAddress: [email], password: ada.password });
  const { page, pageErrors } = await openPage(browser, spaUrl);
  await expect.poll(() => page.locator("#session-status").textContent()).toBe("Not signed in.");
  const form = page.locator("#forgot-password-form");
  const emailInput = form.getByLabel("Email");
  const emailError = page.locator("#forgot-password-email-error");
  const answer = form.locator(".form-status");
  const send = form.getByRole("button", { name: "Email me a link" });

  await emailInput.fill("not-an-email");
  await send.click();
  await expect.poll(() => emailError.textContent()).toMatch(/email/i);
  expect(await emailInput.getAttribute("aria-invalid")).toBe("true");
  expect(await answer.textContent()).toBe("");
  await saveScreenshot(page, `${screenshotPrefix}-forgot-1-field-error`);

  await emailInput.fill(email);
  await send.click();
  await expect.poll(() => answer.textContent()).toBe("If an account has this address, a link to choose a new password is on its way.");
  expect(await emailError.textContent()).toBe("");
  expect(await emailInput.getAttribute("aria-invalid")).toBeNull();
  expect((await sink.waitFor(email)).text).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]+/);
  await saveScreenshot(page, `${screenshotPrefix}-forgot-2-asked`);

  // This server mails one link per address per hour: a second request is refused as a whole.
  await send.click();
  await expect.poll(() => form.locator(".form-error").textContent()).toMatch(/^Too many attempts: try again in \d+ seconds\.$/);
  expect(await answer.textContent()).toBe("");
  await saveScreenshot(page, `${screenshotPrefix}-forgot-3-rate-limited`);
  expect(sink.to(email)).toHaveLength(1);
  expect(pageErrors).toEqual([]);
  await page.context().close();
}

/**
 * Runs one of the SPA's own operations over HTTP, as the app on another device would: its text
 * with its hash, so a server with PERSISTED_OPERATIONS=only runs it too.
 */
async function sendAsTheApp<Result, Variables>(
  api: TestServer,
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  headers: Record<string, string>,
): Promise<{ data: Result; headers: Headers }> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      query: document.toString(),
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: document.__meta__?.["hash"] } },
    }),
  });
  const body = (await response.json()) as { data?: Result; errors?: unknown };
  if (!body.data) throw new Error(`The API refused the operation: ${JSON.stringify(body.errors)}`);
  return { data: body.data, headers: response.headers };
}

/** Signs in over HTTP with a User-Agent of its own and answers the new session's cookie. */
async function signInElsewhere(api: TestServer, email: string, userAgent: string): Promise<string> {
  const { data, headers } = await sendAsTheApp(api, ExampleSignInDocument, { input: { identifier: email, password: ada.password } }, { "user-agent": userAgent });
  expect(data.signIn.__typename).toBe("SignInSuccess");
  const cookie = headers.getSetCookie().find((setCookie) => setCookie.startsWith("session="))?.split(";")[0];
  if (!cookie) throw new Error("The sign-in set no session cookie");
  return cookie;
}

async function isSignedIn(api: TestServer, cookie: string): Promise<boolean> {
  return (await sendAsTheApp(api, ExampleMeDocument, {}, { cookie })).data.me !== null;
}

const firefoxOnLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
// A user agent is whatever the client sends: markup in it must show as text, never run.
const hostileUserAgent = `Evil/1.0 <img src=x onerror="window.injected = true">`;

/** "Your sessions": two sessions listed, one signed out by its button, then the others at once. */
async function runSessions(api: TestServer, spaUrl: string, screenshotPrefix: string) {
  const email = `sessions-${screenshotPrefix}@example.com`;
  await api.createUser({ emailAddress: [email], password: ada.password });
  const { page, pageErrors } = await openPage(browser, spaUrl);
  await expect.poll(() => page.locator("#session-status").textContent()).toBe("Not signed in.");
  await signIn(page, email, ada.password);
  const sessions = page.locator("#session-list li");
  const panelStatus = page.locator("#sessions .form-status");
  await expect.poll(() => sessions.count()).toBe(1);
  expect(await page.locator("#sessions .form-error").textContent()).toBe("");

  const laptop = await signInElsewhere(api, email, firefoxOnLinux);
  await page.reload();
  await expect.poll(() => sessions.count()).toBe(2);
  // The newest sign-in first: the laptop's, then this browser's own, marked.
  const [newest, current] = [sessions.nth(0), sessions.nth(1)];
  expect(await newest.locator("strong").textContent()).toBe("Firefox on Linux");
  expect(await newest.locator(".user-agent").textContent()).toBe(firefoxOnLinux);
  expect(await newest.locator(".session-origin").textContent()).toMatch(/^127\.0\.0\.1 · signed in \S/);
  expect(await newest.locator(".current-session").count()).toBe(0);
  expect(await current.locator("strong").textContent()).toBe("Chrome on Linux");
  expect(await current.locator(".current-session").textContent()).toBe("this device");
  expect(await current.getByRole("button").count()).toBe(0);
  expect(await current.locator(".user-agent").textContent()).toBe(await page.evaluate(() => navigator.userAgent));
  await saveScreenshot(page, `${screenshotPrefix}-sessions-1-two`);

  // Named for the session it ends: every other session has a button reading "Sign out".
  await newest.getByRole("button", { name: /^Sign out Firefox on Linux, signed in \S/ }).click();
  await expect.poll(() => panelStatus.textContent()).toBe("Signed out that session.");
  await expect.poll(() => sessions.count()).toBe(1);
  expect(await sessions.nth(0).locator(".current-session").textContent()).toBe("this device");
  expect(await page.getByRole("button", { name: "Sign out other sessions" }).isVisible()).toBe(false);
  expect(await isSignedIn(api, laptop)).toBe(false);

  const hostile = await signInElsewhere(api, email, hostileUserAgent);
  await page.reload();
  await expect.poll(() => sessions.count()).toBe(2);
  expect(await sessions.nth(0).locator(".user-agent").textContent()).toBe(hostileUserAgent);
  expect(await sessions.nth(0).locator("strong").textContent()).toBe("Unknown device");
  expect(await page.locator("#session-list img").count()).toBe(0);
  expect(await page.evaluate(() => "injected" in window)).toBe(false);
  await saveScreenshot(page, `${screenshotPrefix}-sessions-2-hostile-user-agent`);

  await page.getByRole("button", { name: "Sign out other sessions" }).click();
  await expect.poll(() => panelStatus.textContent()).toBe("Signed out 1 other session.");
  await expect.poll(() => sessions.count()).toBe(1);
  expect(await sessions.nth(0).locator(".current-session").textContent()).toBe("this device");
  expect(await isSignedIn(api, hostile)).toBe(false);
  await saveScreenshot(page, `${screenshotPrefix}-sessions-3-others-signed-out`);

  // This browser's own session is untouched.
  await page.reload();
  await expect.poll(() => page.locator("#session-status").textContent()).toBe(`Signed in as ${email}.`);
  await expect.poll(() => sessions.count()).toBe(1);
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
    api = await startTestServer({ ...environment, SMTP_URL: sink.url, PASSWORD_RESET_MAILS_PER_ADDRESS: "1" });
    spa = await startExampleSpa(api);
  });
  afterAll(async () => {
    await spa?.close();
    await api?.close();
  });

  function spaUrl(): string {
    const url = spa.resolvedUrls?.local[0];
    if (!url) throw new Error("Vite's dev server has no address");
    return url;
  }

  it("shows each field error next to its input, signs up, out and in, and out everywhere", async () => {
    await runSignUpAndSignIn(spaUrl(), screenshotPrefix);
  });

  it("lists the user's sessions, marks this one, signs another out by its button and then all others", async () => {
    await runSessions(api, spaUrl(), screenshotPrefix);
  });

  it("asks for a password reset link: a field error, the answer and its mail, then the rate limit", async () => {
    await runForgotPassword(api, spaUrl(), screenshotPrefix);
  });
});
