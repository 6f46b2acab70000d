import { createHash } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type ExecutionResult } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteExpiredRows } from "../src/domain/sessions/expired-rows.ts";
import { endSessionsEverywhere } from "../src/domain/sessions/resolve-session.ts";
import { CreateUserMutation, SignUpMutation } from "./documents.ts";
import { graphql } from "./generated/gql.ts";
import { startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";

// Sessions (SPEC section 8): the `session` cookie that signIn sets, `me`, `signOut`, server-side
// expiry, sliding renewal and how tokens are stored. Over real HTTP against the real server.

const SessionsSignInMutation = graphql(`
  mutation SessionsSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { id } }
      ... on Error { message }
    }
  }
`);

const SessionsSignOutMutation = graphql(`
  mutation SessionsSignOut {
    signOut
  }
`);

const SessionsSignOutEverywhereMutation = graphql(`
  mutation SessionsSignOutEverywhere($everywhere: Boolean) {
    signOut(everywhere: $everywhere)
  }
`);

const SessionsMeQuery = graphql(`
  query SessionsMe {
    me { id email }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server.close());

let counter = 0;
const uniqueEmail = (prefix: string) => `${prefix}${++counter}@example.com`;
const password = "analytical engine notes 1843";
const hour = 60 * 60 * 1000;

async function send<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables, options?: RequestOptions) {
  const response = await server.request(document, variables, options);
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response;
}

interface SessionCookie {
  token: string;
  /** Lower-cased attribute names to their values ("" for flags). */
  attributes: Map<string, string>;
}

function sessionCookieOf(headers: Headers): SessionCookie | undefined {
  const header = headers.getSetCookie().find((cookie) => cookie.startsWith("session="));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split(";").map((part) => part.trim());
  return {
    token: decodeURIComponent(pair!.slice("session=".length)),
    attributes: new Map(
      attributes.map((attribute) => {
        const separator = attribute.indexOf("=");
        return separator < 0
          ? [attribute.toLowerCase(), ""]
          : [attribute.slice(0, separator).toLowerCase(), attribute.slice(separator + 1)];
      }),
    ),
  };
}

const withSession = (token: string): RequestOptions => ({ headers: { cookie: `session=${token}` } });
const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

/** A new user and a signed-in session of theirs. */
async function signedInUser(prefix: string) {
  const email = uniqueEmail(prefix);
  const created = await send(CreateUserMutation, { input: { emailAddress: [email], password } }, { admin: true });
  const result = created.body.data?.createUser;
  if (result?.__typename !== "CreateUserSuccess") throw new Error(JSON.stringify(created.body));
  const session = await signIn(email);
  return { userId: result.user.id, email, ...session };
}

async function signIn(email: string) {
  const response = await send(SessionsSignInMutation, { input: { identifier: email, password } });
  expect(response.body.data?.signIn.__typename).toBe("SignInSuccess");
  const cookie = sessionCookieOf(response.headers);
  if (!cookie) throw new Error("signIn set no session cookie");
  return { cookie, token: cookie.token };
}

async function me(options?: RequestOptions) {
  const response = await send(SessionsMeQuery, {}, options);
  return { response, me: response.body.data?.me ?? null };
}

async function sessionRow(token: string) {
  return server.database.prisma.session.findUnique({ where: { tokenHash: sha256Hex(token) } });
}

describe("me", () => {
  it("is null without a cookie, with an unknown token and with an empty one", async () => {
    expect((await me()).me).toBeNull();
    expect((await me(withSession("A".repeat(43)))).me).toBeNull();
    expect((await me(withSession(""))).me).toBeNull();
    expect((await me({ headers: { cookie: "other=1" } })).me).toBeNull();
  });

  it("is null with a cookie that is not URI-encoded, and signing in still replaces it", async () => {
    // A planted `session=%` once threw in the context and answered 500 to every request.
    for (const token of ["%", "%E0%A4%A", "a%zz"]) expect((await me(withSession(token))).me).toBeNull();
    const { email } = await signedInUser("planted");
    const response = await send(SessionsSignInMutation, { input: { identifier: email, password } }, withSession("%"));
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^session=[A-Za-z0-9_-]{43};/);
  });

  it("is the signed-in user with the sign-in cookie, also among other cookies", async () => {
    const { userId, email, token } = await signedInUser("me");
    const result = await me(withSession(token));
    expect(result.me).toEqual({ id: userId, email });
    expect((await me({ headers: { cookie: `theme=dark; session=${token}; lang=en` } })).me?.id).toBe(userId);
  });
});

describe("the session cookie and token", () => {
  it("is HttpOnly, SameSite=Lax, for the whole site, and expires after the configured time", async () => {
    const startedAt = Date.now();
    const { cookie } = await signedInUser("cookie");
    expect(cookie.attributes.has("httponly")).toBe(true);
    expect(cookie.attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(cookie.attributes.get("path")).toBe("/");
    const expires = Date.parse(cookie.attributes.get("expires") ?? "");
    expect(expires).toBeGreaterThanOrEqual(startedAt + server.config.sessionTtlMilliseconds - 2000);
    expect(expires).toBeLessThanOrEqual(Date.now() + server.config.sessionTtlMilliseconds + 2000);
    // Max-Age too: it counts from receipt, so a browser whose clock is off keeps the cookie as long.
    expect(Number(cookie.attributes.get("max-age"))).toBeGreaterThanOrEqual(server.config.sessionTtlMilliseconds / 1000 - 2);
    expect(Number(cookie.attributes.get("max-age"))).toBeLessThanOrEqual(server.config.sessionTtlMilliseconds / 1000);
  });

  it("carries at least 256 random bits, different at every sign-in", async () => {
    const { email, token } = await signedInUser("token");
    const tokens = [token];
    for (let index = 0; index < 4; index++) tokens.push((await signIn(email)).token);
    for (const each of tokens) {
      expect(each).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(Buffer.from(each, "base64url").length).toBeGreaterThanOrEqual(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("is stored as its SHA-256 hex digest, never as itself", async () => {
    const { userId, token } = await signedInUser("stored");
    const rows = await server.database.prisma.session.findMany({ where: { userId } });
    expect(rows.map((row) => row.tokenHash)).toEqual([sha256Hex(token)]);
    const everySession = JSON.stringify(await server.database.prisma.session.findMany());
    expect(everySession).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + server.config.sessionTtlMilliseconds - 60_000);
  });

  it("each sign-in opens a session of its own", async () => {
    const { userId, email, token } = await signedInUser("two");
    const second = await signIn(email);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(2);
    expect((await me(withSession(token))).me?.id).toBe(userId);
    expect((await me(withSession(second.token))).me?.id).toBe(userId);
  });

  it("a sign-in with a session cookie ends that session: the new cookie replaces it", async () => {
    const { userId, email, token } = await signedInUser("replaced");
    const other = await signIn(email);
    const response = await send(SessionsSignInMutation, { input: { identifier: email, password } }, withSession(token));
    expect(response.body.data?.signIn.__typename).toBe("SignInSuccess");
    const replacement = sessionCookieOf(response.headers)!.token;
    expect(await sessionRow(token)).toBeNull();
    expect((await me(withSession(token))).me).toBeNull();
    // Sessions held elsewhere stay.
    expect((await me(withSession(other.token))).me?.id).toBe(userId);
    expect((await me(withSession(replacement))).me?.id).toBe(userId);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(2);
  });

  it("a sign-in as someone else ends the session the cookie held, and a failed one ends nothing", async () => {
    const first = await signedInUser("replaced-first");
    const second = await signedInUser("replaced-second");
    const failed = await send(SessionsSignInMutation, { input: { identifier: second.email, password: "not the password" } }, withSession(first.token));
    expect(failed.body.data?.signIn.__typename).toBe("InvalidCredentialsError");
    expect((await me(withSession(first.token))).me?.id).toBe(first.userId);

    const response = await send(SessionsSignInMutation, { input: { identifier: second.email, password } }, withSession(first.token));
    expect(response.body.data?.signIn.__typename).toBe("SignInSuccess");
    expect(await sessionRow(first.token)).toBeNull();
    expect((await me(withSession(second.token))).me?.id).toBe(second.userId);
  });
});

describe("a request with two session cookies", () => {
  // Another `session` cookie can be planted by a sibling subdomain (a cookie for the whole domain
  // with a longer path is sent first), to make the browser act as the planter.
  const withSessions = (...tokens: string[]): RequestOptions => ({ headers: { cookie: tokens.map((token) => `session=${token}`).join("; ") } });

  it("is no one's: neither the planted session nor the user's own", async () => {
    const planter = await signedInUser("planter");
    const victim = await signedInUser("victim");
    expect((await me(withSessions(planter.token, victim.token))).me).toBeNull();
    expect((await me(withSessions(victim.token, planter.token))).me).toBeNull();
    // The same cookie twice is one token.
    expect((await me(withSessions(victim.token, victim.token))).me?.id).toBe(victim.userId);
  });

  it("signs out of both, and a sign-in or sign-up replaces both", async () => {
    const planter = await signedInUser("planted-out");
    const victim = await signedInUser("victim-out");
    expect((await send(SessionsSignOutMutation, {}, withSessions(planter.token, victim.token))).body.data?.signOut).toBe(true);
    expect(await sessionRow(planter.token)).toBeNull();
    expect(await sessionRow(victim.token)).toBeNull();

    const [first, second] = [await signedInUser("planted-in"), await signedInUser("victim-in")];
    const signedIn = await send(SessionsSignInMutation, { input: { identifier: second.email, password } }, withSessions(first.token, second.token));
    expect(signedIn.body.data?.signIn.__typename).toBe("SignInSuccess");
    expect(await sessionRow(first.token)).toBeNull();
    expect(await sessionRow(second.token)).toBeNull();

    const [third, fourth] = [await signedInUser("planted-up"), await signedInUser("victim-up")];
    const signedUp = await send(SignUpMutation, { input: { email: uniqueEmail("new-user"), password } }, withSessions(third.token, fourth.token));
    expect(signedUp.body.data?.signUp.__typename).toBe("SignUpSuccess");
    expect(await sessionRow(third.token)).toBeNull();
    expect(await sessionRow(fourth.token)).toBeNull();
  });

  it("reads eight session cookies at most: a sign-out sent with more ends those of the first eight", async () => {
    const first = await signedInUser("many-cookies-first");
    const last = await signedInUser("many-cookies-last");
    const filler = Array.from({ length: 7 }, (_, index) => `unknown-${index}`);
    const signedOut = await send(SessionsSignOutMutation, {}, withSessions(first.token, ...filler, last.token));
    expect(signedOut.body.data?.signOut).toBe(true);
    expect(await sessionRow(first.token)).toBeNull();
    expect(await sessionRow(last.token)).not.toBeNull();
  });
});

describe("a batched request", () => {
  // The operations of a JSON-array request run side by side and share one response, which carries
  // one `session` cookie.
  async function batch(operations: { document: TypedDocumentNode<unknown, never>; variables?: object }[], options: RequestOptions = {}) {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...options.headers },
      body: JSON.stringify(operations.map(({ document, variables }) => ({ query: print(document), variables }))),
    });
    expect(response.status).toBe(200);
    return { headers: response.headers, results: (await response.json()) as ExecutionResult<Record<string, { __typename?: string } | null>>[] };
  }
  const signInOf = (email: string) => ({ document: SessionsSignInMutation as TypedDocumentNode<unknown, never>, variables: { input: { identifier: email, password } } });

  it("signs in once: a second sign-in or a sign-up beside it is refused before it runs, and one cookie is set", async () => {
    const [first, second] = [await signedInUser("batched-first"), await signedInUser("batched-second")];
    const newEmail = uniqueEmail("batched-new");
    const { headers, results } = await batch([
      signInOf(first.email),
      signInOf(second.email),
      { document: SignUpMutation as TypedDocumentNode<unknown, never>, variables: { input: { email: newEmail, password } } },
    ]);
    const succeeded = results.map((result) => ["SignInSuccess", "SignUpSuccess"].includes(result.data?.signIn?.__typename ?? result.data?.signUp?.__typename ?? ""));
    expect(succeeded.filter(Boolean)).toHaveLength(1);
    const refused = results.filter((result) => result.errors);
    expect(refused).toHaveLength(2);
    for (const result of refused) {
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message).toMatch(/request of its own/);
    }

    // One session was opened, and it is the one delivered, of the user who signed in or up.
    expect(headers.getSetCookie()).toHaveLength(1);
    const delivered = await sessionRow(sessionCookieOf(headers)!.token);
    const newUserId = (await server.database.prisma.emailAddress.findFirst({ where: { email: newEmail } }))?.userId;
    expect(delivered?.userId).toBe([first.userId, second.userId, newUserId][succeeded.indexOf(true)]);
    const userIds = [first.userId, second.userId, ...(newUserId ? [newUserId] : [])];
    expect(await server.database.prisma.session.count({ where: { userId: { in: userIds } } })).toBe(3);
  });

  it("refuses a document that signs in, up or out twice before any of it runs, fragments and aliases included", async () => {
    const { userId, email, token } = await signedInUser("twice-in-one");
    const signInFields = `signIn(input: { identifier: ${JSON.stringify(email)}, password: ${JSON.stringify(password)} }) { __typename }`;
    const newEmail = uniqueEmail("twice-in-one-new");
    const documents = [
      `mutation { a: ${signInFields} b: signOut }`,
      `mutation { a: ${signInFields} b: ${signInFields} }`,
      `mutation { signUp(input: { email: ${JSON.stringify(newEmail)}, password: ${JSON.stringify(password)} }) { __typename } ...Out }
       fragment Out on Mutation { ... on Mutation { signOut } }`,
      `mutation { deleteSelf { __typename } signOut @skip(if: true) }`,
    ];
    for (const query of documents) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", cookie: `session=${token}` }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as ExecutionResult;
      expect(response.status, query).toBe(400);
      expect(body.data, query).toBeUndefined();
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    // Nothing ran: the user is still there, signed in with the one session, and no one signed up.
    expect(await server.database.prisma.session.findMany({ where: { userId }, select: { tokenHash: true } })).toEqual([{ tokenHash: sha256Hex(token) }]);
    expect((await me(withSession(token))).me?.id).toBe(userId);
    expect(await server.database.prisma.emailAddress.count({ where: { email: newEmail } })).toBe(0);
  });

  it("runs a sign-in beside queries, and a sign-out's cleared cookie is not brought back by the renewal of another operation", async () => {
    const { userId, email, token } = await signedInUser("batched-out");
    const { headers, results } = await batch([signInOf(email), { document: SessionsMeQuery as TypedDocumentNode<unknown, never> }], withSession(token));
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined]);
    const replacement = sessionCookieOf(headers)!.token;
    expect(replacement).not.toBe(token);
    expect((await me(withSession(replacement))).me?.id).toBe(userId);

    // Due for renewal: the `me` beside the sign-out renews the session it reads, but its cookie must not win.
    await server.database.prisma.session.update({ where: { tokenHash: sha256Hex(replacement) }, data: { lastSeenAt: new Date(Date.now() - 2 * hour) } });
    const signedOut = await batch([{ document: SessionsMeQuery as TypedDocumentNode<unknown, never> }, { document: SessionsSignOutMutation as TypedDocumentNode<unknown, never> }], withSession(replacement));
    expect(signedOut.results[1]?.data?.signOut).toBe(true);
    expect(signedOut.headers.getSetCookie()).toHaveLength(1);
    expect(sessionCookieOf(signedOut.headers)).toMatchObject({ token: "" });
    expect(sessionCookieOf(signedOut.headers)!.attributes.get("max-age")).toBe("0");
    expect(await sessionRow(replacement)).toBeNull();
  });
});

describe("signOut", () => {
  it("ends the session on the server and clears the cookie", async () => {
    const { userId, token } = await signedInUser("signout");
    const response = await send(SessionsSignOutMutation, {}, withSession(token));
    expect(response.body.data?.signOut).toBe(true);
    const cleared = sessionCookieOf(response.headers);
    expect(cleared?.token).toBe("");
    expect(cleared?.attributes.get("max-age")).toBe("0");

    expect(await sessionRow(token)).toBeNull();
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
    // A client that kept the cookie anyway gets nothing for it.
    expect((await me(withSession(token))).me).toBeNull();
    expect((await send(SessionsSignOutMutation, {}, withSession(token))).body.data?.signOut).toBe(false);
  });

  it("ends only the current session", async () => {
    const { userId, email, token } = await signedInUser("signout-one");
    const other = await signIn(email);
    expect((await send(SessionsSignOutMutation, {}, withSession(token))).body.data?.signOut).toBe(true);
    expect((await me(withSession(token))).me).toBeNull();
    expect((await me(withSession(other.token))).me?.id).toBe(userId);
  });

  it("is false for a session that expired, and deletes it without waiting for the sweeper", async () => {
    const { email } = await signedInUser("signout-expired");
    for (const everywhere of [false, true]) {
      const { token } = await signIn(email);
      await server.database.prisma.session.update({ where: { tokenHash: sha256Hex(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await send(SessionsSignOutEverywhereMutation, { everywhere }, withSession(token))).body.data?.signOut).toBe(false);
      expect(await sessionRow(token)).toBeNull();
    }
  });

  it("is false without a session or with an unknown token", async () => {
    expect((await send(SessionsSignOutMutation, {})).body.data?.signOut).toBe(false);
    expect((await send(SessionsSignOutMutation, {}, withSession("B".repeat(43)))).body.data?.signOut).toBe(false);
  });
});

describe("signOut(everywhere: true)", () => {
  it("ends every session of the user, on every device, clears the cookie and leaves other users' sessions", async () => {
    const { userId, email, token } = await signedInUser("everywhere");
    const otherDevice = await signIn(email);
    const bystander = await signedInUser("everywhere-bystander");
    const response = await send(SessionsSignOutEverywhereMutation, { everywhere: true }, withSession(otherDevice.token));
    expect(response.body.data?.signOut).toBe(true);
    expect(sessionCookieOf(response.headers)).toMatchObject({ token: "" });
    expect(sessionCookieOf(response.headers)!.attributes.get("max-age")).toBe("0");

    expect((await me(withSession(token))).me).toBeNull();
    expect((await me(withSession(otherDevice.token))).me).toBeNull();
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
    expect((await me(withSession(bystander.token))).me?.id).toBe(bystander.userId);
    // Signed out already: there is no session left to speak for the user.
    expect((await send(SessionsSignOutEverywhereMutation, { everywhere: true }, withSession(token))).body.data?.signOut).toBe(false);
  });

  it("is false without a session or with an unknown token, and ends nothing", async () => {
    const { userId, email } = await signedInUser("everywhere-anonymous");
    await signIn(email);
    for (const options of [undefined, withSession("C".repeat(43))]) {
      const response = await send(SessionsSignOutEverywhereMutation, { everywhere: true }, options);
      expect(response.body.data?.signOut).toBe(false);
      expect(sessionCookieOf(response.headers)).toMatchObject({ token: "" });
    }
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(2);
  });

  it("ends no one else's session when the request's own ended after the request was read", async () => {
    // A sign-out in another tab or a block between reading the cookie and signing out everywhere:
    // the ended session no longer speaks for its user.
    const { userId, email, token } = await signedInUser("everywhere-ended");
    await signIn(email);
    await server.database.prisma.session.delete({ where: { tokenHash: sha256Hex(token) } });
    expect(await endSessionsEverywhere(server.database.prisma, [token], userId)).toBe(false);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(1);
  });

  it("with two session cookies, signed in as no one, ends those two only", async () => {
    const planter = await signedInUser("everywhere-planter");
    const victim = await signedInUser("everywhere-victim");
    const victimElsewhere = await signIn(victim.email);
    const cookies = { headers: { cookie: `session=${planter.token}; session=${victim.token}` } };
    expect((await send(SessionsSignOutEverywhereMutation, { everywhere: true }, cookies)).body.data?.signOut).toBe(true);
    expect(await sessionRow(planter.token)).toBeNull();
    expect(await sessionRow(victim.token)).toBeNull();
    expect((await me(withSession(victimElsewhere.token))).me?.id).toBe(victim.userId);
  });

  it("with everywhere false or null ends the current session only, as without it", async () => {
    const { userId, email, token } = await signedInUser("everywhere-false");
    const other = await signIn(email);
    const third = await signIn(email);
    expect((await send(SessionsSignOutEverywhereMutation, { everywhere: false }, withSession(token))).body.data?.signOut).toBe(true);
    expect((await send(SessionsSignOutEverywhereMutation, { everywhere: null }, withSession(other.token))).body.data?.signOut).toBe(true);
    expect((await me(withSession(third.token))).me?.id).toBe(userId);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(1);
  });
});

describe("expired rows", () => {
  it("deleteExpiredRows removes expired sessions and verification tokens, and nothing else", async () => {
    const { userId, token } = await signedInUser("sweep");
    const expiredSession = await signIn((await server.database.prisma.emailAddress.findFirstOrThrow({ where: { userId } })).email);
    const past = new Date(Date.now() - 60_000);
    await server.database.prisma.session.update({ where: { tokenHash: sha256Hex(expiredSession.token) }, data: { expiresAt: past } });
    const tokens = ["expired", "valid"].map((name) => ({ userId, emailNormalized: `sweep-${name}@example.com`, tokenHash: sha256Hex(`${name}-${userId}`) }));
    await server.database.prisma.emailVerificationToken.createMany({
      data: [
        { ...tokens[0]!, expiresAt: past },
        { ...tokens[1]!, expiresAt: new Date(Date.now() + hour) },
      ],
    });

    const deleted = await deleteExpiredRows(server.database.prisma);
    expect(deleted.sessions).toBeGreaterThanOrEqual(1);
    expect(deleted.verificationTokens).toBeGreaterThanOrEqual(1);
    expect(await sessionRow(expiredSession.token)).toBeNull();
    expect(await sessionRow(token)).not.toBeNull();
    const left = await server.database.prisma.emailVerificationToken.findMany({ where: { userId }, select: { tokenHash: true } });
    expect(left).toEqual([{ tokenHash: tokens[1]!.tokenHash }]);
    expect((await me(withSession(token))).me?.id).toBe(userId);
  });

  it("deletes a backlog larger than one statement deletes, all of it, in several statements", async () => {
    const { userId, token } = await signedInUser("backlog");
    await server.database.statements.query(
      `INSERT INTO "Session" (id, "userId", "tokenHash", "expiresAt")
       SELECT gen_random_uuid(), $1::uuid, md5($1 || n::text), timezone('UTC', now()) - interval '1 day' FROM generate_series(1, 12000) AS n`,
      [userId],
    );
    const deleted = await deleteExpiredRows(server.database.prisma);
    expect(deleted.sessions).toBeGreaterThanOrEqual(12_000);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(1);
    expect(await sessionRow(token)).not.toBeNull();
  });

  it.each(["Session", "EmailVerificationToken", "PasswordResetToken", "TotpEnrollment"])("finds expired rows of %s through an index on expiresAt, not by reading the whole table", async (table) => {
    // A handful of rows would be read whole anyway: with sequential scans priced out, the plan
    // shows whether an index could serve the sweeper's delete.
    const explained = await server.database.withConnection(async (connection) => {
      await connection.executeScript("BEGIN; SET LOCAL enable_seqscan = off");
      try {
        return await connection.query<{ "QUERY PLAN": string }>(`EXPLAIN DELETE FROM "${table}" WHERE "expiresAt" < $1`, [new Date().toISOString()]);
      } finally {
        await connection.executeScript("ROLLBACK");
      }
    });
    const plan = explained.map((line) => line["QUERY PLAN"]).join("\n");
    const index = `"?${table}_expiresAt_idx"?`;
    expect(plan, plan).toMatch(new RegExp(`Index (Only )?Scan using ${index}|Bitmap Index Scan on ${index}`));
  });
});

describe("expiry and sliding renewal", () => {
  it("an expired session is not the user's any more, and is not renewed", async () => {
    const { token } = await signedInUser("expired");
    await server.database.prisma.session.update({
      where: { tokenHash: sha256Hex(token) },
      data: { expiresAt: new Date(Date.now() - 60_000), lastSeenAt: new Date(Date.now() - 2 * hour) },
    });
    const result = await me(withSession(token));
    expect(result.me).toBeNull();
    const cookie = sessionCookieOf(result.response.headers);
    if (cookie?.token) expect(Date.parse(cookie.attributes.get("expires") ?? "")).toBeLessThanOrEqual(Date.now());
    expect((await sessionRow(token))?.expiresAt.getTime() ?? 0).toBeLessThan(Date.now());
  });

  it("a session in use is extended: a new cookie with a later Expires, and a later expiresAt", async () => {
    const { userId, token } = await signedInUser("sliding");
    const tokenHash = sha256Hex(token);
    const shortly = new Date(Date.now() + 24 * hour);
    await server.database.prisma.session.update({
      where: { tokenHash },
      data: { lastSeenAt: new Date(Date.now() - 2 * hour), expiresAt: shortly },
    });

    const startedAt = Date.now();
    const result = await me(withSession(token));
    expect(result.me?.id).toBe(userId);
    const renewed = sessionCookieOf(result.response.headers);
    if (!renewed) throw new Error("no renewed session cookie");
    expect(renewed.token).toBe(token);
    expect(renewed.attributes.has("httponly")).toBe(true);
    expect(renewed.attributes.get("samesite")?.toLowerCase()).toBe("lax");
    const expires = Date.parse(renewed.attributes.get("expires") ?? "");
    expect(expires).toBeGreaterThan(shortly.getTime());
    expect(expires).toBeGreaterThanOrEqual(startedAt + server.config.sessionTtlMilliseconds - 2000);
    expect(Number(renewed.attributes.get("max-age"))).toBeGreaterThanOrEqual(server.config.sessionTtlMilliseconds / 1000 - 2);

    const row = await sessionRow(token);
    expect(row!.expiresAt.getTime()).toBeGreaterThan(shortly.getTime());
    expect(row!.expiresAt.getTime()).toBeGreaterThanOrEqual(startedAt + server.config.sessionTtlMilliseconds - 2000);
    expect(row!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(startedAt - 2000);
    expect((await me(withSession(renewed.token))).me?.id).toBe(userId);
  });

  it("moves expiresAt forward even when only lastSeenAt is old", async () => {
    const { userId, token } = await signedInUser("sliding-only");
    const tokenHash = sha256Hex(token);
    const before = await server.database.prisma.session.update({
      where: { tokenHash },
      data: { lastSeenAt: new Date(Date.now() - 2 * hour) },
    });
    const result = await me(withSession(token));
    expect(result.me?.id).toBe(userId);
    expect(sessionCookieOf(result.response.headers)?.token).toBe(token);
    const after = await sessionRow(token);
    expect(after!.expiresAt.getTime()).toBeGreaterThan(before.expiresAt.getTime());
  });
});

describe("maximum lifetime", () => {
  const day = 24 * hour;

  /** A signed-in session, made `createdAt` old and due for renewal (last renewed two hours ago). */
  async function sessionCreatedAt(prefix: string, createdAt: Date, expiresAt: Date) {
    const { userId, token } = await signedInUser(prefix);
    await server.database.prisma.session.update({
      where: { tokenHash: sha256Hex(token) },
      data: { createdAt, lastSeenAt: new Date(Date.now() - 2 * hour), expiresAt },
    });
    return { userId, token, lifetimeEndsAt: createdAt.getTime() + server.config.sessionMaxLifetimeMilliseconds };
  }

  it("renewal never extends a session past its creation plus SESSION_MAX_LIFETIME_DAYS", async () => {
    // Ten days of its lifetime left, less than the SESSION_TTL_DAYS a renewal would give.
    const createdAt = new Date(Date.now() - server.config.sessionMaxLifetimeMilliseconds + 10 * day);
    const { userId, token, lifetimeEndsAt } = await sessionCreatedAt("lifetime", createdAt, new Date(Date.now() + day));
    expect(lifetimeEndsAt).toBeLessThan(Date.now() + server.config.sessionTtlMilliseconds);

    const startedAt = Date.now();
    const result = await me(withSession(token));
    const finishedAt = Date.now();
    expect(result.me?.id).toBe(userId);
    const renewed = sessionCookieOf(result.response.headers);
    if (!renewed) throw new Error("no renewed session cookie");
    expect(renewed.token).toBe(token);
    // Expires has whole seconds; Max-Age is rounded down.
    expect(Date.parse(renewed.attributes.get("expires") ?? "")).toBe(Math.floor(lifetimeEndsAt / 1000) * 1000);
    const maxAge = Number(renewed.attributes.get("max-age"));
    expect(maxAge).toBeGreaterThanOrEqual(Math.floor((lifetimeEndsAt - finishedAt) / 1000));
    expect(maxAge).toBeLessThanOrEqual((lifetimeEndsAt - startedAt) / 1000);
    expect((await sessionRow(token))!.expiresAt.getTime()).toBe(lifetimeEndsAt);
  });

  it("a session at the end of its lifetime is not renewed again: no write, no cookie", async () => {
    const createdAt = new Date(Date.now() - server.config.sessionMaxLifetimeMilliseconds + 10 * day);
    const lifetimeEndsAt = new Date(createdAt.getTime() + server.config.sessionMaxLifetimeMilliseconds);
    const { userId, token } = await sessionCreatedAt("lifetime-end", createdAt, lifetimeEndsAt);
    const before = await sessionRow(token);
    const result = await me(withSession(token));
    expect(result.me?.id).toBe(userId);
    expect(sessionCookieOf(result.response.headers)).toBeUndefined();
    expect(await sessionRow(token)).toEqual(before);
  });

  it("a session past its maximum lifetime is no one's, even before its expiresAt, and is not renewed", async () => {
    // Renewed before the maximum lifetime was lowered, say, or before there was one.
    const createdAt = new Date(Date.now() - server.config.sessionMaxLifetimeMilliseconds - 60_000);
    const expiresAt = new Date(Date.now() + 20 * day);
    const { token } = await sessionCreatedAt("lifetime-over", createdAt, expiresAt);
    const result = await me(withSession(token));
    expect(result.me).toBeNull();
    expect(sessionCookieOf(result.response.headers)?.token ?? "").toBe("");
    expect((await sessionRow(token))!.expiresAt).toEqual(expiresAt);
  });

  it("a session that reached its maximum lifetime is swept like any expired one", async () => {
    const createdAt = new Date(Date.now() - server.config.sessionMaxLifetimeMilliseconds + 10 * day);
    const { token, lifetimeEndsAt } = await sessionCreatedAt("lifetime-swept", createdAt, new Date(Date.now() + day));
    expect((await me(withSession(token))).me).not.toBeNull();
    await deleteExpiredRows(server.database.prisma, new Date(lifetimeEndsAt - 1000));
    expect(await sessionRow(token)).not.toBeNull();
    await deleteExpiredRows(server.database.prisma, new Date(lifetimeEndsAt + 1000));
    expect(await sessionRow(token)).toBeNull();
  });
});
