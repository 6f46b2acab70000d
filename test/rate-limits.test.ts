import { randomBytes } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { startTestServer, type RequestOptions, type Response, type TestServer } from "./helpers/server.ts";

// Rate limits (SPEC section 9) over real HTTP, with small limits set through the environment:
// brute force on one account, credential stuffing from one address, sign-ups per address,
// verification mails per address, the admin key, RATE_LIMITS=off, and Redis shared by two servers.

type Result = { __typename: string; user?: { id: string } };

const SignIn = parse(`
  mutation RateLimitsSignIn($input: SignInInput!) {
    signIn(input: $input) { __typename ... on SignInSuccess { user { id } } }
  }
`) as TypedDocumentNode<{ signIn: Result }, { input: { identifier: string; password: string } }>;

const SignUp = parse(`
  mutation RateLimitsSignUp($input: SignUpInput!) {
    signUp(input: $input) { __typename ... on SignUpSuccess { user { id } } }
  }
`) as TypedDocumentNode<{ signUp: Result }, { input: { email: string; password: string; verifyEmail?: boolean } }>;

const RequestEmailVerification = parse(`
  mutation RateLimitsRequestEmailVerification {
    requestEmailVerification { __typename }
  }
`) as TypedDocumentNode<{ requestEmailVerification: { __typename: string } }, Record<string, never>>;

const password = "analytical engine notes 1843";
const wrongPassword = "not the password at all";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(environment: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer({ OUTBOX_POLL_MILLISECONDS: "0", ...environment });
  servers.push(server);
  return server;
}

let counter = 0;
const uniqueEmail = (prefix: string) => `${prefix}-${++counter}-${randomBytes(3).toString("hex")}@example.com`;

/** A user made with the admin key, which no limit applies to. */
async function createUser(server: TestServer, email = uniqueEmail("user")) {
  const response = await server.request(SignUp, { input: { email, password } }, { admin: true });
  expect(response.body.data?.signUp.__typename, JSON.stringify(response.body)).toBe("SignUpSuccess");
  return { email, cookie: sessionCookie(response) };
}

function sessionCookie(response: Response<unknown>): string {
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("session="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0]!;
}

async function signIn(server: TestServer, identifier: string, secret: string, options?: RequestOptions) {
  return server.request(SignIn, { input: { identifier, password: secret } }, options);
}

async function expectSignInResult(server: TestServer, identifier: string, secret: string, typename: string, options?: RequestOptions) {
  const response = await signIn(server, identifier, secret, options);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.data?.signIn.__typename).toBe(typename);
}

function expectRateLimited(response: Response<unknown>, maximumSeconds: number) {
  expect(response.status, JSON.stringify(response.body)).toBe(429);
  const error = response.body.errors?.[0];
  expect(error?.extensions?.code).toBe("RATE_LIMITED");
  const retryAfter = error?.extensions?.retryAfter as number;
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maximumSeconds);
  expect(Number(response.headers.get("retry-after"))).toBe(retryAfter);
  expect(error?.message).toBe(`Too many attempts: try again in ${retryAfter} seconds.`);
}

describe("configuration", () => {
  it("has SPEC section 9's defaults, each configurable, and RATE_LIMITS=off drops them all", () => {
    expect(loadConfig({}).rateLimits).toEqual({
      keyPrefix: "identity-rate-limit",
      rules: {
        signInFailuresPerIdentifier: { points: 10, windowSeconds: 900 },
        signInFailuresPerClientAddress: { points: 100, windowSeconds: 900 },
        signUpsPerClientAddress: { points: 30, windowSeconds: 300 },
        verificationMailsPerAddress: { points: 5, windowSeconds: 3600 },
      },
    });
    expect(loadConfig({ SIGN_UPS_PER_IP: "7" }).rateLimits?.rules.signUpsPerClientAddress.points).toBe(7);
    expect(loadConfig({ RATE_LIMITS: "off" }).rateLimits).toBeUndefined();
    expect(loadConfig({}).trustedProxyHops).toBe(0);
    expect(() => loadConfig({ SIGN_IN_FAILURES_PER_IP: "0" })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMITS: "maybe" })).toThrow(/RATE_LIMITS/);
  });
});

