import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.ts";
import { launchBrowser, openPage, refuseOtherOrigins, saveScreenshot } from "../helpers/browser.ts";
import { eventually, MailSink } from "../helpers/mail-sink.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

// The link of a password reset mail, opened in Chromium with PUBLIC_URL left at its default (this
// server): the page it leads to changes the password when the person submits a new one, not when
// it opens.

const ResetPasswordPageSignUpMutation = graphql(`
  mutation ResetPasswordPageSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
    }
  }
`);

const ResetPasswordPageRequestMutation = graphql(`
  mutation ResetPasswordPageRequest($email: String!) {
    requestPasswordReset(email: $email) {
      __typename
    }
  }
`);

const ResetPasswordPageSignInMutation = graphql(`
  mutation ResetPasswordPageSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
    }
  }
`);

const oldPassword = "copper kettle forty winters";
const newPassword = "seven herons over the weir";

const sink = new MailSink();
let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  await sink.start();
  [browser, server] = await Promise.all([launchBrowser(), startTestServer({ SMTP_URL: sink.url, RATE_LIMITS: "off" })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sink.close();
});

/** Signs up `email` with `oldPassword`, asks for a password reset and returns the link mailed for it. */
async function signUpAndReadResetLink(email: string): Promise<string> {
  const signedUp = await server.send(ResetPasswordPageSignUpMutation, { input: { email, password: oldPassword } });
  if (signedUp.body.data?.signUp.__typename !== "SignUpSuccess") throw new Error(`signUp failed: ${JSON.stringify(signedUp.body)}`);
  const requested = await server.send(ResetPasswordPageRequestMutation, { email });
  if (requested.body.data?.requestPasswordReset.__typename !== "RequestPasswordResetSuccess") {
    throw new Error(`requestPasswordReset failed: ${JSON.stringify(requested.body)}`);
  }
  return eventually(
    () => sink.to(email).map((mail) => /(http:\/\/\S+?\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1]).find((link) => link !== undefined),
    "the reset mail's link",
  );
}

const signIn = async (email: string, password: string) =>
  (await server.send(ResetPasswordPageSignInMutation, { input: { identifier: email, password } })).body.data?.signIn.__typename;

describe("the password reset page (GET /reset-password)", () => {
  it("changes the password when a new one is submitted, once, and not when the link is only opened", async () => {
    const email = "tarn@example.com";
    const link = await signUpAndReadResetLink(email);
    // PUBLIC_URL's default: this server, by the name `localhost`.
    const pageOrigin = new URL(link).origin;
    expect(pageOrigin).toBe(`http://localhost:${new URL(server.origin).port}`);

    const { page, pageErrors } = await openPage(browser, "about:blank");
    const refused = await refuseOtherOrigins(page, pageOrigin);
    await page.goto(link, { waitUntil: "load" });
    const passwordInput = page.getByLabel("New password");
    const submit = page.getByRole("button", { name: "Change my password" });
    await submit.waitFor();
    expect(await passwordInput.getAttribute("autocomplete")).toBe("new-password");
    expect(await passwordInput.getAttribute("type")).toBe("password");
    // The token is gone from the address bar, and so from the history.
    expect(page.url()).toBe(`${pageOrigin}/reset-password`);
    await saveScreenshot(page, "reset-password-1-opened");

    // The server out of reach: the page says to try again, and keeps the form.
    await page.route("**/graphql", (route) => route.abort("connectionrefused"));
    await passwordInput.fill(newPassword);
    await submit.click();
    await expect.poll(() => page.getByRole("status").innerText()).toBe("Your password could not be changed right now. Try again in a moment.");
    expect(await submit.isEnabled()).toBe(true);
    await page.unroute("**/graphql");
    // Opened, and even submitted without reaching the server (as a mail scanner or a link preview
    // would open it): the password is the old one still.
    expect(await signIn(email, oldPassword)).toBe("SignInSuccess");

    // A password the policy refuses: its reasons are listed, and the same link takes another one.
    await passwordInput.fill("1234567");
    await submit.click();
    await expect.poll(() => page.getByRole("listitem").allInnerTexts()).toEqual(["Must be at least 8 characters long.", "Is a commonly used password found in breach corpora."]);
    expect(await page.getByRole("status").innerText()).toMatch(/^This password cannot be used:/);
    expect(await submit.isEnabled()).toBe(true);
    expect(await passwordInput.evaluate((input) => input === document.activeElement)).toBe(true);
    await saveScreenshot(page, "reset-password-2-refused");
    // One the API refuses before the policy (a ValidationError): listed alike.
    await passwordInput.fill("x".repeat(4097));
    await submit.click();
    await expect.poll(() => page.getByRole("listitem").allInnerTexts()).toEqual(["Must be at most 4096 characters."]);
    expect(await submit.isEnabled()).toBe(true);

    await passwordInput.fill(newPassword);
    await passwordInput.press("Enter");
    await expect.poll(() => page.getByRole("status").innerText()).toBe(`The password of ${email} is changed. Sign in with it.`);
    expect(await page.getByRole("button").isHidden()).toBe(true);
    expect(await passwordInput.isHidden()).toBe(true);
    await saveScreenshot(page, "reset-password-3-changed");
    expect(await signIn(email, newPassword)).toBe("SignInSuccess");
    expect(await signIn(email, oldPassword)).toBe("InvalidCredentialsError");

    // The same link again: the token was used.
    await page.goto(link, { waitUntil: "load" });
    await passwordInput.fill("another password of mine");
    await submit.click();
    await expect.poll(() => page.getByRole("status").innerText()).toMatch(/^This link is not valid/);
    expect(await page.getByRole("button").isHidden()).toBe(true);
    expect(await signIn(email, newPassword)).toBe("SignInSuccess");
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  }, 60_000);

  it("says so for a link without a token", async () => {
    const { page, pageErrors } = await openPage(browser, `${server.origin}/reset-password`);
    await expect.poll(() => page.getByRole("status").innerText()).toMatch(/^This link has no token/);
    expect(await page.getByRole("button").isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it("is a page that keeps the token to itself and runs only its own script; other methods are refused", async () => {
    const response = await fetch(`${server.origin}/reset-password?token=abc`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(policy).toContain("form-action 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain("<title>Choose a new password</title>");

    const posted = await fetch(`${server.origin}/reset-password?token=abc`, { method: "POST" });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET, HEAD");
  });
});
