import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { connectDatabase, type Database } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { createLogger } from "../src/logger.ts";
import { startServer, type RunningServer } from "../src/server.ts";
import { eventually } from "./helpers/mail-sink.ts";
import { adminApiKey } from "./helpers/server.ts";

// Logs: one request's lines carry its request id, and no secret ever reaches a line (SPEC section 2),
// even at LOG_LEVEL=debug. The server runs here with its log captured, on the embedded database,
// without SMTP_URL: its mail goes to files.

const run = randomBytes(4).toString("hex");
const base32 = (bytes: Buffer) => [...bytes].map((byte) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[byte % 32]).join("");
const secrets = {
  signUpPassword: `sign-up password ${run} alpha`,
  salt: `logsalt${run}secret`,
  createUserPassword: `create user password ${run} bravo`,
  totpSecret: base32(randomBytes(32)),
  backupCodes: [`backup-${run}-one`, `backup-${run}-two`],
  privateMetadata: `private-${run}-metadata`,
  passwordDigest: "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0",
  adminKey: adminApiKey,
};

let captured = "";
let database: Database;
let server: RunningServer;
const mailDropDirectory = join(tmpdir(), `identity-logging-mail-${run}`);

beforeAll(async () => {
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "debug",
    ADMIN_API_KEYS: adminApiKey,
    DATABASE_URL: "memory://",
    MAIL_DROP_DIR: mailDropDirectory,
  });
  database = connectDatabase(config.database);
  await applyMigrations(database);
  const logger = createLogger(config.logLevel, { write: (line: string) => void (captured += line) });
  server = await startServer(config, database, logger);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
  await rm(mailDropDirectory, { recursive: true, force: true });
});

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { __typename: string }>; errors?: unknown[] };
  return { status: response.status, headers: response.headers, body };
}

const admin = { authorization: `Bearer ${adminApiKey}` };