describe("failed sign-ins per identifier", () => {
  it("stops guessing one account after the limit, even with the right password, and leaves other accounts alone", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IDENTIFIER: "3", SIGN_IN_FAILURE_WINDOW_SECONDS: "600" });
    const target = await createUser(server);
    const other = await createUser(server);
    for (let attempt = 0; attempt < 3; attempt++) await expectSignInResult(server, target.email, wrongPassword, "InvalidCredentialsError");
    expectRateLimited(await signIn(server, target.email, password), 600);
    // Case and spacing do not make another identifier.
    expectRateLimited(await signIn(server, `  ${target.email.toUpperCase()} `, wrongPassword), 600);
    await expectSignInResult(server, other.email, password, "SignInSuccess");
  });

  it("counts unknown identifiers like known ones", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IDENTIFIER: "2" });
    const unknown = uniqueEmail("nobody");
    for (let attempt = 0; attempt < 2; attempt++) await expectSignInResult(server, unknown, wrongPassword, "InvalidCredentialsError");
    expectRateLimited(await signIn(server, unknown, wrongPassword), 15 * 60);
  });

  it("clears the identifier's failures when a sign-in succeeds", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IDENTIFIER: "3" });
    const user = await createUser(server);
    for (let round = 0; round < 2; round++) {
      for (let attempt = 0; attempt < 2; attempt++) await expectSignInResult(server, user.email, wrongPassword, "InvalidCredentialsError");
      await expectSignInResult(server, user.email, password, "SignInSuccess");
    }
  });

  it("does not count successful sign-ins", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IDENTIFIER: "2", SIGN_IN_FAILURES_PER_IP: "2" });
    const user = await createUser(server);
    for (let attempt = 0; attempt < 5; attempt++) await expectSignInResult(server, user.email, password, "SignInSuccess");
  });
});

describe("failed sign-ins per client address", () => {
  it("stops credential stuffing across many identifiers from one address", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IP: "5" });
    const user = await createUser(server);
    for (let attempt = 0; attempt < 5; attempt++) {
      await expectSignInResult(server, uniqueEmail("stuffed"), wrongPassword, "InvalidCredentialsError");
    }
    expectRateLimited(await signIn(server, uniqueEmail("stuffed"), wrongPassword), 15 * 60);
    expectRateLimited(await signIn(server, user.email, password), 15 * 60);
  });

  it("reads the client address from X-Forwarded-For only behind TRUST_PROXY proxies", async () => {
    const trusting = await start({ SIGN_IN_FAILURES_PER_IP: "2", TRUST_PROXY: "1" });
    const from = (address: string) => ({ headers: { "x-forwarded-for": address } });
    for (let attempt = 0; attempt < 2; attempt++) await expectSignInResult(trusting, uniqueEmail("a"), wrongPassword, "InvalidCredentialsError", from("198.51.100.1"));
    expectRateLimited(await signIn(trusting, uniqueEmail("a"), wrongPassword, from("198.51.100.1")), 15 * 60);
    // Only the entry our proxy added counts: a client cannot prepend its way out.
    expectRateLimited(await signIn(trusting, uniqueEmail("a"), wrongPassword, from("203.0.113.9, 198.51.100.1")), 15 * 60);
    await expectSignInResult(trusting, uniqueEmail("b"), wrongPassword, "InvalidCredentialsError", from("198.51.100.2"));

    const direct = await start({ SIGN_IN_FAILURES_PER_IP: "2" });
    for (let attempt = 0; attempt < 2; attempt++) await expectSignInResult(direct, uniqueEmail("c"), wrongPassword, "InvalidCredentialsError", from(`198.51.100.${attempt + 10}`));
    expectRateLimited(await signIn(direct, uniqueEmail("c"), wrongPassword, from("198.51.100.99")), 15 * 60);
  });

  it("counts an IPv6 client by its /64 network, and an IPv4-mapped address as the IPv4 one", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IP: "2", TRUST_PROXY: "1" });
    const from = (address: string) => ({ headers: { "x-forwarded-for": address } });
    await expectSignInResult(server, uniqueEmail("v6"), wrongPassword, "InvalidCredentialsError", from("2001:db8:1:2::1"));
    await expectSignInResult(server, uniqueEmail("v6"), wrongPassword, "InvalidCredentialsError", from("2001:0DB8:0001:0002:ffff::9"));
    // Any other address of the same /64 is the same client.
    expectRateLimited(await signIn(server, uniqueEmail("v6"), wrongPassword, from("2001:db8:1:2:abcd:1234:5678:9abc")), 15 * 60);
    await expectSignInResult(server, uniqueEmail("v6"), wrongPassword, "InvalidCredentialsError", from("2001:db8:1:3::1"));

    await expectSignInResult(server, uniqueEmail("v4"), wrongPassword, "InvalidCredentialsError", from("198.51.100.7"));
    await expectSignInResult(server, uniqueEmail("v4"), wrongPassword, "InvalidCredentialsError", from("::ffff:198.51.100.7"));
    expectRateLimited(await signIn(server, uniqueEmail("v4"), wrongPassword, from("198.51.100.7")), 15 * 60);
  });
});

