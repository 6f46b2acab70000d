import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/server.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const production = { NODE_ENV: "production", SECRET_KEY: "production-secret-key-0123456789abcdef" };

async function introspect(url: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __schema { queryType { name } } }" }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> } };
}

/** The messages refusing a misspelt field and a misspelt input field, as graphql-js words them. */
async function misspellingMessages(url: string) {
  const misspellings = [
    { query: "{ me { emial } }", variables: {} },
    {
      query: "mutation SignUp($input: SignUpInput!) { signUp(input: $input) { __typename } }",
      variables: { input: { emial: "ada@example.com", password: "analytical engine notes" } },
    },
  ];
  const messages: string[] = [];
  for (const body of misspellings) {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(response.status).toBeLessThan(500);
    const { errors } = (await response.json()) as { errors?: Array<{ message: string }> };
    messages.push(...(errors ?? []).map((error) => error.message));
  }
  return messages;
}

async function graphiql(url: string) {
  const response = await fetch(url, { headers: { accept: "text/html" } });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** The page as it crosses the wire: fetch would ask for compression itself and undo it unseen. */
function rawGraphiql(url: string, acceptEncoding?: string) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const headers: Record<string, string> = { accept: "text/html" };
    if (acceptEncoding !== undefined) headers["accept-encoding"] = acceptEncoding;
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

describe("GraphiQL and introspection", () => {
  it("serves GraphiQL with a first tab that documents signUp and createUser, and answers introspection, outside production", async () => {
    server = await startTestServer();
    const page = await graphiql(server.url);
    expect(page.type).toContain("text/html");
    expect(page.text).toContain("mutation SignUp");
    expect(page.text).toContain("mutation CreateUser");
    expect((await introspect(server.url)).body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });

  it("sends the ~9 MB page gzipped to a browser that accepts it, and as it is otherwise", async () => {
    server = await startTestServer();
    const gzipped = await rawGraphiql(server.url, "br, gzip;q=0.8, deflate");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers["content-type"]).toMatch(/^text\/html/);
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    // The page an admin key is typed into cannot be framed by another site.
    expect(gzipped.headers["x-frame-options"]).toBe("DENY");
    expect(gzipped.headers["content-security-policy"]).toBe("frame-ancestors 'none'");
    const page = gunzipSync(gzipped.body).toString();
    expect(page).toContain("mutation SignUp");
    expect(gzipped.body.length).toBeLessThan(page.length / 3);
    // The second visit is served the same bytes, compressed once.
    expect((await rawGraphiql(server.url, "gzip")).body.equals(gzipped.body)).toBe(true);
    for (const refused of [undefined, "identity", "gzip;q=0", "br"]) {
      const plain = await rawGraphiql(server.url, refused);
      expect(plain.headers["content-encoding"], String(refused)).toBeUndefined();
      expect(plain.headers["content-type"], String(refused)).toMatch(/^text\/html/);
      expect(plain.body.toString()).toBe(page);
    }
  });

  it("compresses no API answer", async () => {
    server = await startTestServer();
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-encoding": "gzip" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("marks every API answer, GET ones included, as not to be stored by any cache", async () => {
    server = await startTestServer();
    const query = encodeURIComponent("{ me { id } }");
    const viaGet = await fetch(`${server.url}?query=${query}`, { headers: { "x-graphql-client": "cache-test" } });
    expect(viaGet.status).toBe(200);
    expect(viaGet.headers.get("cache-control")).toBe("no-store");
    const viaPost = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect(viaPost.headers.get("cache-control")).toBe("no-store");
    // Yoga's server-sent events answer says `no-cache`, which lets a shared cache keep it.
    const viaEvents = await fetch(`${server.url}?query=${query}`, { headers: { "x-graphql-client": "cache-test", accept: "text/event-stream" } });
    expect(viaEvents.headers.get("content-type")).toContain("text/event-stream");
    // Yoga's own value stays beside ours ("no-cache, no-store"): no-store is what caches obey.
    expect(viaEvents.headers.get("cache-control")).toMatch(/\bno-store\b/);
    await viaEvents.body?.cancel();
  });

  it("tells browsers to take every answer as the type it is sent as (nosniff)", async () => {
    server = await startTestServer();
    const answers = [
      await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ me { id } }" }) }),
      await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" }),
      await fetch(server.url, { headers: { accept: "text/html" } }),
      await fetch(new URL("/health", server.url)),
      await fetch(new URL("/no-such-page", server.url)),
    ];
    for (const answer of answers) {
      expect(answer.headers.get("x-content-type-options"), `${answer.url} ${answer.status}`).toBe("nosniff");
      await answer.body?.cancel();
    }
    expect(answers.map(({ status }) => status)).toEqual([200, 400, 200, 200, 404]);
  });

  it("turns both off in production", async () => {
    server = await startTestServer(production);
    expect((await graphiql(server.url)).type).not.toContain("text/html");
    const { status, body } = await introspect(server.url);
    expect(status).toBeLessThan(500);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it("suggests field names outside production, and keeps them to itself where introspection is off", async () => {
    server = await startTestServer();
    expect(await misspellingMessages(server.url)).toEqual([
      'Cannot query field "emial" on type "User". Did you mean "email"?',
      expect.stringMatching(/^Variable "\$input" got invalid value; Field "emial" is not defined by type "SignUpInput"\. Did you mean "email"\?$/),
    ]);
    await server.close();
    server = await startTestServer(production);
    const hidden = await misspellingMessages(server.url);
    expect(hidden).toEqual([
      'Cannot query field "emial" on type "User".',
      expect.stringMatching(/^Variable "\$input" got invalid value; Field "emial" is not defined by type "SignUpInput"\.$/),
    ]);
  });

  it("answers a refused variable with HTTP 400 and BAD_USER_INPUT where introspection is off, as where it is on", async () => {
    const refusals = [
      { input: { emial: "ada@example.com", password: "analytical engine notes" } },
      { input: { email: "ada@example.com", password: { not: "a string" } } },
    ];
    for (const environment of [{}, production]) {
      server = await startTestServer(environment);
      for (const variables of refusals) {
        const response = await fetch(server.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "mutation SignUp($input: SignUpInput!) { signUp(input: $input) { __typename } }", variables }),
        });
        const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
        expect(response.status, `${JSON.stringify(environment)} ${JSON.stringify(body)}`).toBe(400);
        expect(body.data).toBeUndefined();
        expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
      }
      await server.close();
      server = undefined;
    }
  });

  it("turns them on in production when asked for", async () => {
    server = await startTestServer({ ...production, GRAPHIQL: "true", GRAPHQL_INTROSPECTION: "true" });
    expect((await graphiql(server.url)).type).toContain("text/html");
    expect((await introspect(server.url)).body.data).toBeDefined();
  });
});
