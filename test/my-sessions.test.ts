import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.ts";
import { startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";

// A signed-in user's own sessions: `mySessions` lists them, `signOutSession` ends one. Over real
// HTTP against the real server.

const MySessionsQuery = graphql(`
  query MySessions {
    mySessions { id signedInAt lastSeenAt expiresAt current }
  }
`);

const SignOutSessionMutation = graphql(`
  mutation SignOutSession($id: ID!) {
    signOutSession(id: $id)
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

async function signIn(email: string): Promise<string> {
  const response = await server.send(MySessionsSignInMutation, { input: { identifier: email, password } });
  expect(response.body.data?.signIn.__typename).toBe("SignInSuccess");
  const token = /^session=([^;]+)/.exec(setCookieOf(response.headers) ?? "")?.[1];
  if (!token) throw new Error("signIn set no session cookie");
  return token;
}

/** A new user signed in twice, as on two devices: `first` is the older session. */
async function userOnTwoDevices() {
  const email = `devices${++counter}@example.com`;
  const { id: userId } = await server.createUser({ emailAddress: [email], password });
  const first = await signIn(email);
  const second = await signIn(email);
  return { userId, email, first, second };
}

async function mySessions(token: string) {
  const response = await server.send(MySessionsQuery, {}, withSession(token));
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
      },
      {
        id: firstRow.id,
        signedInAt: firstRow.createdAt.toISOString(),
        lastSeenAt: firstRow.lastSeenAt.toISOString(),
        expiresAt: firstRow.expiresAt.toISOString(),
        current: false,
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