function logLines(): Array<Record<string, unknown>> {
  return captured
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("logging", () => {
  let sessionToken = "";
  let verificationToken = "";

  it("signs up, creates users and signs in with secrets (the traffic whose log is checked below)", async () => {
    const signUp = await post(
      `mutation ($input: SignUpInput!) { signUp(input: $input) { __typename ... on Error { message } } }`,
      { input: { email: `ada-${run}@example.com`, password: secrets.signUpPassword, hashFn: "PBKDF2", salt: secrets.salt } },
      admin,
    );
    expect(signUp.body.data?.signUp?.__typename).toBe("SignUpSuccess");

    const createUser = await post(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { __typename ... on Error { message } } }`,
      {
        input: {
          emailAddress: [`grace-${run}@example.com`],
          password: secrets.createUserPassword,
          totpSecret: secrets.totpSecret,
          backupCodes: secrets.backupCodes,
          privateMetadata: { ssoRef: secrets.privateMetadata },
        },
      },
      admin,
    );
    expect(createUser.body.data?.createUser?.__typename).toBe("CreateUserSuccess");

    // A digest written into the document itself, not only into variables.
    const imported = await post(
      `mutation { createUser(input: { emailAddress: ["editor-${run}@example.com"], passwordDigest: "${secrets.passwordDigest}", passwordHasher: PHPASS }) { __typename } }`,
      {},
      admin,
    );
    expect(imported.body.data?.createUser?.__typename).toBe("CreateUserSuccess");

    const signIn = await post(
      `mutation ($input: SignInInput!) { signIn(input: $input) { __typename } }`,
      { input: { identifier: `ada-${run}@example.com`, password: secrets.signUpPassword } },
    );
    expect(signIn.body.data?.signIn?.__typename).toBe("SignInSuccess");
    sessionToken = /session=([^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")?.[1] ?? "";
    expect(sessionToken.length).toBeGreaterThan(20);

    const withBackupCode = await post(
      `mutation ($input: SignInInput!) { signIn(input: $input) { __typename } }`,
      { input: { identifier: `grace-${run}@example.com`, password: secrets.createUserPassword, code: secrets.backupCodes[0] } },
    );
    expect(withBackupCode.body.data?.signIn?.__typename).toBe("SignInSuccess");

    const me = await post(`{ me { id } }`, {}, { cookie: `session=${sessionToken}` });
    expect(me.status).toBe(200);

    // Variables as form fields, their JSON broken (single quotes): the parser's message would quote
    // the password. A client's mistake: 400, and nothing of the text in the answer or the log.
    const brokenVariables = `{"input":{"identifier":"ada-${run}@example.com","password":'${secrets.signUpPassword}'}}`;
    const form = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-graphql-client": "test" },
      body: new URLSearchParams({ query: "mutation ($input: SignInInput!) { signIn(input: $input) { __typename } }", variables: brokenVariables }),
    });
    expect(form.status).toBe(400);
    const formBody = await form.text();
    expect(JSON.parse(formBody)).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
    expect(formBody).not.toContain(secrets.signUpPassword.slice(0, 12));
  });

  it("without SMTP_URL writes a verification mail to a file, and to the log only its recipient and file", async () => {
    const email = `mailed-${run}@example.com`;
    const signUp = await post(
      `mutation ($input: SignUpInput!) { signUp(input: $input) { __typename } }`,
      { input: { email, password: secrets.signUpPassword, verifyEmail: true } },
    );
    expect(signUp.body.data?.signUp?.__typename).toBe("SignUpSuccess");
    const line = await eventually(() => logLines().find((line) => line.to === email), "the log line of the mail");
    expect(line).toMatchObject({ level: 30, file: expect.stringMatching(/\.eml$/) });
    // The outbox round the sign-up nudged may send other requests' mail as well: it is no request's.
    expect(line.requestId).toBeUndefined();
    expect(dirname(String(line.file))).toBe(mailDropDirectory);
    const mail = await readFile(String(line.file), "utf8");
    verificationToken = /verify-email\?token=([A-Za-z0-9_-]{43,})/.exec(mail)?.[1] ?? "";
    expect(verificationToken, mail).not.toBe("");
  });

  it("writes none of the secrets, the session token, the verification token or the admin key to the log", () => {
    expect(captured.length).toBeGreaterThan(0);
    expect(verificationToken).not.toBe("");
    for (const secret of [...Object.values(secrets).flat(), sessionToken, verificationToken]) {
      expect(captured).not.toContain(secret);
      // A message about broken JSON quotes only the start of the text around the error.
      expect(captured).not.toContain(secret.slice(0, 12));
    }
    expect(captured).not.toMatch(/\$argon2id\$|\$P\$|Bearer /);
  });

  it("echoes a sane x-request-id and puts it on every line of that request", async () => {
    captured = "";
    const response = await post(`{ me { id } }`, {}, { "x-request-id": `trace-${run}` });
    expect(response.headers.get("x-request-id")).toBe(`trace-${run}`);
    const lines = logLines().filter((line) => line.requestId === `trace-${run}`);
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(["Parsing request to extract GraphQL parameters", "request completed"]));
    expect(lines.find((line) => line.msg === "request completed")).toMatchObject({ method: "POST", path: "/graphql", status: 200 });
    // Nothing else was going on: every line written meanwhile belongs to the request.
    expect(logLines().every((line) => line.requestId === `trace-${run}`)).toBe(true);
  });

  it("makes a new id when the request has none or an unsafe one", async () => {
    const fresh = await post(`{ me { id } }`);
    const id = fresh.headers.get("x-request-id") ?? "";
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logLines().some((line) => line.requestId === id && line.msg === "request completed")).toBe(true);

    const unsafe = await post(`{ me { id } }`, {}, { "x-request-id": `forged" "level":60 ${"x".repeat(200)}` });
    expect(unsafe.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs a client that goes away halfway through sending its body below error level: it is no fault of the server's", async () => {
    captured = "";
    const requestId = `left-midway-${run}`;
    const { hostname, port, pathname } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 500\r\nx-request-id: ${requestId}\r\n\r\n{"query": "{ __typename }"`,
    );
    // Once the server is waiting for the rest of the body, the client leaves.
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    const completed = () => logLines().find((line) => line.requestId === requestId && line.msg === "request completed");
    await expect.poll(completed, { timeout: 5000 }).toBeDefined();
    const lines = logLines().filter((line) => line.requestId === requestId);
    expect(lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
    expect(lines.some((line) => line.level === 20 && /closed the connection/.test(String(line.msg)))).toBe(true);
    // Nor is it counted as a fault of the server's (it was a 503, for a database socket reset).
    expect(completed()?.status).toBe(400);
    // The server still serves.
    expect((await post("{ __typename }")).body).toEqual({ data: { __typename: "Query" } });
  });

  it("keeps secrets out of the log when a request fails inside the server", async () => {
    captured = "";
    await database.withConnection((connection) => connection.executeScript('ALTER TABLE "User" RENAME TO "UserGone"'));
    const failed = await post(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { __typename } }`,
      { input: { emailAddress: [`failing-${run}@example.com`], password: secrets.createUserPassword, privateMetadata: { ssoRef: secrets.privateMetadata } } },
      { ...admin, "x-request-id": `failing-${run}` },
    );
    expect(failed.body.errors).toBeDefined();
    expect(logLines().some((line) => line.requestId === `failing-${run}` && line.level === 50)).toBe(true);
    for (const secret of [secrets.createUserPassword, secrets.privateMetadata, secrets.adminKey]) {
      expect(captured).not.toContain(secret);
    }
  });
});
