import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, refuseOtherOrigins, saveScreenshot } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

// GraphiQL at /graphql in Chromium, used as a person would: read the first tab, write a signUp
// mutation in the editor, run it, read the answer.

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The text an editor (Monaco) shows, line by line as on screen; Monaco draws spaces as U+00A0. */
async function editorText(page: Page, editorSelector: string): Promise<string> {
  return (await page.locator(`${editorSelector} .view-lines`).first().innerText()).replaceAll("\u00a0", " ");
}

const signUpMutation = `mutation GraphiQLSignUp {
  signUp(input: {
    email: "grace@example.com"
    password: "a ship in port is safe"
    username: "grace"
  }) {
    __typename
    ... on SignUpSuccess { user { id email username } }
    ... on Error { message }
  }
}`;

describe("GraphiQL", () => {
  it("opens with a tab documenting signUp and createUser, and runs a signUp pasted into the editor", async () => {
    const { page, pageErrors } = await openPage(browser, "about:blank");
    // Served whole by the API: nothing is fetched from a CDN, so it works on an offline machine.
    const refused = await refuseOtherOrigins(page, new URL(server.url).origin);
    await page.goto(server.url, { waitUntil: "load" });

    const queryEditor = ".graphiql-query-editor";
    await expect.poll(() => editorText(page, queryEditor), { timeout: 30_000 }).toContain("mutation SignUp");
    const firstTab = await editorText(page, queryEditor);
    expect(firstTab).toContain("signUp(input:");
    expect(firstTab).toContain("mutation CreateUser");
    expect(firstTab).toContain("createUser(input:");
    await saveScreenshot(page, "graphiql-1-default-tab");

    // Replace the editor's content the way a person does: select all, then paste (typed text would
    // get Monaco's automatic closing brackets).
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.evaluate((text) => navigator.clipboard.writeText(text), signUpMutation);
    // Near the top left corner: Playwright would scroll the (very wide) center of the lines into view.
    await page.locator(`${queryEditor} .view-lines`).first().click({ position: { x: 10, y: 10 } });
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("ControlOrMeta+V");
    await expect.poll(() => editorText(page, queryEditor)).toContain("mutation GraphiQLSignUp");

    // GraphiQL takes in an edit a moment after the editor shows it: the tab's title follows the
    // operation's name once it has.
    await page.locator(".graphiql-tab-active").getByText("GraphiQLSignUp", { exact: true }).waitFor();
    await page.locator(".graphiql-execute-button").click();
    const responsePane = ".graphiql-response";
    await expect.poll(() => editorText(page, responsePane), { timeout: 30_000 }).toContain('"__typename": "SignUpSuccess"');
    const response = await editorText(page, responsePane);
    expect(response).toContain('"email": "grace@example.com"');
    expect(response).toMatch(/"id": "[^"]+"/);
    await saveScreenshot(page, "graphiql-2-sign-up-result");

    // What GraphiQL showed is what the database holds.
    const users = await server.database.prisma.user.findMany({ select: { username: true } });
    expect(users).toEqual([{ username: "grace" }]);
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  }, 120_000);
});
