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

async function graphiql(url: string) {
  const response = await fetch(url, { headers: { accept: "text/html" } });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
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

  it("turns both off in production", async () => {
    server = await startTestServer(production);
    expect((await graphiql(server.url)).type).not.toContain("text/html");
    const { status, body } = await introspect(server.url);
    expect(status).toBeLessThan(500);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it("turns them on in production when asked for", async () => {
    server = await startTestServer({ ...production, GRAPHIQL: "true", GRAPHQL_INTROSPECTION: "true" });
    expect((await graphiql(server.url)).type).toContain("text/html");
    expect((await introspect(server.url)).body.data).toBeDefined();
  });
});
