import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MailSink } from "./helpers/mail-sink.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

// PUBLIC_URL unset: links in mail point at this machine, on the port the server actually listens
// on. The test servers ask for PORT=0 (any free port), so the link must name the port they got.

const sink = new MailSink();
let server: TestServer;
beforeAll(async () => {
  await sink.start();
  server = await startTestServer({ SMTP_URL: sink.url, OUTBOX_POLL_MILLISECONDS: "100", RATE_LIMITS: "off" });
});
afterAll(async () => {
  await server?.close();
  await sink.close();
});

describe("PUBLIC_URL's default", () => {
  it("names the port the server listens on, also when PORT=0 let the system pick it", async () => {
    expect(server.config.port).toBe(0);
    const email = "mary.somerville@example.com";
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "mutation SignUp($input: SignUpInput!) { signUp(input: $input) { __typename } }",
        variables: { input: { email, password: "mechanism of the heavens 1831", verifyEmail: true } },
      }),
    });
    expect(await response.json()).toEqual({ data: { signUp: { __typename: "SignUpSuccess" } } });
    const { port } = new URL(server.url);
    const mail = await sink.waitFor(email);
    expect(mail.text).toContain(`http://localhost:${port}/verify-email?token=`);
  });
});
