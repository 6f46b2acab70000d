import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.ts";
import { launchBrowser, openPage, refuseOtherOrigins, saveScreenshot } from "../helpers/browser.ts";
import { eventually } from "../helpers/mail-sink.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

// The link of a verification mail, opened in Chromium with PUBLIC_URL left at its default (this
// server): the page it leads to verifies the address when the person clicks, not when it opens.

const VerifyEmailPageSignUpMutation = graphql(`
  mutation VerifyEmailPageSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on SignUpSuccess { user { id } }
    }
  }
`);

let browser: Browser;
let server: TestServer;
let mailDropDirectory: string;
beforeAll(async () => {
  mailDropDirectory = await mkdtemp(join(tmpdir(), "identity-verify-page-"));
  [browser, server] = await Promise.all([launchBrowser(), startTestServer({ MAIL_DROP_DIR: mailDropDirectory, RATE_LIMITS: "off" })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(mailDropDirectory, { recursive: true, force: true });
});

/** Signs up `email` with verifyEmail and returns the user's id and the link mailed to them. */
async function signUpAndReadLink(email: string): Promise<{ userId: string; link: string }> {
  const before = new Set(await readdir(mailDropDirectory));
  const signedUp = await server.send(VerifyEmailPageSignUpMutation, { input: { email, password: "copper kettle forty winters", verifyEmail: true } });
  const result = signedUp.body.data?.signUp;
  if (result?.__typename !== "SignUpSuccess") throw new Error(`signUp failed: ${JSON.stringify(signedUp.body)}`);
  const file = await eventually(async () => (await readdir(mailDropDirectory)).find((name) => !before.has(name)), "the mail's file");
  const link = /(http:\/\/\S+?\/verify-email\?token=[A-Za-z0-9_-]+)/.exec(await readFile(join(mailDropDirectory, file), "utf8"))?.[1];
  if (!link) throw new Error("the mail holds no link");
  return { userId: result.user.id, link };
}

const emailVerified = async (userId: string) =>
  (await server.database.prisma.emailAddress.findFirstOrThrow({ where: { userId, primary: true }, select: { verified: true } })).verified;

describe("the verification page (GET /verify-email)", () => {
  it("verifies the address when the button is clicked, once, and not when the link is only opened", async () => {
    const { userId, link } = await signUpAndReadLink("lantern@example.com");
    // PUBLIC_URL's default: this server, by the name `localhost`.
    const pageOrigin = new URL(link).origin;
    expect(pageOrigin).toBe(`http://localhost:${new URL(server.origin).port}`);

    const { page, pageErrors } = await openPage(browser, "about:blank");
    const refused = await refuseOtherOrigins(page, pageOrigin);
    await page.goto(link, { waitUntil: "load" });
    await page.getByRole("button", { name: "Verify my email address" }).waitFor();
    // Opened (as a mail scanner or a link preview would): nothing spent, nothing verified.
    expect(await emailVerified(userId)).toBe(false);
    // The token is gone from the address bar, and so from the history.
    expect(page.url()).toBe(`${pageOrigin}/verify-email`);
    await saveScreenshot(page, "verify-email-1-opened");

    await page.getByRole("button", { name: "Verify my email address" }).click();
    await expect.poll(() => page.getByRole("status").innerText()).toBe("lantern@example.com is verified.");
    expect(await page.getByRole("button").isHidden()).toBe(true);
    expect(await emailVerified(userId)).toBe(true);
    await saveScreenshot(page, "verify-email-2-verified");

    // The same link again: the token was used.
    await page.goto(link, { waitUntil: "load" });
    await page.getByRole("button", { name: "Verify my email address" }).click();
    await expect.poll(() => page.getByRole("status").innerText()).toMatch(/^This link is not valid/);
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  }, 60_000);

  it("says so for a link without a token", async () => {
    const { page, pageErrors } = await openPage(browser, `${server.origin}/verify-email`);
    await expect.poll(() => page.getByRole("status").innerText()).toMatch(/^This link has no token/);
    expect(await page.getByRole("button").isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it("is a page that keeps the token to itself and runs only its own script; other methods are refused", async () => {
    const response = await fetch(`${server.origin}/verify-email?token=abc`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain("<title>Verify your email address</title>");

    const posted = await fetch(`${server.origin}/verify-email?token=abc`, { method: "POST" });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET, HEAD");
  });
});
