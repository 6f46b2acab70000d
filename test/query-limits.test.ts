import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";
import { parse } from "graphql";
import { createYoga } from "graphql-yoga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { boundedParserCache, maximumCachedBytes } from "../src/plugins/document-cache.ts";
import { schema } from "../src/schema/index.ts";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";

// Hardening (SPEC section 9): abusive requests are refused with a clear client error, never a 5xx.

interface GraphQLBody {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : {}) as GraphQLBody };
}

function messages(body: GraphQLBody): string[] {
  return (body.errors ?? []).map((error) => error.message);
}

describe("query limits", () => {
  it("runs an ordinary query", async () => {
    const { status, body } = await post({ query: "{ me { id } }" });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { me: null } });
  });

  it("refuses a query nested deeper than 12 levels", async () => {
    const query = `{ me { ${"profile { ".repeat(15)}id${" }".repeat(15)} } }`;
    const { status, body } = await post({ query });
    expect(status).toBeLessThan(500);
    expect(body.data).toBeUndefined();
    const refusal = body.errors?.find((error) => /depth limit of 12 exceeded/.test(error.message));
    expect(refusal?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("refuses 100 aliases", async () => {
    const query = `{ ${Array.from({ length: 100 }, (_, index) => `a${index}: me { id }`).join(" ")} }`;
    const { status, body } = await post({ query });
    expect(status).toBeLessThan(500);
    expect(body.data).toBeUndefined();
    expect(messages(body)).toContain("Aliases limit of 15 exceeded, found 100.");
  });

  it("refuses a flood of directives", async () => {
    const query = `{ me ${"@include(if: true) ".repeat(20)}{ id } }`;
    const { status, body } = await post({ query });
    expect(status).toBeLessThan(500);
    expect(body.data).toBeUndefined();
    expect(messages(body)).toContain("Directives limit of 10 exceeded, found 20.");
  });

  it("refuses a document of more than 5000 tokens before validating it", async () => {
    const query = `{ me { ${"id ".repeat(6000)} } }`;
    const { status, body } = await post({ query });
    expect(status).toBeLessThan(500);
    expect(body.data).toBeUndefined();
    expect(messages(body)).toContain("Token limit of 5000 exceeded.");
    expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("refuses a document nested past 88 braces, brackets or parentheses, with 400, before parsing overflows the stack", async () => {
    const nesting = "Nesting limit of 88 exceeded: braces, brackets and parentheses nest at most 88 deep.";
    const spec = { accept: "application/graphql-response+json" };
    // 2,000 levels in 4,000 tokens, within the token limit: graphql-js's parser ran out of stack (500).
    const deepList = `{ users(query: ${"[".repeat(2000)}"x"${"]".repeat(2000)}) { totalCount } }`;
    const deepObject = `mutation { signUp(input: { metadata: ${"{a:".repeat(2000)}1${"}".repeat(2000)} }) { __typename } }`;
    const deepType = `query ($q: ${"[".repeat(2000)}String${"]".repeat(2000)}) { __typename }`;
    for (const query of [deepList, deepObject, deepType]) {
      const { status, body } = await post({ query }, spec);
      expect(status, query.slice(0, 40)).toBe(400);
      expect(body).toEqual({ errors: [{ message: nesting, extensions: { code: "QUERY_TOO_COMPLEX" } }] });
    }
    // 86 brackets inside `{` and `(`: 88 deep, the most taken.
    const atTheLimit = await post({ query: `{ users(query: ${"[".repeat(86)}"x"${"]".repeat(86)}) { totalCount } }` }, spec);
    expect(messages(atTheLimit.body)).toEqual(["String cannot represent a non string value."]);
    const pastTheLimit = await post({ query: `{ users(query: ${"[".repeat(87)}"x"${"]".repeat(87)}) { totalCount } }` }, spec);
    expect(messages(pastTheLimit.body)).toEqual([nesting]);
  });

  it("answers variables nested 100,000 deep with a client error, wherever they are", async () => {
    const deepArray = "[".repeat(100_000) + "]".repeat(100_000);
    const deepObject = '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000);
    const signUp = "mutation ($input: SignUpInput!) { signUp(input: $input) { __typename } }";
    for (const deep of [deepArray, deepObject]) {
      for (const [query, variables] of [
        [signUp, `{"input":${deep}}`],
        [signUp, `{"input":{"email":"deep@example.com","password":"correct horse battery","metadata":{"key":${deep}}}}`],
        ["{ __typename }", `{"unused":${deep}}`],
      ] as const) {
        const { status, text } = await post(`{"query":${JSON.stringify(query)},"variables":${variables}}`);
        expect(status, variables.slice(0, 60)).toBeLessThan(500);
        expect(text).not.toContain("INTERNAL_SERVER_ERROR");
      }
    }
  });

  it("refuses a costly query within the other limits", async () => {
    const fields = "id email username name phoneNumber";
    const selection = `edges { node { ${fields} profile { givenName familyName addresses { id city zipCode country } } } }`;
    const aliases = Array.from({ length: 15 }, (_, index) => `u${index}: users(first: 100) { ${selection} }`).join(" ");
    const { status, body } = await post({ query: `{ ${aliases} }` });
    expect(status).toBeLessThan(500);
    expect(body.data).toBeUndefined();
    expect(messages(body).some((message) => /^Query Cost limit of 50000 exceeded/.test(message))).toBe(true);
  });

  it("counts a users page as the rows it can return, however first is written", async () => {
    const everyField = `id externalId email emailVerified emailAddresses { email verified primary } phoneNumber phoneNumberVerified
      phoneNumbers { phoneNumber verified primary } username name firstName lastName picture
      profile { givenName familyName middleName nickname gender birthdate zoneinfo locale website profilePage
        addresses { id isPrimary firstName lastName streetAddress streetAddress2 city state zipCode country } }
      identities { connection provider type id details } metadata publicMetadata unsafeMetadata privateMetadata blocked
      loginAttempts hasPassword totpEnabled backupCodeCount deleteSelfEnabled createOrganizationEnabled createOrganizationsLimit
      legalAcceptedAt createdAt updatedAt lastSignInAt`;
    const page = (first: string) => `users${first} { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${everyField} } } }`;
    const admin = { authorization: `Bearer ${adminApiKey}` };
    // A whole page of every field passes, and counts as 100 rows at most, literal or variable.
    for (const document of [`{ ${page("")} }`, `{ ${page("(first: 20)")} }`, `{ ${page("(first: 100000)")} }`, `query ($n: Int) { ${page("(first: $n)")} }`]) {
      const { body } = await post({ query: document, variables: { n: 100 } }, admin);
      expect(body.errors, document).toBeUndefined();
      expect(body.data).toMatchObject({ users: { edges: expect.any(Array) } });
    }
    // Two such pages are too costly, the size written either way: a variable counts as a whole page.
    for (const first of ["(first: 100)", "(first: $n)"]) {
      const { body } = await post({ query: `query ($n: Int) { a: ${page(first)} b: ${page(first)} }`, variables: { n: 1 } }, admin);
      expect(messages(body).some((message) => /^Query Cost limit of 50000 exceeded/.test(message)), first).toBe(true);
    }
  });

  it("answers 413 to a body over MAX_BODY_BYTES announced by Content-Length", async () => {
    const padding = "x".repeat(4 * 1024 * 1024);
    const { status, body } = await post({ query: "{ me { id } }", variables: { padding } });
    expect(status).toBe(413);
    expect(body.errors?.[0]?.message).toMatch(/too large/i);
  });

  it("runs an operation streamed (chunked) without Content-Length", async () => {
    const url = new URL(server.url);
    const response = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json" } },
        (incoming) => {
          let text = "";
          incoming.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, text }));
        },
      );
      request.on("error", reject);
      expect(request.getHeader("content-length")).toBeUndefined();
      request.write('{"query":"{ me');
      request.end(' { id } }"}');
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ data: { me: null } });
  });

  it("answers 400 to a Content-Length that is not one number", async () => {
    const url = new URL(server.url);
    const body = JSON.stringify({ query: "{ me { id } }" });
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": `${body.length}, ${body.length}` } },
        (incoming) => {
          incoming.resume();
          resolve(incoming.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    expect(status).toBe(400);
  });

  it("answers 400, without a stack trace, to a Host header that is no host name", async () => {
    const url = new URL(server.url);
    for (const host of ["x:99999", "x:abc", "a b", "[::1", ":80"]) {
      const answer = await new Promise<{ status: number; body: string; nosniff: unknown }>((resolve, reject) => {
        const request = httpRequest({ host: url.hostname, port: url.port, path: "/health", headers: { host } }, (incoming) => {
          let body = "";
          incoming.setEncoding("utf8");
          incoming.on("data", (chunk: string) => (body += chunk));
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, body, nosniff: incoming.headers["x-content-type-options"] }));
        });
        request.on("error", reject);
        request.end();
      });
      expect(answer, host).toEqual({ status: 400, body: "The Host header is not a host name and port.\n", nosniff: "nosniff" });
    }
  });

  it("answers 413 to a streamed (chunked) body over MAX_BODY_BYTES, counting the bytes", async () => {
    const url = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json" } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      // Client-side write errors are expected once the server answers early; the status is what counts.
      request.on("error", (error) => (request.writableEnded ? undefined : reject(error)));
      expect(request.getHeader("content-length")).toBeUndefined();
      request.write('{"query":"{ me { id } }","variables":{"padding":"');
      const chunk = "x".repeat(64 * 1024);
      for (let sent = 0; sent < 5 * 1024 * 1024; sent += chunk.length) request.write(chunk);
      request.end('"}}');
    });
    expect(status).toBe(413);
  });

  it("refuses a batch of 50 operations and runs a batch of 2", async () => {
    const refused = await post(Array.from({ length: 50 }, () => ({ query: "{ me { id } }" })));
    expect(refused.status).toBeLessThan(500);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.text).toMatch(/Batching is limited to 10 operations/);
    const accepted = await post([{ query: "{ me { id } }" }, { query: "{ me { id } }" }]);
    expect(accepted.status).toBe(200);
    expect(JSON.parse(accepted.text)).toEqual([{ data: { me: null } }, { data: { me: null } }]);
  });

  it("refuses a mutation sent with GET", async () => {
    const url = new URL(server.url);
    url.searchParams.set("query", "mutation { signOut { __typename } }");
    const response = await fetch(url, { headers: { accept: "application/json", "x-graphql-client": "test" } });
    expect(response.status).toBe(405);
    expect(await response.text()).toMatch(/mutation/i);
  });

  it("refuses a cross-site text/plain POST without the CSRF header, and takes it with the header", async () => {
    const body = JSON.stringify({ query: "{ me { id } }" });
    for (const contentType of ["text/plain", "Text/Plain;charset=UTF-8"]) {
      const refused = await fetch(server.url, { method: "POST", headers: { "content-type": contentType }, body });
      expect(refused.status).toBe(403);
      const answer = (await refused.json()) as { errors: Array<{ message: string; extensions?: { code?: string } }> };
      expect(answer.errors).toEqual([{ message: expect.stringMatching(/CSRF/), extensions: { code: "CSRF_HEADER_REQUIRED" } }]);
    }
    const form = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ query: "{ me { id } }" }).toString(),
    });
    expect(form.status).toBe(403);
    const withHeader = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-graphql-client": "web" },
      body: new URLSearchParams({ query: "{ me { id } }" }).toString(),
    });
    expect(withHeader.status).toBe(200);
  });

  it("reads a body whatever the case of its media type, and refuses a type it cannot read with a coded 415", async () => {
    const body = JSON.stringify({ query: "{ __typename }" });
    for (const contentType of ["APPLICATION/JSON", "Application/Json; charset=utf-8", "application/JSON"]) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": contentType }, body });
      expect(response.status, contentType).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    }
    for (const contentType of ["application/graphql", "APPLICATION/GraphQL; charset=utf-8"]) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": contentType }, body: "{ __typename }" });
      expect(response.status, contentType).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    }
    for (const contentType of ["application/x-www-form-urlencoded", "APPLICATION/X-WWW-FORM-URLENCODED", "Application/X-Www-Form-Urlencoded; charset=utf-8"]) {
      const form = new URLSearchParams({ query: "query Named($hidden: Boolean!) { __typename @skip(if: $hidden) }", operationName: "Named", variables: '{"hidden": false}' });
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": contentType, "x-graphql-client": "test" }, body: form.toString() });
      expect(response.status, contentType).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: "Query" } });
      const brokenVariables = new URLSearchParams({ query: "{ __typename }", variables: '{"password": "secret-in-bad-variables' });
      const refused = await fetch(server.url, { method: "POST", headers: { "content-type": contentType, "x-graphql-client": "test" }, body: brokenVariables.toString() });
      expect(refused.status, contentType).toBe(400);
      const refusal = await refused.text();
      expect(refusal).not.toContain("secret-in-bad-variables");
      expect(JSON.parse(refusal).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
    const broken = await fetch(server.url, { method: "POST", headers: { "content-type": "Application/JSON" }, body: '{"query": "{ __typename }", "password": "secret-in-a-bad-body' });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toContain("secret-in-a-bad-body");
    // Another method is refused as such, whatever its body's type.
    const put = await fetch(server.url, { method: "PUT", headers: { "content-type": "Application/JSON" }, body });
    expect(put.status).toBe(405);
    // Read as UTF-8 whatever it said, a Latin-1 body would have its accented letters stored as U+FFFD.
    for (const contentType of ["application/json; charset=iso-8859-1", 'Application/JSON;Charset="latin1"', "application/x-www-form-urlencoded; charset=utf-16"]) {
      const otherCharset = await fetch(server.url, { method: "POST", headers: { "content-type": contentType, "x-graphql-client": "test" }, body: Buffer.from(body, "latin1") });
      expect(otherCharset.status, contentType).toBe(415);
      expect(await otherCharset.json(), contentType).toEqual({ errors: [{ message: expect.stringMatching(/UTF-8/), extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }] });
    }
    for (const contentType of ["application/json; charset=UTF-8", 'application/json;charset="utf-8"']) {
      expect((await fetch(server.url, { method: "POST", headers: { "content-type": contentType }, body })).status, contentType).toBe(200);
    }
    const unsupported = await fetch(server.url, { method: "POST", headers: { "content-type": "application/xml", "x-graphql-client": "test" }, body: "<query/>" });
    expect(unsupported.status).toBe(415);
    expect(await unsupported.json()).toEqual({ errors: [{ message: expect.stringMatching(/application\/json/), extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }] });
  });

  it("refuses a Content-Type that is a list of media types with a coded 415, and runs nothing", async () => {
    const email = `content-type-list-${Date.now()}@example.com`;
    const body = JSON.stringify({ query: `mutation { signUp(input: { email: "${email}", password: "granite lighthouse owls" }) { __typename } }` });
    for (const contentType of ["application/json,text/plain", "application/json, text/plain", "Application/JSON; charset=utf-8, text/html", "application/json,"]) {
      for (const csrfHeader of [{}, { "x-graphql-client": "test" }] as Array<Record<string, string>>) {
        const response = await fetch(server.url, { method: "POST", headers: { "content-type": contentType, ...csrfHeader }, body });
        expect(response.status, contentType).toBe(415);
        expect(response.headers.getSetCookie(), contentType).toEqual([]);
        expect(await response.json(), contentType).toEqual({ errors: [{ message: expect.stringMatching(/one media type/), extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }] });
      }
    }
    // A list that starts with a type a browser sends cross-site without a preflight is refused as
    // such without the CSRF header, and as a list with it.
    for (const [csrfHeader, status] of [[{}, 403], [{ "x-graphql-client": "test" }, 415]] as Array<[Record<string, string>, number]>) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": "text/plain, application/json", ...csrfHeader }, body });
      expect(response.status).toBe(status);
    }
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(0);
    // A comma inside a quoted parameter value is part of that one media type.
    const quoted = await fetch(server.url, { method: "POST", headers: { "content-type": 'application/json; profile="a,b"' }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(quoted.status).toBe(200);
    expect(await quoted.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("refuses a request that accepts no type of answer with 406 before running it, and reads Accept as Yoga does", async () => {
    const email = `not-acceptable-${Date.now()}@example.com`;
    const signUp = (accept: string) =>
      fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept },
        body: JSON.stringify({ query: `mutation { signUp(input: { email: "${email}", password: "granite lighthouse owls" }) { __typename } }` }),
      });
    const refused = await signUp("text/html");
    expect(refused.status).toBe(406);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await refused.json()).toEqual({ errors: [{ message: expect.stringMatching(/application\/json/), extensions: { code: "NOT_ACCEPTABLE" } }] });
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(0);
    // Yoga skips an entry whose first parameter holding `charset=` is not `charset=utf-8`, and then
    // finds no type to answer in: such a request is refused before it runs, too.
    for (const accept of ["application/json; charset=latin1", "application/json;xcharset=utf-8", "text/html;xcharset=1, application/json;zcharset=utf-8"]) {
      const refusedByCharset = await signUp(accept);
      expect(refusedByCharset.status, accept).toBe(406);
      expect(refusedByCharset.headers.getSetCookie(), accept).toEqual([]);
    }
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(0);
    for (const accept of ["text/html, Application/*;q=0.5", "*/*", "application/json; charset=UTF-8"]) {
      const accepted = await signUp(accept);
      expect(accepted.status, accept).toBe(200);
      expect(await accepted.json(), accept).toEqual({ data: { signUp: { __typename: accept === "text/html, Application/*;q=0.5" ? "SignUpSuccess" : "ConflictError" } } });
    }
  });

  it("weighs q=0 in Accept as not acceptable: refused with 406 before running when nothing else is, and never answered in a refused type", async () => {
    const email = `refused-by-weight-${Date.now()}@example.com`;
    for (const accept of [
      "application/json;q=0, text/html",
      "text/html, */*;q=0",
      "Application/JSON; Q=0.000, application/graphql-response+json;q=0, text/*, text/event-stream;q=0",
      "*/*;q=0.0000",
      "*/*;q=.0",
    ]) {
      const refused = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept },
        body: JSON.stringify({ query: `mutation { signUp(input: { email: "${email}", password: "granite lighthouse owls" }) { __typename } }` }),
      });
      expect(refused.status, accept).toBe(406);
      expect(refused.headers.getSetCookie(), accept).toEqual([]);
      expect(await refused.json(), accept).toEqual({ errors: [{ message: expect.stringMatching(/application\/json/), extensions: { code: "NOT_ACCEPTABLE" } }] });
    }
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(0);
    // A more specific range overrides a wider one (RFC 9110 section 12.5.1), either way round.
    for (const [accept, answerType] of [
      ["*/*, application/json;q=0", "application/graphql-response+json"],
      ["application/json;q=0, application/*", "application/graphql-response+json"],
      ["application/graphql-response+json;q=0, */*", "application/json"],
      ["*/*;q=0, application/json", "application/json"],
      ["application/*;q=0, text/event-stream", "text/event-stream"],
      ["multipart/mixed, application/*;q=0", "multipart/mixed"],
      ["application/json;q=0.001", "application/json"],
      // Other weights are not: a JSON type is answered whenever one is allowed.
      ["text/event-stream, application/json;q=0.5", "application/json"],
    ] as const) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify({ query: "{ __typename }" }) });
      expect(response.status, accept).toBe(200);
      expect(response.headers.get("content-type"), accept).toContain(answerType);
      expect(await response.text(), accept).toContain('{"data":{"__typename":"Query"}}');
    }
  });

  it("reads a JSON body that starts with a UTF-8 byte-order mark, as one operation or a batch", async () => {
    const byteOrderMark = Buffer.from([0xef, 0xbb, 0xbf]);
    const withMark = (body: unknown, marks = 1) => Buffer.concat([...Array<Buffer>(marks).fill(byteOrderMark), Buffer.from(JSON.stringify(body))]);
    for (const contentType of ["application/json", "Application/JSON; charset=utf-8"]) {
      const single = await fetch(server.url, { method: "POST", headers: { "content-type": contentType }, body: withMark({ query: "{ __typename }" }) });
      expect(single.status, contentType).toBe(200);
      expect(await single.json()).toEqual({ data: { __typename: "Query" } });
      const batch = await fetch(server.url, { method: "POST", headers: { "content-type": contentType }, body: withMark([{ query: "{ __typename }" }, { query: "{ me { id } }" }]) });
      expect(batch.status, contentType).toBe(200);
      expect(await batch.json()).toEqual([{ data: { __typename: "Query" } }, { data: { me: null } }]);
      // One mark is an encoding's signature; a second is a character before the JSON text.
      const twice = await fetch(server.url, { method: "POST", headers: { "content-type": contentType }, body: withMark({ query: "{ __typename }" }, 2) });
      expect(twice.status, contentType).toBe(400);
      expect((await twice.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
  });

  it("reads a form body that starts with a UTF-8 byte-order mark as it reads a JSON one: the mark is no part of the first name", async () => {
    const byteOrderMark = Buffer.from([0xef, 0xbb, 0xbf]);
    const form = new URLSearchParams({ query: "query Named($hidden: Boolean!) { __typename @skip(if: $hidden) }", variables: '{"hidden": false}' }).toString();
    for (const contentType of ["application/x-www-form-urlencoded", "Application/X-Www-Form-Urlencoded; charset=utf-8"]) {
      const headers = { "content-type": contentType, "x-graphql-client": "test" };
      const marked = await fetch(server.url, { method: "POST", headers, body: Buffer.concat([byteOrderMark, Buffer.from(form)]) });
      expect(marked.status, contentType).toBe(200);
      expect(await marked.json(), contentType).toEqual({ data: { __typename: "Query" } });
      // One mark is an encoding's signature; a second is a character of the first name, which is then no `query`.
      const twice = await fetch(server.url, { method: "POST", headers, body: Buffer.concat([byteOrderMark, byteOrderMark, Buffer.from(form)]) });
      expect(await twice.json(), contentType).toEqual({ errors: [{ message: "Must provide query string.", extensions: { code: "BAD_REQUEST" } }] });
    }
  });

  it("refuses a body or GET parameters that are not UTF-8 with 400, rather than reading each bad byte as U+FFFD", async () => {
    const email = `not-utf8-${Date.now()}@example.com`;
    const signUp = "mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }";
    // Twelve Latin-1 `é`: read as twelve U+FFFD, any twelve such bytes signed in to the account.
    const latin1Password = Buffer.alloc(12, 0xe9);
    const jsonBody = Buffer.concat([
      Buffer.from(`{"query": "${signUp}", "variables": {"input": {"email": "${email}", "password": "`),
      latin1Password,
      Buffer.from('"}}}'),
    ]);
    const formBody = `query=${encodeURIComponent(signUp)}&variables=${encodeURIComponent(`{"input": {"email": "${email}", "password": "`)}${"%E9".repeat(12)}%22%7D%7D`;
    const overlongSlash = Buffer.concat([Buffer.from('{"query": "{ __typename }", "x": "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
    for (const [contentType, body] of [
      ["application/json", jsonBody],
      ["application/json; charset=utf-8", jsonBody],
      ["application/graphql+json", jsonBody],
      ["application/json", overlongSlash],
      ["application/graphql", Buffer.concat([Buffer.from("{ __typename } # "), latin1Password])],
      ["application/x-www-form-urlencoded", Buffer.from(formBody)],
      ["application/x-www-form-urlencoded", Buffer.concat([Buffer.from("query=%7B__typename%7D&x="), latin1Password])],
    ] as const) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": contentType, "x-graphql-client": "test" }, body });
      expect(response.status, contentType).toBe(400);
      expect(await response.json(), contentType).toEqual({ errors: [{ message: expect.stringMatching(/not valid UTF-8/), extensions: { code: "BAD_REQUEST" } }] });
    }
    for (const parameters of [
      `query=%7B__typename%7D%20%23%20${"%E9".repeat(12)}`,
      `query=query($x:String)%7B__typename%7D&variables=%7B%22x%22:%22${"%FF".repeat(12)}%22%7D`,
      // An encoded surrogate half, which no UTF-8 text holds.
      "query=%7B__typename%7D&other=%ED%A0%80",
    ]) {
      const response = await fetch(`${server.url}?${parameters}`, { headers: { accept: "application/json", "x-graphql-client": "test" } });
      expect(response.status, parameters).toBe(400);
      expect(await response.json(), parameters).toEqual({ errors: [{ message: expect.stringMatching(/not valid UTF-8/), extensions: { code: "BAD_REQUEST" } }] });
    }
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(0);
    // UTF-8, and a `%` that encodes nothing, are read as before.
    const accented = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: signUp, variables: { input: { email, password: "é".repeat(12) } } }),
    });
    expect(await accented.json()).toEqual({ data: { signUp: { __typename: "SignUpSuccess" } } });
    const get = await fetch(`${server.url}?query=%7B__typename%7D%20%23%20100%25%20%C3%A9`, { headers: { accept: "application/json", "x-graphql-client": "test" } });
    expect(await get.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("refuses a subscription, which this API has none of, as a validation error before anything runs", async () => {
    for (const [accept, status] of [["application/json", 200], ["application/graphql-response+json", 400]] as const) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify({ query: "subscription { __typename }" }) });
      expect(response.status, accept).toBe(status);
      expect(await response.json()).toEqual({
        errors: [{ message: "This API has no subscription operations.", locations: [{ line: 1, column: 1 }], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
      });
    }
  });

  it("refuses a compressed body with 415, naming Content-Encoding, in a type the client takes", async () => {
    for (const contentEncoding of ["gzip", "bogus"]) {
      const response = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", "content-encoding": contentEncoding },
        body: contentEncoding === "gzip" ? gzipSync(JSON.stringify({ query: "{ __typename }" })) : JSON.stringify({ query: "{ __typename }" }),
      });
      expect(response.status, contentEncoding).toBe(415);
      expect(response.headers.get("accept-encoding")).toBe("identity");
      expect(await response.json()).toEqual({ errors: [{ message: expect.stringMatching(/Content-Encoding/), extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }] });
    }
    // In the type the client takes, as Yoga's own refusals are.
    for (const [accept, answerType] of [
      ["application/graphql-response+json", "application/graphql-response+json"],
      ["application/json, application/graphql-response+json", "application/json"],
      ["text/event-stream", "application/json"],
    ] as const) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", "content-encoding": "gzip", accept }, body: "{}" });
      expect(response.status, accept).toBe(415);
      expect(response.headers.get("content-type"), accept).toBe(`${answerType}; charset=utf-8`);
    }
    const identity = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "identity" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(await identity.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("answers a POST body that is not JSON with 400 whichever JSON media type it names, without quoting it", async () => {
    for (const [contentType, accept] of [
      ["application/json", "application/json"],
      ["Application/JSON", "application/json"],
      ["application/json", "application/graphql-response+json"],
    ]) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": contentType!, accept: accept! }, body: '{"query": "{ __typename }", "password": "secret-in-a-bad-body' });
      expect(response.status, `${contentType} ${accept}`).toBe(400);
      const body = await response.text();
      expect(body).not.toContain("secret-in-a-bad-body");
      expect(JSON.parse(body).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
  });

  it("refuses a GET query without the CSRF header, and runs it with the header", async () => {
    const url = new URL(server.url);
    url.searchParams.set("query", "{ me { id } }");
    expect((await fetch(url, { headers: { accept: "application/json" } })).status).toBe(403);
    const allowed = await fetch(url, { headers: { accept: "application/json", "x-graphql-client": "test" } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { me: null } });
  });
});

describe("error masking in production", () => {
  it("answers an internal failure with only 'Unexpected error.': no stack, SQL or original error", async () => {
    const production = await startTestServer({ NODE_ENV: "production", SECRET_KEY: "production-secret-key-0123456789abcdef" });
    try {
      // Force a database fault: the table a sign-in reads is gone.
      await production.database.withConnection((connection) => connection.executeScript('ALTER TABLE "User" RENAME TO "UserGone"'));
      const response = await fetch(production.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: 'mutation { signIn(input: { identifier: "ada@example.com", password: "analytical engine notes 1843" }) { __typename } }',
        }),
      });
      const text = await response.text();
      const body = JSON.parse(text) as GraphQLBody;
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.message).toBe("Unexpected error.");
      expect(body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(text).not.toMatch(/originalError|stack|prisma|UserGone|"User"|relation|SELECT|at \w+ \(/i);
    } finally {
      await production.close();
    }
  });
});

describe("limit configuration", () => {
  it("defaults to a 4 MiB body and the limits above, and names a bad variable", () => {
    expect(loadConfig({})).toMatchObject({
      maxBodyBytes: 4 * 1024 * 1024,
      queryLimits: { maxDepth: 12, maxAliases: 15, maxDirectives: 10, maxTokens: 5000, maxCost: 50_000, maxBatchOperations: 10 },
    });
    expect(loadConfig({ MAX_BODY_BYTES: "65536", MAX_BATCH_OPERATIONS: "0" })).toMatchObject({
      maxBodyBytes: 65536,
      queryLimits: { maxBatchOperations: 0 },
    });
    expect(() => loadConfig({ MAX_BODY_BYTES: "lots" })).toThrow(/^Invalid configuration: MAX_BODY_BYTES/);
    expect(() => loadConfig({ MAX_QUERY_DEPTH: "0" })).toThrow(/^Invalid configuration: MAX_QUERY_DEPTH/);
  });

  it("turns batching off with MAX_BATCH_OPERATIONS=0", async () => {
    const unbatched = await startTestServer({ MAX_BATCH_OPERATIONS: "0", MAX_BODY_BYTES: "2048" });
    try {
      const post = (body: string) =>
        fetch(unbatched.url, { method: "POST", headers: { "content-type": "application/json" }, body });
      const batch = await post(JSON.stringify([{ query: "{ me { id } }" }]));
      expect(batch.status).toBe(400);
      expect(await batch.text()).toMatch(/Batching is not supported/);
      expect((await post(JSON.stringify({ query: "{ me { id } }", variables: { padding: "x".repeat(3000) } }))).status).toBe(413);
    } finally {
      await unbatched.close();
    }
  });
});

describe("request errors", () => {
  it("gives a variable of the wrong GraphQL type BAD_USER_INPUT, naming where in the variable", async () => {
    const query = "mutation SignUp($input: SignUpInput!) { signUp(input: $input) { __typename } }";
    const { status, body } = await post({ query, variables: { input: { email: "ada@example.com", password: { not: "a string" } } } });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.message).toBe('Variable "$input" got invalid value at "input.password"; String cannot represent a non string value.');
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("never quotes the refused variable, which can hold a password or a digest beside the field at fault", async () => {
    const password = "correct horse battery staple";
    const digest = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    const signIn = "mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename } }";
    const createUser = "mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { __typename } }";
    const answers = [
      await post({ query: signIn, variables: { input: { password } } }),
      await post({ query: signIn, variables: { input: { identifier: "ada@example.com", password, remember: true } } }),
      await post({ query: signIn, variables: { input: password } }),
      await post({ query: createUser, variables: { input: { emailAddress: ["ada@example.com"], passwordDigest: digest, passwordHasher: "BCRYPT", email_verified: true } } }),
      await post({ query: createUser, variables: { input: { emailAddress: ["ada@example.com"], passwordDigest: digest, passwordHasher: password } } }),
      await post({ query: "query User($id: ID!) { user(id: $id) { id } }", variables: { id: { password } } }),
    ];
    expect(answers.map(({ body }) => body.errors?.map((error) => error.message))).toEqual([
      ['Variable "$input" got invalid value; Field "identifier" of required type "String!" was not provided.'],
      ['Variable "$input" got invalid value; Field "remember" is not defined by type "SignInInput".'],
      ['Variable "$input" got invalid value; Expected type "SignInInput" to be an object.'],
      ['Variable "$input" got invalid value; Field "email_verified" is not defined by type "CreateUserInput". Did you mean "emailVerified"?'],
      ['Variable "$input" got invalid value at "input.passwordHasher"; Not a value of the "PasswordHasher" enum.'],
      ['Variable "$id" got invalid value; ID cannot represent value.'],
    ]);
    for (const { status, body } of answers) {
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(JSON.stringify(body)).not.toContain("horse");
      expect(JSON.stringify(body)).not.toContain("R9h/cIPz0gi");
    }
  });

  it("never quotes a literal of the wrong type written in the document either", async () => {
    const documents = [
      'mutation { signIn(input: { identifier: "ada", password: 12345678 }) { __typename } }',
      'mutation { signIn(input: { identifier: "ada", password: { typed: "horse staple" } }) { __typename } }',
      'mutation { signIn(input: "horse staple") { __typename } }',
      'mutation { signIn(input: { password: "horse staple" }) { __typename } }',
      'mutation { createUser(input: { passwordHasher: HORSE }) { __typename } }',
    ];
    // Twice: the second answer comes from Yoga's cache of validation results, and says the same.
    const answers = [];
    for (let round = 0; round < 2; round++) answers.push(...(await Promise.all(documents.map((query) => post({ query })))));
    expect(answers.map(({ body }) => body.errors?.map((error) => error.message))).toEqual(
      Array(2).fill([
        ["String cannot represent a non string value."],
        ["String cannot represent a non string value."],
        ['Expected value of type "SignInInput!".'],
        ['Field "SignInInput.identifier" of required type "String!" was not provided.'],
        ['Not a value of the "PasswordHasher" enum.'],
      ]).flat(),
    );
    for (const { body } of answers) {
      expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(JSON.stringify(body)).not.toMatch(/12345678|horse|HORSE/i);
    }
  });

  it("gives BAD_USER_INPUT to graphql-js's own error once it stops counting bad variables", async () => {
    // Each element of a list is coerced on its own: 60 objects where strings belong are 60 errors.
    const query = "mutation Create($input: CreateUserInput!) { createUser(input: $input) { __typename } }";
    const emailAddress = Array.from({ length: 60 }, (_, index) => ({ not: `an address ${index}` }));
    const { status, body } = await post({ query, variables: { input: { emailAddress } } });
    expect(status).toBe(400);
    expect(body.errors?.at(-1)?.message).toMatch(/^Too many errors processing variables/);
    expect(new Set(body.errors?.map((error) => error.extensions?.code))).toEqual(new Set(["BAD_USER_INPUT"]));
  });

  it("answers 400 BAD_REQUEST, not 500, to variables or extensions that are not JSON in a GET or a form", async () => {
    for (const [name, value] of [["variables", "xx"], ["extensions", "zz"], ["variables", "{'a':1}"]]) {
      const url = new URL(server.url);
      url.searchParams.set("query", "{ __typename }");
      url.searchParams.set(name!, value!);
      const response = await fetch(url, { headers: { accept: "application/json", "x-graphql-client": "test" } });
      expect(response.status, `${name}=${value}`).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
    }
    const form = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-graphql-client": "test" },
      body: new URLSearchParams({ query: "{ __typename }", variables: "{not json" }),
    });
    expect(form.status).toBe(400);
  });

  it("answers a POST body that is not JSON with 400 BAD_REQUEST and nothing of the body", async () => {
    const password = "hunter2-secret-pass";
    const body = `{"query":"mutation { signIn(input: { identifier: \\"ada@example.com\\", password: $p }) { __typename } }","variables":{"p":"${password}"}`;
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/graphql-response+json", "x-graphql-client": "test" }, body });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ errors: [{ message: "POST body sent invalid JSON.", extensions: { code: "BAD_REQUEST" } }] });
    expect(text).not.toContain(password);
  });

  it("leaves the codes of documents that do not parse or validate as they are", async () => {
    expect((await post({ query: "{ nope }" })).body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect((await post({ query: "{ me " })).body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });
});

// Yoga caches parsed documents by their text (README *Security*): sent many distinct large
// documents, the process held every one and ran out of memory.
describe("the document cache", () => {
  const largeDocument = (index: number) => `{ __typename } # ${index}\n${"#".repeat(1024 * 1024)}`;
  // About 3,000 tokens in 6 KB: 1.5 MB estimated, so that 21 fill the budget.
  const manyTokenDocument = (index: number) => `{ ${"a ".repeat(3000)}} # ${index}`;

  it("keeps no document longer than 16 KiB, nor its parse failure", () => {
    const { documentCache, errorCache } = boundedParserCache();
    for (let index = 0; index < 40; index++) {
      const text = largeDocument(index);
      documentCache.set(text, parse(text));
      errorCache.set(`${text} }`, new Error("Syntax Error"));
    }
    expect(documentCache.size).toBe(0);
    expect(errorCache.size).toBe(0);
    const small = "{ __typename }";
    documentCache.set(small, parse(small));
    expect(documentCache.get(small)?.kind).toBe("Document");
  });

  it("drops the least recently used documents once their tokens and text reach 32 MiB, and keeps one in use", () => {
    const { documentCache } = boundedParserCache();
    const hot = "query Hot { __typename }";
    documentCache.set(hot, parse(hot));
    for (let index = 0; index < 100; index++) {
      const text = manyTokenDocument(index);
      documentCache.set(text, parse(text));
      expect(documentCache.get(hot)).toBeDefined();
    }
    expect(documentCache.bytes).toBeLessThanOrEqual(maximumCachedBytes);
    expect(documentCache.size).toBeLessThan(25);
    expect(documentCache.get(manyTokenDocument(99))).toBeDefined();
    expect(documentCache.get(manyTokenDocument(0))).toBeUndefined();
  });

  it("is what Yoga parses through: ordinary operations are cached and served from it, large documents answered and not kept", async () => {
    const cache = boundedParserCache();
    const yoga = createYoga({ schema, parserAndValidationCache: cache, logging: false });
    const run = async (query: string) => {
      const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    };
    const ordinary = "query Ordinary { __typename }";
    expect(await run(ordinary)).toEqual({ status: 200, body: { data: { __typename: "Query" } } });
    const cached = cache.documentCache.get(ordinary);
    expect(cached).toBeDefined();
    expect(await run(ordinary)).toEqual({ status: 200, body: { data: { __typename: "Query" } } });
    expect(cache.documentCache.get(ordinary)).toBe(cached);
    for (let index = 0; index < 20; index++) {
      expect(await run(largeDocument(index))).toEqual({ status: 200, body: { data: { __typename: "Query" } } });
      expect((await run(`${largeDocument(index)}\n{`)).body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    }
    expect(cache.documentCache.size).toBe(1);
    expect(cache.errorCache.size).toBe(0);
  });

  it("still answers documents over 16 KiB over HTTP", async () => {
    for (let index = 0; index < 5; index++) {
      const { status, body } = await post({ query: `{ __typename } # ${index}\n${"#".repeat(20 * 1024)}` });
      expect(status).toBe(200);
      expect(body).toEqual({ data: { __typename: "Query" } });
    }
  });
});

describe("size of variables", () => {
  const admin = { authorization: `Bearer ${adminApiKey}` };
  const signIn = "mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename } }";
  const signUp = "mutation SignUp($input: SignUpInput!) { signUp(input: $input) { __typename } }";
  const createUser = "mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { __typename ... on ValidationError { fieldErrors { path message } } } }";
  const importUsers = "mutation Import($users: [CreateUserInput!]!) { importUsers(users: $users) { __typename } }";

  it("refuses an object of more than 10,000 keys before coercing it, naming where it is", async () => {
    // graphql-js printed this whole object into each of 50 "not defined" errors: 20 s on one public signIn.
    const input = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`k${index}`, 1]));
    const { status, body } = await post({ query: signIn, variables: { input } });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toMatchObject([
      { message: 'Variable "$input" got invalid value at "input"; Objects may have at most 10000 keys; this one has 100000.', extensions: { code: "BAD_USER_INPUT" } },
    ]);
  });

  it("refuses a list of more than 10,000 entries before coercing it, naming where it is", async () => {
    const addresses = Array.from({ length: 10_001 }, () => ({}));
    const { status, body } = await post({ query: signUp, variables: { input: { email: "long-list@example.com", password: "long list of addresses", profile: { addresses } } } });
    expect(status).toBe(400);
    expect(body.errors).toMatchObject([
      {
        message: 'Variable "$input" got invalid value at "input.profile.addresses"; Lists may have at most 10000 entries; this one has 10001.',
        extensions: { code: "BAD_USER_INPUT" },
      },
    ]);
    const details = Object.fromEntries(Array.from({ length: 10_001 }, (_, index) => [`k${index}`, index]));
    const identities = [{ connection: "github", provider: "GITHUB", type: "SOCIAL", details: { nested: [0, details] } }];
    const nested = await post({ query: createUser, variables: { input: { skipPasswordRequirement: true, identities } } }, admin);
    expect(nested.status).toBe(400);
    expect(messages(nested.body)).toEqual(['Variable "$input" got invalid value at "input.identities[0].details.nested[1]"; Objects may have at most 10000 keys; this one has 10001.']);
  });

  it("still reports up to 50 unknown fields of a wide object under the bound, then stops counting", async () => {
    const input = Object.fromEntries(Array.from({ length: 9_000 }, (_, index) => [`k${index}`, { password: "not quoted back" }]));
    const { status, body, text } = await post({ query: signIn, variables: { input } });
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(51);
    expect(body.errors?.[0]?.message).toBe('Variable "$input" got invalid value; Field "identifier" of required type "String!" was not provided.');
    expect(body.errors?.[2]?.message).toBe('Variable "$input" got invalid value; Field "k0" is not defined by type "SignInInput".');
    expect(body.errors?.at(-1)?.message).toMatch(/^Too many errors processing variables/);
    expect(new Set(body.errors?.map((error) => error.extensions?.code))).toEqual(new Set(["BAD_USER_INPUT"]));
    expect(text).not.toContain("not quoted back");
  });

  it("answers importUsers of 1001 rows as before: the row limit, not the list bound", async () => {
    const { status, body } = await post({ query: importUsers, variables: { users: Array.from({ length: 1001 }, () => ({})) } }, admin);
    expect(status).toBe(400);
    expect(messages(body)).toEqual(["importUsers takes at most 1000 users per call; split the file into batches."]);
  });

  it("takes the largest inputs the schema allows: 1000 import rows with full lists, metadata and identity details at their size limits", async () => {
    // Every row is refused by the domain (a repeated address), which reads every list: the bound let it through.
    const row = (index: number) => ({
      skipPasswordRequirement: true,
      emailAddress: Array.from({ length: 10 }, () => `row-${index}@example.com`),
      phoneNumber: Array.from({ length: 10 }, (_, entry) => `+1415555${String(entry).padStart(4, "0")}`),
      web3Wallet: Array.from({ length: 10 }, () => "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
      backupCodes: Array.from({ length: 50 }, (_, entry) => `code-${entry}`),
      profile: { addresses: Array.from({ length: 10 }, () => ({ city: "Berlin" })) },
    });
    const imported = await post({ query: importUsers, variables: { users: Array.from({ length: 1000 }, (_, index) => row(index)) } }, admin);
    expect(imported.status).toBe(200);
    const results = (imported.body.data as { importUsers: { __typename: string }[] }).importUsers;
    expect(results).toHaveLength(1000);
    expect(new Set(results.map((result) => result.__typename))).toEqual(new Set(["ValidationError"]));

    // 1024 keys in 8 KiB of publicMetadata; 8000 entries in 16 KiB of an identity's details.
    const publicMetadata = Object.fromEntries(Array.from({ length: 1024 }, (_, index) => [index.toString(36).padStart(2, "0"), 0]));
    expect(Buffer.byteLength(JSON.stringify(publicMetadata))).toBeLessThanOrEqual(8 * 1024);
    const identities = [{ connection: "github", provider: "GITHUB", type: "SOCIAL", id: "size-limits", details: { ids: Array(8000).fill(0) } }];
    const created = await post({ query: createUser, variables: { input: { externalId: "size-limits", skipPasswordRequirement: true, publicMetadata, identities } } }, admin);
    expect(created.body).toEqual({ data: { createUser: { __typename: "CreateUserSuccess" } } });
  });
});
