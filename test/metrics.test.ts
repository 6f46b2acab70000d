import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";

// GET /metrics (Prometheus text format) over real HTTP: per-operation counts and durations,
// sign-ups and sign-ins by outcome, errors by code, process metrics; the optional token; bounded
// labels; and two servers in one process that keep their counts apart.

const metricsToken = "metrics-token-0123456789abcdefghijklmnopqrstuvwxyz";
const email = "grace.hopper@example.com";
const password = "cobol compiler notes 1959";
const wrongPassword = "not the password at all 1959";

let server: TestServer;
let guarded: TestServer;
beforeAll(async () => {
  [server, guarded] = await Promise.all([startTestServer(), startTestServer({ METRICS_TOKEN: metricsToken })]);
});
afterAll(() => Promise.all([server?.close(), guarded?.close()]));

async function graphqlRequest(target: TestServer, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(target.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(500);
  return response.json() as Promise<{ data?: Record<string, { __typename?: string } | null>; errors?: unknown[] }>;
}

async function scrape(target: TestServer, headers: Record<string, string> = {}) {
  const response = await fetch(`${target.origin}/metrics`, { headers });
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

/** The value of one series, e.g. `identity_sign_ups_total{outcome="success"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const signUp = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { __typename } }`;
const signIn = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename } }`;

describe("GET /metrics", () => {
  let text: string;
  beforeAll(async () => {
    const signedUp = await graphqlRequest(server, signUp, { input: { email, password } });
    expect(signedUp.data?.signUp?.__typename).toBe("SignUpSuccess");
    const taken = await graphqlRequest(server, signUp, { input: { email, password } });
    expect(taken.data?.signUp?.__typename).toBe("ConflictError");
    const failed = await graphqlRequest(server, signIn, { input: { identifier: email, password: wrongPassword } });
    expect(failed.data?.signIn?.__typename).toBe("InvalidCredentialsError");
    await graphqlRequest(server, `query Me { me { id } }`);
    // As the client preset writes documents: fragments first.
    await graphqlRequest(server, `fragment SignedInFields on User { id } query MeWithFragment { me { ...SignedInFields } }`);
    const refused = await graphqlRequest(server, `query AdminUser { user(id: "nobody") { id } }`, {}, { authorization: "Bearer wrong-key" });
    expect(refused.errors).toBeDefined();
    const scraped = await scrape(server);
    expect(scraped.status).toBe(200);
    expect(scraped.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    text = scraped.text;
  });

  it("counts sign-ups and sign-ins by outcome, every outcome present from the start", () => {
    expect(sample(text, `identity_sign_ups_total{outcome="success"}`)).toBe(1);
    expect(sample(text, `identity_sign_ups_total{outcome="conflict"}`)).toBe(1);
    expect(sample(text, `identity_sign_ups_total{outcome="rate_limited"}`)).toBe(0);
    expect(sample(text, `identity_sign_ins_total{outcome="invalid_credentials"}`)).toBe(1);
    expect(sample(text, `identity_sign_ins_total{outcome="success"}`)).toBe(0);
  });

  it("counts GraphQL operations and their durations by operation name and type", () => {
    expect(sample(text, `graphql_envelop_request{operationName="SignUp",operationType="mutation"}`)).toBe(2);
    expect(sample(text, `graphql_envelop_request{operationName="SignIn",operationType="mutation"}`)).toBe(1);
    expect(sample(text, `graphql_envelop_request{operationName="Me",operationType="query"}`)).toBe(1);
    expect(sample(text, `graphql_envelop_request{operationName="MeWithFragment",operationType="query"}`)).toBe(1);
    expect(sample(text, `graphql_envelop_request_duration_count{operationName="MeWithFragment",operationType="query"}`)).toBe(1);
    expect(text).not.toContain(`operationName="SignedInFields"`);
    expect(sample(text, `graphql_envelop_request_duration_count{operationName="SignUp",operationType="mutation"}`)).toBe(2);
    expect(sample(text, `graphql_envelop_request_duration_sum{operationName="SignUp",operationType="mutation"}`)).toBeGreaterThan(0);
    expect(sample(text, `graphql_yoga_http_duration_count{operationName="SignIn",operationType="mutation",statusCode="200"}`)).toBe(1);
    expect(sample(text, `graphql_yoga_http_duration_bucket{le="+Inf",operationName="Me",operationType="query",statusCode="200"}`)).toBe(1);
  });

  it("counts errors by extensions.code", () => {
    expect(text).toMatch(/^graphql_envelop_error_result\{operationName="AdminUser",operationType="query",phase="execute",code="UNAUTHENTICATED"\} 1$/m);
  });

  it("counts refused documents and variables under the code their clients received", async () => {
    const refusals = [
      { query: `query Broken {`, code: "GRAPHQL_PARSE_FAILED" },
      { query: `query Misspelt { mee { id } }`, code: "GRAPHQL_VALIDATION_FAILED" },
      { query: `mutation WrongVariables($input: SignUpInput!) { signUp(input: $input) { __typename } }`, variables: { input: { email: 42 } }, code: "BAD_USER_INPUT" },
    ];
    for (const { query, variables, code } of refusals) {
      const answer = await graphqlRequest(server, query, variables);
      expect((answer.errors as Array<{ extensions?: { code?: string } }>).map((error) => error.extensions?.code)).toContain(code);
    }
    const { text: after } = await scrape(server);
    expect(after).toMatch(/^graphql_envelop_error_result\{operationName="Anonymous",operationType="unknown",phase="parse",code="GRAPHQL_PARSE_FAILED"\} 1$/m);
    expect(after).toMatch(/^graphql_envelop_error_result\{operationName="Misspelt",operationType="query",phase="validate",code="GRAPHQL_VALIDATION_FAILED"\} 1$/m);
    expect(after).toMatch(/^graphql_envelop_error_result\{operationName="WrongVariables",operationType="mutation",phase="execute",code="BAD_USER_INPUT"\} [1-9]\d*$/m);
    expect(after).not.toContain(`code="none"`);
  });

  it("includes the Node.js process metrics", () => {
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
  });

  it("holds no email, password or key", () => {
    for (const secret of [email, password, wrongPassword, adminApiKey, "wrong-key", "grace.hopper"]) expect(text).not.toContain(secret);
  });

  it("keeps operation names bounded: odd names and names past the first hundred are 'other'", async () => {
    for (let index = 0; index < 110; index += 1) await graphqlRequest(server, `query Flood${index} { __typename }`);
    await graphqlRequest(server, `query { __typename }`);
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `query Named { __typename }`, operationName: email }),
    });
    expect(response.status).toBeLessThan(500);
    const { text: after } = await scrape(server);
    const names = new Set([...after.matchAll(/^graphql_envelop_request\{operationName="([^"]*)"/gm)].map((match) => match[1]));
    expect(names.size).toBeLessThanOrEqual(100 + 2);
    expect(names).toContain("other");
    expect(names).toContain("Anonymous");
    expect(after).not.toContain(email);
  });
});

describe("METRICS_TOKEN", () => {
  it("is required when set", async () => {
    expect((await scrape(guarded)).status).toBe(401);
    expect((await scrape(guarded, { authorization: "Bearer not-the-metrics-token-0123456789abcdef" })).status).toBe(401);
    expect((await scrape(guarded, { authorization: `Bearer ${adminApiKey}` })).status).toBe(401);
    const allowed = await scrape(guarded, { authorization: `Bearer ${metricsToken}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).not.toContain(metricsToken);
  });
});

describe("two servers in one process", () => {
  it("keep their counts apart", async () => {
    const before = (await scrape(server)).text;
    const signedUp = await graphqlRequest(guarded, signUp, { input: { email: "ada@example.com", password } });
    expect(signedUp.data?.signUp?.__typename).toBe("SignUpSuccess");
    const guardedText = (await scrape(guarded, { authorization: `Bearer ${metricsToken}` })).text;
    expect(sample(guardedText, `identity_sign_ups_total{outcome="success"}`)).toBe(1);
    expect(sample(guardedText, `identity_sign_ins_total{outcome="invalid_credentials"}`)).toBe(0);
    const after = (await scrape(server)).text;
    expect(sample(after, `identity_sign_ups_total{outcome="success"}`)).toBe(sample(before, `identity_sign_ups_total{outcome="success"}`));
  });
});

describe("METRICS=off", () => {
  it("serves no /metrics", async () => {
    const off = await startTestServer({ METRICS: "off" });
    try {
      expect((await scrape(off)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
