import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/server.ts";

// Cross-origin calls (README *Security*, *CSRF*): a page of another origin gets no CORS
// permission, so it can neither send the JSON a browser preflights nor read an answer, unless its
// origin is in CORS_ORIGINS. With Yoga's default every origin was allowed, credentials included.

const allowed = "https://app.example.com";
const foreign = "https://evil.example.com";

async function preflight(server: TestServer, origin: string) {
  return fetch(server.url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, x-graphql-client" },
  });
}

async function crossOriginPost(server: TestServer, origin: string) {
  return fetch(server.url, {
    method: "POST",
    headers: { origin, "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
}

describe("without CORS_ORIGINS", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("grants no other origin a preflight or an answer it could read", async () => {
    const answer = await preflight(server, foreign);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
    const post = await crossOriginPost(server, foreign);
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("still answers the API's own pages and scripts, which send no Origin or a same-origin one", async () => {
    const sameOrigin = await crossOriginPost(server, server.origin);
    expect(sameOrigin.status).toBe(200);
    expect(await sameOrigin.json()).toEqual({ data: { __typename: "Query" } });
  });
});

describe("with CORS_ORIGINS", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ CORS_ORIGINS: `${allowed}, https://admin.example.com` });
  });
  afterAll(() => server.close());

  it("lets a listed origin call with credentials", async () => {
    const answer = await preflight(server, allowed);
    expect(answer.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(answer.headers.get("access-control-allow-credentials")).toBe("true");
    expect(answer.headers.get("access-control-allow-headers")).toContain("x-graphql-client");
    const post = await crossOriginPost(server, allowed);
    expect(post.status).toBe(200);
    expect(post.headers.get("access-control-allow-origin")).toBe(allowed);
  });

  it("grants an origin that is not listed nothing, not even `null` (a sandboxed frame's origin)", async () => {
    for (const origin of [foreign, "null", "https://APP.example.com"]) {
      const answer = await preflight(server, origin);
      expect(answer.headers.get("access-control-allow-origin"), origin).toBeNull();
      expect(answer.headers.get("access-control-allow-credentials"), origin).toBeNull();
      const post = await crossOriginPost(server, origin);
      expect(post.headers.get("access-control-allow-origin"), origin).toBeNull();
    }
  });
});
