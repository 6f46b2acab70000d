import { createHash, randomBytes } from "node:crypto";
import { createServer, connect, type AddressInfo, type Socket } from "node:net";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse, print } from "graphql";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { RateLimitedError, rateLimitNames, type RateLimits } from "../src/domain/rate-limits/rate-limits.ts";
import { createLogger } from "../src/logger.ts";
import { rateLimitedNetwork } from "../src/rate-limits/client-address.ts";
import type { RateLimitRules } from "../src/rate-limits/flexible-rate-limits.ts";
import { memoryRateLimits } from "../src/rate-limits/memory-rate-limits.ts";
import { connectRedisRateLimits } from "../src/rate-limits/redis-rate-limits.ts";
import { startTestServer, type RequestOptions, type Response, type TestServer } from "./helpers/server.ts";

// Rate limits (SPEC section 9) over real HTTP, with small limits set through the environment:
// brute force on one account, credential stuffing from one address, sign-ups per address,
// verification mails per address, the admin key, RATE_LIMITS=off, and Redis shared by two servers;
// refunds after a window ends, what a blocked client leaves in Redis, key namespaces, X-Forwarded-For
// spellings, and a Redis that stops answering.

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

const UpdateMe = parse(`
  mutation RateLimitsUpdateMe($input: UpdateMeInput!) {
    updateMe(input: $input) { __typename }
  }
`) as TypedDocumentNode<{ updateMe: { __typename: string } }, { input: { password?: string | null; currentPassword?: string } }>;

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
  return { id: response.body.data!.signUp.user!.id, email, cookie: sessionCookie(response) };
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
        passwordResetRequestsPerClientAddress: { points: 20, windowSeconds: 900 },
        passwordResetMailsPerAddress: { points: 5, windowSeconds: 3600 },
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

  it("gives an account one budget however many identifiers name it, and counts wrong current passwords in it", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IDENTIFIER: "3", SIGN_IN_FAILURE_WINDOW_SECONDS: "600" });
    const [first, second] = [uniqueEmail("first"), uniqueEmail("second")];
    const username = `acct_${randomBytes(4).toString("hex")}`;
    await server.createUser({ emailAddress: [first, second], username, password });
    await expectSignInResult(server, first, wrongPassword, "InvalidCredentialsError");
    await expectSignInResult(server, second, wrongPassword, "InvalidCredentialsError");
    await expectSignInResult(server, username, wrongPassword, "InvalidCredentialsError");
    // Each identifier has failed once, the account three times.
    expectRateLimited(await signIn(server, second, password), 600);
    expectRateLimited(await signIn(server, first, password), 600);

    // A signed-in session guessing its current password uses up the same budget.
    const other = await createUser(server);
    const session = { headers: { cookie: other.cookie } };
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await server.request(UpdateMe, { input: { password: "a brand new password 77", currentPassword: wrongPassword } }, session);
      expect(answer.body.data?.updateMe.__typename).toBe("InvalidCredentialsError");
    }
    expectRateLimited(await signIn(server, other.email, password), 600);
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

  it("lets an address sign in again once a burst of right passwords (an office behind one NAT) has ended", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IP: "2" });
    const users = await Promise.all(Array.from({ length: 8 }, () => createUser(server)));
    const burst = await Promise.all(users.map((user) => signIn(server, user.email, password)));
    // Attempts in progress count until they succeed, so some of the burst is refused…
    expect(burst.map((response) => response.status)).toContain(429);
    for (const response of burst.filter((answered) => answered.status === 200)) {
      expect(response.body.data?.signIn.__typename).toBe("SignInSuccess");
    }
    // …but what was refused is not counted, so the address is not locked for the window.
    for (const user of users) await expectSignInResult(server, user.email, password, "SignInSuccess");
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

  it("reads X-Forwarded-For entries with a port, bracketed IPv6, and falls back to the socket's address for anything else", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IP: "2", TRUST_PROXY: "1" });
    const from = (address: string) => ({ headers: { "x-forwarded-for": address } });
    // The port a proxy appends changes with every connection: it is still one client.
    await expectSignInResult(server, uniqueEmail("port"), wrongPassword, "InvalidCredentialsError", from("203.0.113.5:40000"));
    await expectSignInResult(server, uniqueEmail("port"), wrongPassword, "InvalidCredentialsError", from("203.0.113.5:40001"));
    expectRateLimited(await signIn(server, uniqueEmail("port"), wrongPassword, from("203.0.113.5")), 15 * 60);
    // A bracketed IPv6 address with a port is counted by its /64 like any other.
    await expectSignInResult(server, uniqueEmail("v6"), wrongPassword, "InvalidCredentialsError", from("[2001:db8:1:2::1]:443"));
    await expectSignInResult(server, uniqueEmail("v6"), wrongPassword, "InvalidCredentialsError", from("[2001:db8:1:2::2]:8443"));
    expectRateLimited(await signIn(server, uniqueEmail("v6"), wrongPassword, from("2001:db8:1:2::3")), 15 * 60);
    // Two IPv4 clients written as IPv4-mapped IPv6 stay two clients.
    await expectSignInResult(server, uniqueEmail("mapped"), wrongPassword, "InvalidCredentialsError", from("0:0:0:0:0:ffff:198.51.100.7"));
    await expectSignInResult(server, uniqueEmail("mapped"), wrongPassword, "InvalidCredentialsError", from("0:0:0:0:0:ffff:203.0.113.9"));
    await expectSignInResult(server, uniqueEmail("mapped"), wrongPassword, "InvalidCredentialsError", from("::ffff:c633:6407"));
    expectRateLimited(await signIn(server, uniqueEmail("mapped"), wrongPassword, from("198.51.100.7")), 15 * 60);
    // What is no address cannot make a new client of every request: it counts as the proxy's peer.
    await expectSignInResult(server, uniqueEmail("junk"), wrongPassword, "InvalidCredentialsError", from("junk-1"));
    await expectSignInResult(server, uniqueEmail("junk"), wrongPassword, "InvalidCredentialsError", from("junk-2"));
    expectRateLimited(await signIn(server, uniqueEmail("junk"), wrongPassword, from("junk-3")), 15 * 60);
  });

  it.each([
    ["198.51.100.7", "198.51.100.7"],
    ["::ffff:198.51.100.7", "198.51.100.7"],
    ["0:0:0:0:0:ffff:198.51.100.7", "198.51.100.7"],
    ["0:0:0:0:0:FFFF:c633:6407", "198.51.100.7"],
    ["::ffff:c633:6407", "198.51.100.7"],
    ["::ffff:cb00:7109", "203.0.113.9"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:3:4:198.51.100.7", "2001:db8:1:2::/64"],
    ["64:ff9b::198.51.100.7", "64:ff9b:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
  ])("counts %s as %s", (address, network) => {
    expect(rateLimitedNetwork(address)).toBe(network);
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

  it("counts each operation of a batched request under the client's address", async () => {
    const server = await start({ SIGN_UPS_PER_IP: "2", SIGN_UP_WINDOW_SECONDS: "120" });
    const batchedSignUp = async () => {
      const response = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([{ query: print(SignUp), variables: { input: { email: uniqueEmail("batched"), password } } }]),
      });
      const [result] = (await response.json()) as Array<Response<{ signUp: Result }>["body"]>;
      return result!;
    };
    expect((await batchedSignUp()).data?.signUp.__typename).toBe("SignUpSuccess");
    expect((await batchedSignUp()).data?.signUp.__typename).toBe("SignUpSuccess");
    // The same client, whichever way it sends its operations.
    expectRateLimited(await server.request(SignUp, { input: { email: uniqueEmail("plain"), password } }), 120);
    expect((await batchedSignUp()).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
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

describe("refunds", () => {
  const oneSecondRules = Object.fromEntries(rateLimitNames.map((name) => [name, { points: 2, windowSeconds: 1 }])) as RateLimitRules;
  const limit = "signInFailuresPerIdentifier";
  const keySecret = "a test's key of at least 32 characters";
  const nextWindow = () => new Promise((resolve) => setTimeout(resolve, 1_100));

  async function expectLimitOfTwo(rateLimits: RateLimits, key: string, alreadyCounted = 0) {
    for (let use = alreadyCounted; use < 2; use++) await rateLimits.consume(limit, key);
    await expect(rateLimits.consume(limit, key)).rejects.toBeInstanceOf(RateLimitedError);
  }

  /** Each way a refund could leave a window more than its limit, on one store. */
  async function expectRefundsWithinTheLimit(rateLimits: RateLimits) {
    // Into a window that has ended, and more refunds than uses: nothing, and no key made.
    const ended = [await rateLimits.consume(limit, "ended"), await rateLimits.consume(limit, "ended")];
    await nextWindow();
    for (let refund = 0; refund < 3; refund++) for (const use of ended) await rateLimits.refund(use);
    await expectLimitOfTwo(rateLimits, "ended");

    // The same use refunded three times in its live window: once.
    const live = await rateLimits.consume(limit, "live");
    for (let refund = 0; refund < 3; refund++) await rateLimits.refund(live);
    await expectLimitOfTwo(rateLimits, "live");

    // A use from an ended window, refunded while the next one counts: the next one keeps its count.
    const earlier = await rateLimits.consume(limit, "later");
    await nextWindow();
    await rateLimits.consume(limit, "later");
    await rateLimits.refund(earlier);
    await expectLimitOfTwo(rateLimits, "later", 1);

    // Refused attempts add nothing: once the counted ones are given back, the key is free again.
    const counted = [await rateLimits.consume(limit, "refused"), await rateLimits.consume(limit, "refused")];
    for (let refused = 0; refused < 5; refused++) await expect(rateLimits.consume(limit, "refused")).rejects.toBeInstanceOf(RateLimitedError);
    for (const use of counted) await rateLimits.refund(use);
    await expectLimitOfTwo(rateLimits, "refused");
  }

  it("gives a use back only to the window that counted it, once, and counts no refused attempt, in memory", async () => {
    await expectRefundsWithinTheLimit(memoryRateLimits(oneSecondRules, keySecret));
  });

  it("gives a use back only to the window that counted it, once, and counts no refused attempt, in Redis, creating no key", async () => {
    const prefix = `identity-test-${randomBytes(8).toString("hex")}`;
    const redis = new Redis("redis://127.0.0.1:6379");
    const settings = { keyPrefix: prefix, keySecret, rules: oneSecondRules };
    const { rateLimits, close } = await connectRedisRateLimits("redis://127.0.0.1:6379", settings, createLogger("silent"));
    try {
      const ended = await rateLimits.consume(limit, "gone");
      await nextWindow();
      await rateLimits.refund(ended);
      expect(await redis.keys(`${prefix}:*`)).toEqual([]);
      await expectRefundsWithinTheLimit(rateLimits);
    } finally {
      await close();
      redis.disconnect();
    }
  });
});

describe("rate-limit keys", () => {
  it("leaves no counter in Redis for the identifiers of a client whose address is blocked", async () => {
    const prefix = `identity-test-${randomBytes(8).toString("hex")}`;
    const server = await start({ REDIS_URL: "redis://127.0.0.1:6379", RATE_LIMIT_KEY_PREFIX: prefix, SIGN_IN_FAILURES_PER_IP: "2" });
    const redis = new Redis("redis://127.0.0.1:6379");
    try {
      for (let attempt = 0; attempt < 2; attempt++) await expectSignInResult(server, uniqueEmail("blocked"), wrongPassword, "InvalidCredentialsError");
      const identifierKeys = () => redis.keys(`${prefix}:signInFailuresPerIdentifier:*`);
      expect(await identifierKeys()).toHaveLength(2);
      for (let attempt = 0; attempt < 50; attempt++) expectRateLimited(await signIn(server, uniqueEmail("blocked"), wrongPassword), 15 * 60);
      expect(await identifierKeys()).toHaveLength(2);
    } finally {
      redis.disconnect();
    }
  });

  it("stores keyed digests, which no one without SECRET_KEY can match to an address or an email by trying them", async () => {
    const prefix = `identity-test-${randomBytes(8).toString("hex")}`;
    const redis = new Redis("redis://127.0.0.1:6379");
    try {
      const keysWith = async (secretKey: string) => {
        const server = await startTestServer({ OUTBOX_POLL_MILLISECONDS: "0", REDIS_URL: "redis://127.0.0.1:6379", RATE_LIMIT_KEY_PREFIX: prefix, SECRET_KEY: secretKey });
        try {
          await expectSignInResult(server, "guessable@example.com", wrongPassword, "InvalidCredentialsError");
        } finally {
          await server.close();
        }
        const keys = await redis.keys(`${prefix}:*`);
        await redis.del(...keys);
        return keys.sort();
      };
      const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");
      const first = await keysWith("one secret key of at least 32 characters");
      expect(first).toHaveLength(2);
      for (const plain of ["127.0.0.1", "::ffff:127.0.0.1", "identifier:guessable@example.com"]) {
        for (const key of first) expect(key.endsWith(`:${sha256(plain)}`)).toBe(false);
      }
      // Another key, other digests of the same address and identifier.
      const second = await keysWith("another secret key of at least 32 characters");
      expect(second).toHaveLength(2);
      expect(second.some((key) => first.includes(key))).toBe(false);
    } finally {
      redis.disconnect();
    }
  });

  it("counts a current-password check under the account, which no sign-in identifier can stand for", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IDENTIFIER: "3" });
    const victim = await createUser(server);
    for (const identifier of [`user:${victim.id}`, `account:${victim.id}`]) {
      for (let attempt = 0; attempt < 3; attempt++) await expectSignInResult(server, identifier, wrongPassword, "InvalidCredentialsError");
    }
    const changed = await server.request(
      UpdateMe,
      { input: { password: "difference engine drawings 1822", currentPassword: password } },
      { headers: { cookie: victim.cookie } },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.data?.updateMe.__typename).toBe("UpdateMeSuccess");
  });

  it("counts identifiers too long to name anyone under one key", async () => {
    const server = await start({ SIGN_IN_FAILURES_PER_IDENTIFIER: "2" });
    const overlong = (letter: string) => letter.repeat(100_000);
    await expectSignInResult(server, overlong("a"), wrongPassword, "InvalidCredentialsError");
    await expectSignInResult(server, overlong("b"), wrongPassword, "InvalidCredentialsError");
    expectRateLimited(await signIn(server, overlong("c"), wrongPassword), 15 * 60);
    await expectSignInResult(server, uniqueEmail("short"), wrongPassword, "InvalidCredentialsError");
  });
});

describe("a Redis that stops answering", () => {
  /** A TCP proxy in front of the local Redis whose connections can be frozen: connected, but silent. */
  async function freezableRedisProxy() {
    const sockets = new Set<Socket>();
    let frozen = false;
    const proxy = createServer((client) => {
      const upstream = connect(6379, "127.0.0.1");
      for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
        sockets.add(from);
        if (frozen) from.pause();
        from.on("data", (chunk) => to.write(chunk));
        from.on("close", () => {
          sockets.delete(from);
          to.destroy();
        });
        from.on("error", () => to.destroy());
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const setFrozen = (value: boolean) => {
      frozen = value;
      for (const socket of sockets) {
        if (value) socket.pause();
        else socket.resume();
      }
    };
    return {
      url: `redis://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      freeze: () => setFrozen(true),
      close: async () => {
        setFrozen(false);
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => proxy.close(resolve));
      },
    };
  }

  async function answeredWithin<T>(milliseconds: number, pending: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${milliseconds} ms`)), milliseconds);
    });
    try {
      return await Promise.race([pending, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  it("keeps sign-in and verification mails answering, counted in memory", async () => {
    const proxy = await freezableRedisProxy();
    const server = await startTestServer({
      OUTBOX_POLL_MILLISECONDS: "0",
      REDIS_URL: proxy.url,
      RATE_LIMIT_KEY_PREFIX: `identity-test-${randomBytes(8).toString("hex")}`,
      SIGN_IN_FAILURES_PER_IDENTIFIER: "2",
    });
    try {
      const user = await createUser(server);
      proxy.freeze();
      // Each of a sign-in's (up to four) calls to Redis gives up after 500 ms, then counts in memory.
      const signedIn = await answeredWithin(4_000, signIn(server, user.email, password));
      expect(signedIn.body.data?.signIn.__typename, JSON.stringify(signedIn.body)).toBe("SignInSuccess");
      // The limits still hold, in this instance's memory.
      for (let attempt = 0; attempt < 2; attempt++) {
        const failed = await answeredWithin(4_000, signIn(server, user.email, wrongPassword));
        expect(failed.body.data?.signIn.__typename).toBe("InvalidCredentialsError");
      }
      expectRateLimited(await answeredWithin(4_000, signIn(server, user.email, password)), 15 * 60);
      const mailed = await answeredWithin(8_000, server.request(RequestEmailVerification, {}, { headers: { cookie: user.cookie } }));
      expect(mailed.body.data?.requestEmailVerification.__typename, JSON.stringify(mailed.body)).toBe("RequestEmailVerificationSuccess");
    } finally {
      await proxy.close();
      await server.close();
    }
  });
});