describe("sign-ups and verification mails", () => {
  it("limits sign-ups per client address", async () => {
    const server = await start({ SIGN_UPS_PER_IP: "3", SIGN_UP_WINDOW_SECONDS: "120" });
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await server.request(SignUp, { input: { email: uniqueEmail("signup"), password } });
      expect(response.body.data?.signUp.__typename).toBe("SignUpSuccess");
    }
    expectRateLimited(await server.request(SignUp, { input: { email: uniqueEmail("signup"), password } }), 120);
  });

  it("limits verification mails per address, counting the sign-up's", async () => {
    const server = await start({ VERIFICATION_MAILS_PER_ADDRESS: "3" });
    const signedUp = await server.request(SignUp, { input: { email: uniqueEmail("mail"), password, verifyEmail: true } });
    expect(signedUp.body.data?.signUp.__typename).toBe("SignUpSuccess");
    const cookie = { headers: { cookie: sessionCookie(signedUp) } };
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await server.request(RequestEmailVerification, {}, cookie);
      expect(response.body.data?.requestEmailVerification.__typename, JSON.stringify(response.body)).toBe("RequestEmailVerificationSuccess");
    }
    expectRateLimited(await server.request(RequestEmailVerification, {}, cookie), 60 * 60);
  });
});

describe("exemptions", () => {
  it("does not limit requests with a valid admin API key", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IDENTIFIER: "1", SIGN_IN_FAILURES_PER_IP: "1", SIGN_UPS_PER_IP: "1" });
    const user = await createUser(server);
    await createUser(server);
    for (let attempt = 0; attempt < 3; attempt++) {
      await expectSignInResult(server, user.email, wrongPassword, "InvalidCredentialsError", { admin: true });
    }
    await expectSignInResult(server, user.email, password, "SignInSuccess", { admin: true });
  });

  it("turns every limit off with RATE_LIMITS=off", async () => {
    const server = await start({
      RATE_LIMITS: "off",
      SIGN_IN_FAILURES_PER_IDENTIFIER: "1",
      SIGN_IN_FAILURES_PER_IP: "1",
      SIGN_UPS_PER_IP: "1",
      VERIFICATION_MAILS_PER_ADDRESS: "1",
    });
    const signedUp = await server.request(SignUp, { input: { email: uniqueEmail("off"), password, verifyEmail: true } });
    expect(signedUp.body.data?.signUp.__typename).toBe("SignUpSuccess");
    const again = await server.request(RequestEmailVerification, {}, { headers: { cookie: sessionCookie(signedUp) } });
    expect(again.body.data?.requestEmailVerification.__typename).toBe("RequestEmailVerificationSuccess");
    const other = await server.request(SignUp, { input: { email: uniqueEmail("off"), password } });
    expect(other.body.data?.signUp.__typename).toBe("SignUpSuccess");
    for (let attempt = 0; attempt < 3; attempt++) await expectSignInResult(server, uniqueEmail("off"), wrongPassword, "InvalidCredentialsError");
  });
});

describe("Redis (REDIS_URL)", () => {
  it("shares one limit between two servers", async () => {
    const redis = { REDIS_URL: "redis://127.0.0.1:6379", RATE_LIMIT_KEY_PREFIX: `identity-test-${randomBytes(8).toString("hex")}` };
    const first = await start({ ...redis, SIGN_IN_FAILURES_PER_IDENTIFIER: "3" });
    const second = await start({ ...redis, SIGN_IN_FAILURES_PER_IDENTIFIER: "3" });
    const identifier = uniqueEmail("shared");
    await expectSignInResult(first, identifier, wrongPassword, "InvalidCredentialsError");
    await expectSignInResult(second, identifier, wrongPassword, "InvalidCredentialsError");
    await expectSignInResult(first, identifier, wrongPassword, "InvalidCredentialsError");
    expectRateLimited(await signIn(second, identifier, wrongPassword), 15 * 60);
    expectRateLimited(await signIn(first, identifier, wrongPassword), 15 * 60);
    // Another prefix is another deployment: it counts on its own.
    const elsewhere = await start({ ...redis, RATE_LIMIT_KEY_PREFIX: `${redis.RATE_LIMIT_KEY_PREFIX}-other` });
    await expectSignInResult(elsewhere, identifier, wrongPassword, "InvalidCredentialsError");
  });

  it("stops the start when Redis cannot be reached", async () => {
    await expect(startTestServer({ REDIS_URL: "redis://127.0.0.1:1" })).rejects.toThrow(/REDIS_URL/);
  });
});
