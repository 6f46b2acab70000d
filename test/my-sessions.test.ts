import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { getNamedType, GraphQLInterfaceType, GraphQLObjectType, print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endOtherOwnSessions } from "../src/domain/sessions/own-sessions.ts";
import { schema } from "../src/schema/index.ts";
import { graphql } from "./generated/gql.ts";
import { startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";

// A signed-in user's own sessions: `mySessions` lists them (with where each was opened from),
// `signOutSession` ends one, `signOutOtherSessions` all but the request's own. Over real HTTP
// against the real server.

const MySessionsQuery = graphql(`
  query MySessions {
    mySessions { id signedInAt lastSeenAt expiresAt current userAgent ipAddress }
  }
`);

const SignOutSessionMutation = graphql(`
  mutation SignOutSession($id: ID!) {
    signOutSession(id: $id)
  }
`);

const SignOutOtherSessionsMutation = graphql(`
  mutation SignOutOtherSessions {
    signOutOtherSessions
  }
`);

const MySessionsSignUpMutation = graphql(`
  mutation MySessionsSignUp($input: SignUpInput!) {
    signUp(input: $input) { __typename }
  }
`);

const MySessionsSignInMutation = graphql(`
  mutation MySessionsSignIn($input: SignInInput!) {
    signIn(input: $input) { __typename }
  }
`);

const MySessionsMeQuery = graphql(`
  query MySessionsMe {
    me { id }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server.close());

let counter = 0;
const password = "analytical engine notes 1843";
const day = 24 * 60 * 60 * 1000;
const withSession = (token: string): RequestOptions => ({ headers: { cookie: `session=${token}` } });
const tokenHashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const setCookieOf = (headers: Headers) => headers.getSetCookie().find((cookie) => cookie.startsWith("session="));

function sessionTokenOf(headers: Headers): string {
  const token = /^session=([^;]+)/.exec(setCookieOf(headers) ?? "")?.[1];
  if (!token) throw new Error("no session cookie set");
  return token;
}

async function signIn(email: string, headers: Record<string, string> = {}, on = server): Promise<string> {
  const response = await on.send(MySessionsSignInMutation, { input: { identifier: email, password } }, { headers });
  expect(response.body.data?.signIn.__typename).toBe("SignInSuccess");
  return sessionTokenOf(response.headers);
}

/** A new user signed in twice, as on two devices: `first` is the older session. */
async function userOnTwoDevices() {
  const email = `devices${++counter}@example.com`;
  const { id: userId } = await server.createUser({ emailAddress: [email], password });
  const first = await signIn(email);
  const second = await signIn(email);
  return { userId, email, first, second };
}

async function mySessions(token: string, on = server) {
  const response = await on.send(MySessionsQuery, {}, withSession(token));
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.mySessions;
}

async function signOutSession(token: string, id: string) {
  const response = await server.send(SignOutSessionMutation, { id }, withSession(token));
  expect(response.body.errors).toBeUndefined();
  return { ended: response.body.data!.signOutSession, setCookie: setCookieOf(response.headers) };
}

async function meOf(token: string) {
  return (await server.send(MySessionsMeQuery, {}, withSession(token))).body.data?.me ?? null;
}

const sessionRow = (token: string) => server.database.prisma.session.findUniqueOrThrow({ where: { tokenHash: tokenHashOf(token) } });

describe("mySessions", () => {
  it("lists the user's sessions, newest first, the request's own as current, and no one else's", async () => {
    const { first, second } = await userOnTwoDevices();
    const bystander = await userOnTwoDevices();
    const [firstRow, secondRow] = [await sessionRow(first), await sessionRow(second)];

    const listed = await mySessions(second);
    expect(listed).toEqual([
      {
        id: secondRow.id,
        signedInAt: secondRow.createdAt.toISOString(),
        lastSeenAt: secondRow.lastSeenAt.toISOString(),
        expiresAt: secondRow.expiresAt.toISOString(),
        current: true,
        userAgent: secondRow.userAgent,
        ipAddress: secondRow.ipAddress,
      },
      {
        id: firstRow.id,
        signedInAt: firstRow.createdAt.toISOString(),
        lastSeenAt: firstRow.lastSeenAt.toISOString(),
        expiresAt: firstRow.expiresAt.toISOString(),
        current: false,
        userAgent: firstRow.userAgent,
        ipAddress: firstRow.ipAddress,
      },
    ]);
    expect((await mySessions(first)).map((session) => [session.id, session.current])).toEqual([
      [secondRow.id, false],
      [firstRow.id, true],
    ]);
    // Neither a token nor its hash: the list must not be a way to sign in.
    const answer = JSON.stringify(listed);
    for (const token of [first, second]) {
      expect(answer).not.toContain(token);
      expect(answer).not.toContain(tokenHashOf(token));
    }
    const bystanderIds = (await mySessions(bystander.first)).map((session) => session.id);
    expect(bystanderIds).toHaveLength(2);
    expect(bystanderIds).not.toContain(firstRow.id);
  });

  it("leaves out expired sessions and those past their maximum lifetime, and ends none later than that lifetime", async () => {
    const { email, first, second } = await userOnTwoDevices();
    const [expired, outlived, renewedLong] = [await signIn(email), await signIn(email), await signIn(email)];
    const now = Date.now();
    const maxLifetime = server.config.sessionMaxLifetimeMilliseconds;
    const { prisma } = server.database;
    await prisma.session.update({ where: { tokenHash: tokenHashOf(expired) }, data: { expiresAt: new Date(now - 60_000) } });
    await prisma.session.update({
      where: { tokenHash: tokenHashOf(outlived) },
      data: { createdAt: new Date(now - maxLifetime - 60_000), expiresAt: new Date(now + day) },
    });
    // Renewed before the maximum lifetime was lowered, say: it still ends at the lifetime's end.
    const renewedCreatedAt = new Date(now - maxLifetime + day);
    await prisma.session.update({
      where: { tokenHash: tokenHashOf(renewedLong) },
      data: { createdAt: renewedCreatedAt, expiresAt: new Date(now + 20 * day) },
    });

    const listed = await mySessions(second);
    const ids = async (...tokens: string[]) => Promise.all(tokens.map(async (token) => (await sessionRow(token)).id));
    expect(listed.map((session) => session.id)).toEqual(await ids(second, first, renewedLong));
    expect(listed[2]).toMatchObject({
      signedInAt: renewedCreatedAt.toISOString(),
      expiresAt: new Date(renewedCreatedAt.getTime() + maxLifetime).toISOString(),
    });
  });

  it("needs a session: UNAUTHENTICATED without one, also with the admin key", async () => {
    for (const options of [{}, { admin: true }, withSession("A".repeat(43))]) {
      const response = await server.request(MySessionsQuery, {}, options);
      expect(response.status).toBe(401);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
      expect(response.body.data ?? null).toBeNull();
    }
  });
});

describe("signOutSession", () => {
  it("ends another session of the user's: that device is signed out, this one stays, its cookie untouched", async () => {
    const { userId, first, second } = await userOnTwoDevices();
    const { id } = await sessionRow(first);
    expect(await signOutSession(second, id)).toEqual({ ended: true, setCookie: undefined });
    expect(await meOf(first)).toBeNull();
    expect(await meOf(second)).toEqual({ id: userId });
    expect((await mySessions(second)).map((session) => session.current)).toEqual([true]);
    // Ended already.
    expect((await signOutSession(second, id)).ended).toBe(false);
  });

  it("takes the id in capitals too", async () => {
    const { first, second } = await userOnTwoDevices();
    const { id } = await sessionRow(first);
    expect((await signOutSession(second, id.toUpperCase())).ended).toBe(true);
    expect(await meOf(first)).toBeNull();
  });

  it("is false for another user's session, which stays, as for an unknown or malformed id", async () => {
    const mine = await userOnTwoDevices();
    const theirs = await userOnTwoDevices();
    const { id: theirId } = await sessionRow(theirs.first);
    for (const id of [theirId, "01900000-0000-7000-8000-000000000000", "not-a-session-id", ""]) {
      expect(await signOutSession(mine.first, id), id).toEqual({ ended: false, setCookie: undefined });
    }
    expect(await meOf(theirs.first)).toEqual({ id: theirs.userId });
    expect(await meOf(mine.first)).toEqual({ id: mine.userId });
  });

  it("is false for an expired session of the user's", async () => {
    const { first, second } = await userOnTwoDevices();
    const { id } = await server.database.prisma.session.update({
      where: { tokenHash: tokenHashOf(first) },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    expect((await signOutSession(second, id)).ended).toBe(false);
  });

  it("ends the request's own session and clears its cookie", async () => {
    const { userId, first, second } = await userOnTwoDevices();
    const { id } = await sessionRow(second);
    const { ended, setCookie } = await signOutSession(second, id);
    expect(ended).toBe(true);
    expect(setCookie).toMatch(/^session=;.*Max-Age=0/);
    expect(await meOf(second)).toBeNull();
    expect(await meOf(first)).toEqual({ id: userId });
  });

  it("needs a session: UNAUTHENTICATED without one, and ends nothing", async () => {
    const { userId, first } = await userOnTwoDevices();
    const { id } = await sessionRow(first);
    for (const options of [{}, { admin: true }]) {
      const response = await server.request(SignOutSessionMutation, { id }, options);
      expect(response.status).toBe(401);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    }
    expect(await meOf(first)).toEqual({ id: userId });
  });

  it("changes the cookie, so a document cannot send it beside a sign-out", async () => {
    const { userId, first, second } = await userOnTwoDevices();
    const { id } = await sessionRow(first);
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `session=${second}` },
      body: JSON.stringify({ query: `mutation M($id: ID!) { signOutSession(id: $id) signOut }`, variables: { id } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(await meOf(first)).toEqual({ id: userId });
    expect(await meOf(second)).toEqual({ id: userId });
  });
});

describe("where a session was opened from", () => {
  const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
  const phoneApp = "ExampleApp/4.2 (iPhone; iOS 18.1)";

  it("keeps the User-Agent and client address of each sign-in, for mySessions to show", async () => {
    const email = `opened${++counter}@example.com`;
    await server.createUser({ emailAddress: [email], password });
    const laptop = await signIn(email, { "user-agent": firefox });
    const phone = await signIn(email, { "user-agent": phoneApp });
    // The server listens on 127.0.0.1: the socket's peer, as the rate limits count it.
    expect((await mySessions(phone)).map(({ userAgent, ipAddress, current }) => ({ userAgent, ipAddress, current }))).toEqual([
      { userAgent: phoneApp, ipAddress: "127.0.0.1", current: true },
      { userAgent: firefox, ipAddress: "127.0.0.1", current: false },
    ]);
    expect(await sessionRow(laptop)).toMatchObject({ userAgent: firefox, ipAddress: "127.0.0.1" });
  });

  it("keeps the sign-up's too", async () => {
    const response = await server.send(
      MySessionsSignUpMutation,
      { input: { email: `signed-up${++counter}@example.com`, password } },
      { headers: { "user-agent": firefox } },
    );
    expect(response.body.data?.signUp.__typename).toBe("SignUpSuccess");
    expect(await mySessions(sessionTokenOf(response.headers))).toMatchObject([{ userAgent: firefox, ipAddress: "127.0.0.1", current: true }]);
  });

  it("cuts a User-Agent to its first 512 characters", async () => {
    const email = `long-agent${++counter}@example.com`;
    await server.createUser({ emailAddress: [email], password });
    const long = `${"Mozilla/5.0 ".repeat(100)}end`;
    const [session] = await mySessions(await signIn(email, { "user-agent": long }));
    expect(session?.userAgent).toBe(long.slice(0, 512));
  });

  it("is null without a User-Agent header", async () => {
    const email = `no-agent${++counter}@example.com`;
    await server.createUser({ emailAddress: [email], password });
    const [session] = await mySessions(await signInWithoutUserAgent(email));
    expect(session).toMatchObject({ userAgent: null, ipAddress: "127.0.0.1" });
  });

  it("takes the address from X-Forwarded-For only behind TRUST_PROXY proxies, as the rate limits do, and keeps all of it", async () => {
    const email = `forwarded${++counter}@example.com`;
    await server.createUser({ emailAddress: [email], password });
    const direct = await signIn(email, { "x-forwarded-for": "203.0.113.9" });
    expect((await sessionRow(direct)).ipAddress).toBe("127.0.0.1");

    const behindProxy = await startTestServer({ RATE_LIMITS: "off", TRUST_PROXY: "1" });
    try {
      await behindProxy.createUser({ emailAddress: [email], password });
      const addressOf = async (forwardedFor: string) => {
        const [session] = await mySessions(await signIn(email, { "x-forwarded-for": forwardedFor }, behindProxy), behindProxy);
        return session!.ipAddress;
      };
      // Only the entry the one trusted proxy appended: the rest is whatever the client sent.
      expect(await addressOf("198.51.100.1, 203.0.113.9")).toBe("203.0.113.9");
      expect(await addressOf("::ffff:203.0.113.10")).toBe("203.0.113.10");
      // The client's own address, not the /64 network its rate limits count.
      expect(await addressOf("2001:db8:1:2::1")).toBe("2001:db8:1:2::1");
      // What is no address counts as the proxy's.
      expect(await addressOf("not-an-address")).toBe("127.0.0.1");
    } finally {
      await behindProxy.close();
    }
  });

  it("is shown to the session's owner only: no other field of the schema reaches a session", () => {
    const reachingSessions = Object.values(schema.getTypeMap())
      .filter((type) => type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType)
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ name: `${type.name}.${field.name}`, type: getNamedType(field.type).name })))
      .filter((field) => field.type === "Session" || /\.(userAgent|ipAddress)$/.test(field.name));
    expect(reachingSessions.map((field) => field.name).sort()).toEqual(["Query.mySessions", "Session.ipAddress", "Session.userAgent"]);
  });
});

describe("signOutOtherSessions", () => {
  async function signOutOtherSessions(token: string) {
    const response = await server.send(SignOutOtherSessionsMutation, {}, withSession(token));
    expect(response.body.errors).toBeUndefined();
    return { ended: response.body.data!.signOutOtherSessions, setCookie: setCookieOf(response.headers) };
  }

  it("ends every other session of the user's, answers how many, and keeps this one and its cookie", async () => {
    const { userId, email, first, second } = await userOnTwoDevices();
    const third = await signIn(email);
    const bystander = await userOnTwoDevices();

    expect(await signOutOtherSessions(second)).toEqual({ ended: 2, setCookie: undefined });
    expect(await meOf(first)).toBeNull();
    expect(await meOf(third)).toBeNull();
    expect(await meOf(second)).toEqual({ id: userId });
    expect((await mySessions(second)).map((session) => session.current)).toEqual([true]);
    expect(await meOf(bystander.first)).toEqual({ id: bystander.userId });
    expect(await meOf(bystander.second)).toEqual({ id: bystander.userId });
    // Nothing left to end.
    expect(await signOutOtherSessions(second)).toEqual({ ended: 0, setCookie: undefined });
  });

  it("counts the open sessions only, as mySessions lists them", async () => {
    const { first, second } = await userOnTwoDevices();
    await server.database.prisma.session.update({ where: { tokenHash: tokenHashOf(first) }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect((await signOutOtherSessions(second)).ended).toBe(0);
  });

  it("ends none once the request's own session has ended", async () => {
    const { userId, first, second } = await userOnTwoDevices();
    const [{ id: endedId }, { id: firstId }] = [await sessionRow(second), await sessionRow(first)];
    await server.database.prisma.session.delete({ where: { id: endedId } });
    const ended = await endOtherOwnSessions(
      { prisma: server.database.prisma, sessionMaxLifetimeMilliseconds: server.config.sessionMaxLifetimeMilliseconds },
      { userId, sessionId: endedId },
    );
    expect(ended).toBe(0);
    expect((await sessionRow(first)).id).toBe(firstId);
  });

  it("needs a session: UNAUTHENTICATED without one, also with the admin key, and ends nothing", async () => {
    const { userId, first, second } = await userOnTwoDevices();
    for (const options of [{}, { admin: true }, withSession("A".repeat(43))]) {
      const response = await server.request(SignOutOtherSessionsMutation, {}, options);
      expect(response.status).toBe(401);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
      expect(response.body.data ?? null).toBeNull();
    }
    expect(await meOf(first)).toEqual({ id: userId });
    expect(await meOf(second)).toEqual({ id: userId });
  });
});

/** Signs in over node:http, which, unlike fetch, sends no User-Agent unless told to. */
async function signInWithoutUserAgent(email: string): Promise<string> {
  const url = new URL(server.url);
  const body = JSON.stringify({ query: print(MySessionsSignInMutation), variables: { input: { identifier: email, password } } });
  const setCookies = await new Promise<string[]>((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json" } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.headers["set-cookie"] ?? []));
      },
    );
    request.on("error", reject);
    expect(request.getHeader("user-agent")).toBeUndefined();
    request.end(body);
  });
  const token = /^session=([^;]+)/.exec(setCookies.find((cookie) => cookie.startsWith("session=")) ?? "")?.[1];
  if (!token) throw new Error("signIn set no session cookie");
  return token;
}
