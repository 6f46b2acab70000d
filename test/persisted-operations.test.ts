import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ExampleMeDocument, ExampleSignUpDocument } from "../examples/spa/src/generated/graphql.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { resetPasswordPage } from "../src/plugins/reset-password-page.ts";
import { verifyEmailPage } from "../src/plugins/verify-email-page.ts";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";

const manifestFile = "examples/spa/src/generated/persisted-documents.json";
const manifest = JSON.parse(await readFile(new URL(`../${manifestFile}`, import.meta.url), "utf8")) as Record<string, string>;

function hashOf(document: { __meta__?: Record<string, unknown> }): string {
  const hash = document.__meta__?.["hash"];
  if (typeof hash !== "string" || !(hash in manifest)) throw new Error("the document's hash is not in the manifest (run `npm run codegen`)");
  return hash;
}

const persistedQuery = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
const arbitraryQuery = "{ me { id } }";

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function post(server: TestServer, body: object, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

function expectRefused(answer: Answer, code: string) {
  expect(answer.status).toBe(400);
  expect(answer.body.data ?? undefined).toBeUndefined();
  expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual([code]);
}

describe("persisted operations: PERSISTED_OPERATIONS=only", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ PERSISTED_OPERATIONS: "only" });
  });
  afterAll(() => server.close());

  it("runs an operation of the manifest sent by its hash alone, with its variables", async () => {
    const me = await post(server, { extensions: persistedQuery(hashOf(ExampleMeDocument)) });
    expect(me).toEqual({ status: 200, body: { data: { me: null } } });

    const input = { email: "persisted@example.com", password: "quiet harbour lanterns 2026", username: "persisted" };
    const signUp = await post(server, { variables: { input }, extensions: persistedQuery(hashOf(ExampleSignUpDocument)) });
    expect(signUp.status).toBe(200);
    expect(signUp.body.data).toMatchObject({ signUp: { __typename: "SignUpSuccess", user: { email: "persisted@example.com" } } });
  });

  it.each([
    { page: verifyEmailPage, variables: { token: "not-a-token" } },
    { page: resetPasswordPage, variables: { token: "not-a-token", password: "quiet harbour lanterns 2026" } },
  ])("runs the operation of the page GET $page.path, which no client manifest holds", async ({ page: { path, operation }, variables }) => {
    const page = await fetch(`${server.origin}${path}?token=abc`);
    expect(await page.text()).toContain(operation.sha256Hash);
    const answer = await post(server, { query: operation.document, variables, extensions: persistedQuery(operation.sha256Hash) }, { "x-graphql-client": `${path.slice(1)}-page` });
    expect(answer).toEqual({ status: 200, body: { data: { [operation.field]: { __typename: "InvalidTokenError" } } } });
  });

  it("runs the stored operation for a known hash sent with text, as the example SPA sends it, whatever the text", async () => {
    const withItsText = await post(server, { query: ExampleMeDocument.toString(), extensions: persistedQuery(hashOf(ExampleMeDocument)) });
    expect(withItsText).toEqual({ status: 200, body: { data: { me: null } } });

    const withOtherText = await post(server, { query: "{ users(first: 1) { totalCount } }", extensions: persistedQuery(hashOf(ExampleMeDocument)) });
    expect(withOtherText).toEqual({ status: 200, body: { data: { me: null } } });
  });

  it("refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND", async () => {
    expectRefused(await post(server, { extensions: persistedQuery("0".repeat(64)) }), "PERSISTED_QUERY_NOT_FOUND");
  });

  it("refuses an arbitrary operation with PERSISTED_QUERY_ONLY, also with an unknown hash", async () => {
    expectRefused(await post(server, { query: arbitraryQuery }), "PERSISTED_QUERY_ONLY");
    expectRefused(await post(server, { query: arbitraryQuery, extensions: persistedQuery("0".repeat(64)) }), "PERSISTED_QUERY_ONLY");
    expectRefused(await post(server, {}), "PERSISTED_QUERY_ONLY");
  });

  it("tells a wrong admin key as UNAUTHENTICATED (HTTP 401), not as an operation it does not run", async () => {
    const answer = await post(server, { query: arbitraryQuery }, { authorization: `Bearer ${"x".repeat(48)}` });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ errors: [expect.objectContaining({ message: "The admin API key is not valid.", extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) })] });
    // A persisted operation sent with it runs as any other public request with a wrong key does.
    expect((await post(server, { extensions: persistedQuery(hashOf(ExampleMeDocument)) }, { authorization: `Bearer ${"x".repeat(48)}` })).status).toBe(200);
  });

  it("lets a valid admin API key send any operation (back offices, migration scripts)", async () => {
    const answer = await post(server, { query: "{ users(first: 1) { totalCount } }" }, { authorization: `Bearer ${adminApiKey}` });
    expect(answer).toEqual({ status: 200, body: { data: { users: { totalCount: expect.any(Number) } } } });
  });
});

describe("persisted operations: configuration", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("is off by default: any operation runs, also as the example SPA sends it (text and hash)", async () => {
    server = await startTestServer();
    expect(server.config.persistedOperations).toBeUndefined();
    expect(await post(server, { query: arbitraryQuery })).toEqual({ status: 200, body: { data: { me: null } } });
    // What the example SPA sends works either way.
    expect(await post(server, { query: ExampleMeDocument.toString(), extensions: persistedQuery(hashOf(ExampleMeDocument)) })).toEqual({
      status: 200,
      body: { data: { me: null } },
    });
  });

  it("reads the client's manifest from PERSISTED_OPERATIONS_FILE, by default the example SPA's", () => {
    const config = loadConfig({ PERSISTED_OPERATIONS: "only" });
    expect(Object.fromEntries(config.persistedOperations ?? [])).toEqual(manifest);
  });

  it("stops the start with one clear line when the manifest is missing or broken", async () => {
    const directory = await mkdtemp(join(tmpdir(), "persisted-operations-"));
    try {
      const missing = join(directory, "missing.json");
      expect(() => loadConfig({ PERSISTED_OPERATIONS: "only", PERSISTED_OPERATIONS_FILE: missing })).toThrow(
        new ConfigError(
          `Invalid configuration: PERSISTED_OPERATIONS_FILE ${missing} cannot be read (ENOENT): run \`npm run codegen\`, or point it at your client's persisted-documents.json`,
        ),
      );
      const broken = join(directory, "broken.json");
      for (const [content, reason] of [
        ["{ not json", "is not JSON"],
        ['["query { me { id } }"]', "is not an object of operation hash -> operation text"],
        ["{}", "lists no operations"],
        ['{ "abc": "query { me { id }" }', "holds an operation that does not parse (abc)"],
      ] as const) {
        await writeFile(broken, content);
        expect(() => loadConfig({ PERSISTED_OPERATIONS: "only", PERSISTED_OPERATIONS_FILE: broken })).toThrow(
          `Invalid configuration: PERSISTED_OPERATIONS_FILE ${broken} ${reason}`,
        );
      }
    } finally {
      await rm(directory, { recursive: true });
    }
  });
});
