import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { connectDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { createServiceDependencies } from "../src/domain/dependencies.ts";
import { requestEmailVerification } from "../src/domain/email-verification/request-email-verification.ts";
import { rateLimitNames, RateLimitedError, type RateLimits } from "../src/domain/rate-limits/rate-limits.ts";
import { SecretBox } from "../src/domain/second-factor/secret-box.ts";
import { createLogger } from "../src/logger.ts";
import { OutboxDispatcher } from "../src/mail/outbox-dispatcher.ts";
import { SmtpMailer } from "../src/mail/smtp-mailer.ts";
import type { RateLimitRules } from "../src/rate-limits/flexible-rate-limits.ts";
import { memoryRateLimits } from "../src/rate-limits/memory-rate-limits.ts";
import { startServer, type RunningServer } from "../src/server.ts";
import { graphql } from "./generated/gql.ts";
import { queuedBehind, untilAStatementWaitsForALock } from "./helpers/lock-waits.ts";
import { closedSmtpUrl, eventually, MailSink, type ReceivedMail } from "./helpers/mail-sink.ts";
import { adminApiKey, startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";

// Email verification (SPEC section 8): verifyEmail on signUp/createUser and requestEmailVerification
// queue a one-time link in the outbox, in the same transaction as the change; the outbox sends it
// over SMTP to a real SMTP server running in this process; verifyEmail(token) verifies the address.

const VerifySignUpMutation = graphql(`
  mutation VerifySignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on SignUpSuccess { user { id email emailVerified } }
      ... on Error { message }
    }
  }
`);

const RacingSignUpMutation = graphql(`
  mutation RacingSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on ConflictError { fields }
    }
  }
`);

const VerifyCreateUserMutation = graphql(`
  mutation VerifyCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on CreateUserSuccess { user { id email emailVerified } }
      ... on Error { message }
    }
  }
`);

const VerifyReplaceAddressesMutation = graphql(`
  mutation VerifyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
    }
  }
`);

const VerifyUpdateUserMutation = graphql(`
  mutation VerifyUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
      ... on UpdateUserSuccess { user { name email emailVerified } }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`);

const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      __typename
      ... on VerifyEmailSuccess { email user { id email emailVerified emailAddresses { email verified primary } } }
      ... on Error { message }
    }
  }
`);

const VerifySignInMutation = graphql(`
  mutation VerifySignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
    }
  }
`);

const VerifyDeleteUserMutation = graphql(`
  mutation VerifyDeleteUser($id: ID!) {
    deleteUser(id: $id) {
      __typename
    }
  }
`);

const RequestEmailVerificationMutation = graphql(`
  mutation RequestEmailVerification($userId: ID) {
    requestEmailVerification(userId: $userId) {
      __typename
      ... on RequestEmailVerificationSuccess { email }
      ... on Error { message }
    }
  }
`);

const publicUrl = "https://id.example.test";
const mailFrom = "Identity Tests <no-reply@identity.example.test>";
const secretKey = "email-verification-test-secret-key-0123456789";
const environment = {
  PUBLIC_URL: publicUrl,
  MAIL_FROM: mailFrom,
  SECRET_KEY: secretKey,
  OUTBOX_POLL_MILLISECONDS: "100",
  RATE_LIMITS: "off",
};

const sink = new MailSink();
let server: TestServer;
beforeAll(async () => {
  await sink.start();
  server = await startTestServer({ ...environment, SMTP_URL: sink.url });
});
afterAll(async () => {
  await server?.close();
  await sink.close();
});

/** Another instance of the server on the same database, as a second replica or a restart would be. */
async function startInstance(database: TestServer["database"], overrides: Record<string, string>): Promise<RunningServer> {
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    ADMIN_API_KEYS: adminApiKey,
    DATABASE_URL: "memory://",
    ...environment,
    ...overrides,
  });
  return startServer(config, database, createLogger(config.logLevel));
}

let counter = 0;
const uniqueEmail = (prefix: string) => `${prefix}.${Date.now().toString(36)}${++counter}@example.com`;
const uniquePhone = () => `+336${String(12_300_000 + ++counter)}`;
const password = "analytical engine notes 1843";

async function send<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  options?: RequestOptions,
  target: TestServer = server,
) {
  const response = await target.request(document, variables, options);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return { data: response.body.data!, headers: response.headers };
}

async function signUp(email: string, extra: Record<string, unknown> = {}, target?: TestServer) {
  const { data, headers } = await send(VerifySignUpMutation, { input: { email, password, verifyEmail: true, ...extra } }, {}, target);
  const session = headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("session="))
    ?.split(";")[0];
  return { result: data.signUp, session };
}

const linkPattern = /(https?:\/\/\S+?\/verify-email\?token=([A-Za-z0-9_-]+))/;

function tokenOf(mail: ReceivedMail): string {
  const match = linkPattern.exec(mail.text);
  if (!match) throw new Error(`no verification link in: ${mail.text}`);
  return decodeURIComponent(match[2]!);
}

async function verify(token: string, options?: RequestOptions) {
  return (await send(VerifyEmailMutation, { token }, options)).data.verifyEmail;
}

/** Every column of both tables as text, to search for anything stored in clear. */
async function storedText(): Promise<string> {
  return server.database.withConnection(async (connection) => {
    const rows = await connection.query<{ row: string }>(
      `SELECT row_to_json(o)::text AS row FROM "OutboxMessage" o
       UNION ALL SELECT row_to_json(t)::text FROM "EmailVerificationToken" t`,
    );
    return rows.map((row) => row.row).join("\n");
  });
}

describe("signUp with verifyEmail", () => {
  it("mails a one-time link over SMTP; the token verifies the address once", async () => {
    const email = uniqueEmail("ada");
    const { result, session } = await signUp(email);
    expect(result).toMatchObject({ __typename: "SignUpSuccess", user: { email, emailVerified: false } });

    const mail = await sink.waitFor(email);
    expect(mail.to).toEqual([email]);
    expect(mail.from).toBe("no-reply@identity.example.test");
    expect(mail.headers).toMatch(/^From: Identity Tests <no-reply@identity\.example\.test>/im);
    expect(mail.headers).toMatch(/^Subject: Confirm your email address/im);
    expect(mail.text).toContain(`${publicUrl}/verify-email?token=`);
    const token = tokenOf(mail);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url

    // Opened where the user is signed in: the result carries the user.
    const verified = await verify(token, { headers: { cookie: session! } });
    expect(verified).toMatchObject({
      __typename: "VerifyEmailSuccess",
      email,
      user: { email, emailVerified: true, emailAddresses: [{ email, verified: true, primary: true }] },
    });

    expect(await verify(token)).toMatchObject({ __typename: "InvalidTokenError" });
  });

  it("tells a link's holder who is not signed in as its user only which address is verified", async () => {
    const email = uniqueEmail("holder");
    const { result } = await signUp(email, { phoneNumber: "+14155552671" });
    if (result.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(result));
    const other = await signUp(uniqueEmail("someone-else"), { verifyEmail: false });
    const token = tokenOf(await sink.waitFor(email));
    expect(await verify(token, { headers: { cookie: other.session! } })).toEqual({ __typename: "VerifyEmailSuccess", email, user: null });
    const stored = await server.database.prisma.emailAddress.findFirstOrThrow({ where: { userId: result.user.id } });
    expect(stored.verified).toBe(true);
  });

  it("gives the user to a request with the admin key", async () => {
    const email = uniqueEmail("admin-opens");
    await signUp(email);
    const verified = await verify(tokenOf(await sink.waitFor(email)), { admin: true });
    expect(verified).toMatchObject({ __typename: "VerifyEmailSuccess", email, user: { email, emailVerified: true } });
  });

  it("refuses a wrong admin key as UNAUTHENTICATED before it spends the token", async () => {
    const email = uniqueEmail("wrong-key");
    await signUp(email);
    const token = tokenOf(await sink.waitFor(email));
    const refused = await server.request(VerifyEmailMutation, { token }, { headers: { authorization: "Bearer not-one-of-our-keys-0123456789abcdef" } });
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect(await verify(token, { admin: true })).toMatchObject({ __typename: "VerifyEmailSuccess", email, user: { email, emailVerified: true } });
  });

  it("rejects an expired token and leaves the address unverified", async () => {
    const email = uniqueEmail("expired");
    await signUp(email);
    const token = tokenOf(await sink.waitFor(email));
    await server.database.prisma.emailVerificationToken.updateMany({
      where: { emailNormalized: email.toLowerCase() },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await verify(token)).toMatchObject({ __typename: "InvalidTokenError", message: expect.stringContaining("not valid") });
    const address = await server.database.prisma.emailAddress.findUnique({ where: { emailNormalized: email.toLowerCase() } });
    expect(address?.verified).toBe(false);
  });

  it("rejects unknown, empty and oversized tokens with the same error", async () => {
    for (const token of ["A".repeat(43), "", "x".repeat(10_000)]) {
      expect(await verify(token)).toMatchObject({ __typename: "InvalidTokenError" });
    }
  });

  it("keeps the token only as its SHA-256 and the mail body encrypted, cleared once sent", async () => {
    const email = uniqueEmail("stored");
    await signUp(email);
    const token = tokenOf(await sink.waitFor(email));
    const message = await eventually(async () => {
      const row = await server.database.prisma.outboxMessage.findFirst({ where: { recipient: email } });
      return row?.sentAt ? row : undefined;
    }, "the outbox row marked sent");
    expect(message).toMatchObject({ subject: "Confirm your email address", encryptedBody: null, lastError: null });
    const stored = await storedText();
    expect(stored).toContain(email.toLowerCase());
    expect(stored).not.toContain(token);
    for (const mail of sink.mails.filter((mail) => linkPattern.test(mail.text))) expect(stored).not.toContain(tokenOf(mail));
  });

  it("queues no mail when the sign-up fails: nothing is half-written", async () => {
    const taken = uniqueEmail("taken");
    const username = `user${Date.now().toString(36)}${++counter}`;
    expect((await signUp(taken, { verifyEmail: false, username })).result.__typename).toBe("SignUpSuccess");

    const sameEmail = await signUp(taken);
    expect(sameEmail.result.__typename).toBe("ConflictError");
    const fresh = uniqueEmail("fresh");
    const sameUsername = await signUp(fresh, { username });
    expect(sameUsername.result.__typename).toBe("ConflictError");
    const invalid = await signUp(uniqueEmail("invalid"), { picture: "not a url" });
    expect(invalid.result.__typename).toBe("ValidationError");

    const { prisma } = server.database;
    expect(await prisma.outboxMessage.count({ where: { recipient: { in: [taken, fresh] } } })).toBe(0);
    expect(await prisma.emailVerificationToken.count({ where: { emailNormalized: { in: [taken, fresh] } } })).toBe(0);
    // A poll or two later, still nothing was mailed to either.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect([...sink.to(taken), ...sink.to(fresh)]).toEqual([]);
  });

  it("deletes the user's tokens and pending mail with the user", async () => {
    const email = uniqueEmail("deleted");
    const { result } = await signUp(email);
    if (result.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(result));
    await server.database.prisma.user.delete({ where: { id: result.user.id } });
    const { prisma } = server.database;
    expect(await prisma.outboxMessage.count({ where: { userId: result.user.id } })).toBe(0);
    expect(await prisma.emailVerificationToken.count({ where: { userId: result.user.id } })).toBe(0);
  });
});

describe("createUser with verifyEmail", () => {
  it("mails the primary address only; its token verifies that address alone", async () => {
    const primary = uniqueEmail("grace");
    const secondary = uniqueEmail("grace.alt");
    const { data } = await send(
      VerifyCreateUserMutation,
      { input: { emailAddress: [primary, secondary], password, verifyEmail: true } },
      { admin: true },
    );
    expect(data.createUser).toMatchObject({ __typename: "CreateUserSuccess", user: { email: primary, emailVerified: false } });

    const token = tokenOf(await sink.waitFor(primary));
    const verified = await verify(token, { admin: true });
    if (verified.__typename !== "VerifyEmailSuccess" || !verified.user) throw new Error(JSON.stringify(verified));
    expect(verified.email).toBe(primary);
    expect(verified.user.emailVerified).toBe(true);
    expect(verified.user.emailAddresses).toEqual([
      { email: primary, verified: true, primary: true },
      { email: secondary, verified: false, primary: false },
    ]);
    expect(sink.to(secondary)).toEqual([]);
  });

  it("updateUser with verifyEmail mails the primary address it leaves, and refuses one verified already, changing nothing", async () => {
    const first = uniqueEmail("update-verify");
    const created = await server.createUser({ emailAddress: [first], password, emailVerified: true });
    const moved = uniqueEmail("update-verify.new");
    const { data } = await send(VerifyUpdateUserMutation, { id: created.id, input: { emailAddress: [moved, first], verifyEmail: true } }, { admin: true });
    expect(data.updateUser).toEqual({ __typename: "UpdateUserSuccess", user: { name: null, email: moved, emailVerified: false } });
    expect(await verify(tokenOf(await sink.waitFor(moved)))).toMatchObject({ __typename: "VerifyEmailSuccess", email: moved });
    expect(sink.to(first)).toEqual([]);

    // Verified now: nothing to verify, and the name given with it is not written either.
    const refused = await send(VerifyUpdateUserMutation, { id: created.id, input: { name: "Not Written", verifyEmail: true } }, { admin: true });
    expect(refused.data.updateUser).toEqual({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "verifyEmail"], message: "The primary email address is verified already." }],
    });
    const withoutAddress = await send(VerifyUpdateUserMutation, { id: created.id, input: { emailAddress: null, password: null, verifyEmail: true } }, { admin: true });
    expect(withoutAddress.data.updateUser).toMatchObject({ fieldErrors: [{ path: ["input", "verifyEmail"], message: "Needs an email address to verify." }] });
    const stored = await server.database.prisma.user.findUniqueOrThrow({ where: { id: created.id }, select: { name: true, _count: { select: { emailAddresses: true, outboxMessages: true } } } });
    expect(stored).toEqual({ name: null, _count: { emailAddresses: 2, outboxMessages: 1 } });
  });

  it("forgets the links of an address the user loses: given back, it is not verified by them", async () => {
    const email = uniqueEmail("given-back");
    const { data } = await send(VerifyCreateUserMutation, { input: { emailAddress: [email], password, verifyEmail: true } }, { admin: true });
    const created = data.createUser;
    if (created.__typename !== "CreateUserSuccess") throw new Error(JSON.stringify(created));
    const token = tokenOf(await sink.waitFor(email));
    const replaceAddresses = async (emailAddress: string[]) => {
      const replaced = await send(VerifyReplaceAddressesMutation, { id: created.user.id, input: { emailAddress } }, { admin: true });
      expect(replaced.data.updateUser).toMatchObject({ __typename: "UpdateUserSuccess" });
    };
    await replaceAddresses([uniqueEmail("meanwhile")]);
    await replaceAddresses([email]);
    expect(await verify(token)).toMatchObject({ __typename: "InvalidTokenError" });
  });
});

describe("sign-ups of one address at the same moment, with the mail limit on", () => {
  it.each<{ store: string; counts: Record<string, string> }>([
    { store: "memory", counts: {} },
    { store: "Redis", counts: { REDIS_URL: "redis://127.0.0.1:6379", RATE_LIMIT_KEY_PREFIX: `identity-test-${randomBytes(8).toString("hex")}` } },
  ])("write one user and answer the others ConflictError on email, mailing no more than the limit ($store)", async ({ counts }) => {
    const limited = await startTestServer({
      ...environment,
      ...counts,
      RATE_LIMITS: "on",
      SIGN_UPS_PER_IP: "100",
      VERIFICATION_MAILS_PER_ADDRESS: "2",
      SMTP_URL: sink.url,
    });
    try {
      const email = uniqueEmail("racing");
      const answersTo = async (input: { verifyEmail: boolean }) =>
        (await limited.request(RacingSignUpMutation, { input: { email, password, ...input } })).body;
      const burst = () => Promise.all(Array.from({ length: 8 }, () => answersTo({ verifyEmail: true })));
      const oneWinner = async () => {
        const answers = await burst();
        const results = answers.map((answer) => answer.data?.signUp);
        expect(results.filter((result) => result?.__typename === "SignUpSuccess"), JSON.stringify(answers)).toHaveLength(1);
        expect(results.filter((result) => result?.__typename !== "SignUpSuccess"), JSON.stringify(answers)).toEqual(
          Array(7).fill({ __typename: "ConflictError", fields: ["email"] }),
        );
      };
      const freeTheAddress = async () => {
        const holder = await limited.database.prisma.emailAddress.findUniqueOrThrow({ where: { emailNormalized: email }, select: { userId: true } });
        const moved = await send(VerifyReplaceAddressesMutation, { id: holder.userId, input: { emailAddress: [uniqueEmail("moved")] } }, { admin: true }, limited);
        expect(moved.data.updateUser.__typename).toBe("UpdateUserSuccess");
      };

      await oneWinner();
      // Sent before the address is freed: updateUser drops mail still waiting for an address it removes.
      await sink.waitFor(email, 1);
      await freeTheAddress();
      await oneWinner();
      await sink.waitFor(email, 2);

      // Taken, with its mails used up: the address is taken, whatever the limit.
      expect((await answersTo({ verifyEmail: true })).data?.signUp).toEqual({ __typename: "ConflictError", fields: ["email"] });
      // Free, with its mails used up: no sign-up that would mail it gets through.
      await freeTheAddress();
      expect((await burst()).map((answer) => answer.errors?.[0]?.extensions?.code)).toEqual(Array(8).fill("RATE_LIMITED"));
      expect(await limited.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(0);
      expect((await answersTo({ verifyEmail: false })).data?.signUp.__typename).toBe("SignUpSuccess");

      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(sink.to(email)).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});

describe("requestEmailVerification", () => {
  it("mails a new link to the signed-in user's unverified address, then has nothing left to verify", async () => {
    const email = uniqueEmail("again");
    const { session } = await signUp(email);
    expect(session).toBeDefined();
    await sink.waitFor(email);

    const withSession = { headers: { cookie: session! } };
    const { data } = await send(RequestEmailVerificationMutation, {}, withSession);
    expect(data.requestEmailVerification).toEqual({ __typename: "RequestEmailVerificationSuccess", email });
    const second = await sink.waitFor(email, 2);
    expect(tokenOf(second)).not.toBe(tokenOf(sink.to(email)[0]!));

    expect(await verify(tokenOf(second), withSession)).toMatchObject({ __typename: "VerifyEmailSuccess", user: { emailVerified: true } });
    // The first link has nothing left to do either.
    expect(await verify(tokenOf(sink.to(email)[0]!))).toMatchObject({ __typename: "InvalidTokenError" });

    const again = await send(RequestEmailVerificationMutation, {}, withSession);
    expect(again.data.requestEmailVerification).toMatchObject({ __typename: "NothingToVerifyError" });
  });

  it("needs a session; only an admin key may name another user", async () => {
    const anonymous = await server.request(RequestEmailVerificationMutation, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const email = uniqueEmail("target");
    const { result } = await signUp(email, { verifyEmail: false });
    if (result.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(result));
    const other = await signUp(uniqueEmail("other"), { verifyEmail: false });
    const asOther = await server.request(RequestEmailVerificationMutation, { userId: result.user.id }, { headers: { cookie: other.session! } });
    expect(asOther.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const { data } = await send(RequestEmailVerificationMutation, { userId: result.user.id }, { admin: true });
    expect(data.requestEmailVerification).toEqual({ __typename: "RequestEmailVerificationSuccess", email });
    expect(await verify(tokenOf(await sink.waitFor(email)))).toMatchObject({ __typename: "VerifyEmailSuccess" });

    const unknown = await send(RequestEmailVerificationMutation, { userId: "00000000-0000-7000-8000-000000000000" }, { admin: true });
    expect(unknown.data.requestEmailVerification).toMatchObject({ __typename: "NotFoundError" });
  });
});

/**
 * The services of `server` with rate limits of one mail per address in this process's memory, which
 * run `whileCounting` after each count of a verification mail: the moment between the unlocked read
 * of the address counted and the transaction that mails it, where a concurrent update can land.
 */
function servicesChangingAddressesWhileCounting(whileCounting: (round: number) => Promise<void>) {
  const rules = Object.fromEntries(rateLimitNames.map((name) => [name, { points: 1, windowSeconds: 60 * 60 }])) as RateLimitRules;
  const stored = memoryRateLimits(rules, secretKey);
  let rounds = 0;
  const rateLimits: RateLimits = {
    ...stored,
    async consume(limit, key) {
      const use = await stored.consume(limit, key);
      if (limit === "verificationMailsPerAddress") await whileCounting(++rounds);
      return use;
    },
  };
  const services = createServiceDependencies(server.config, server.database, { mailQueued: () => {}, rateLimits });
  return { services, stored, rounds: () => rounds };
}

/** Whether `email` may have one more verification mail counted now (each address may have one). */
async function mayBeMailed(rateLimits: RateLimits, email: string): Promise<boolean> {
  return rateLimits.consume("verificationMailsPerAddress", email).then(
    () => true,
    (error: unknown) => {
      if (error instanceof RateLimitedError) return false;
      throw error;
    },
  );
}

async function userWithThreeAddresses() {
  const [first, second, third] = [uniqueEmail("first"), uniqueEmail("second"), uniqueEmail("third")];
  const { result } = await signUp(first, { verifyEmail: false });
  if (result.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(result));
  const userId = result.user.id;
  /** Gives the user these addresses, the first one primary, as an admin's updateUser does. */
  const primaryFirst = async (emails: string[]) => {
    const { data } = await send(VerifyReplaceAddressesMutation, { id: userId, input: { emailAddress: emails } }, { admin: true });
    expect(data.updateUser.__typename).toBe("UpdateUserSuccess");
  };
  await primaryFirst([first, second, third]);
  return { userId, first, second, third, primaryFirst };
}

describe("requestEmailVerification while the primary address changes", () => {
  it("mails the new primary address, counted, and gives the replaced one its count back", async () => {
    const { userId, first, second, third, primaryFirst } = await userWithThreeAddresses();
    const { services, stored, rounds } = servicesChangingAddressesWhileCounting(async (round) => {
      if (round === 1) await primaryFirst([second, first, third]);
    });

    expect(await requestEmailVerification(services, userId)).toEqual({ email: second });
    expect(rounds()).toBe(2);
    expect(await mayBeMailed(stored, first)).toBe(true);
    expect(await mayBeMailed(stored, second)).toBe(false);
    await sink.waitFor(second);
  });

  it("counts the address under the lock in the last round, after a change in each round before, and mails it", async () => {
    const { userId, first, second, third, primaryFirst } = await userWithThreeAddresses();
    // Nothing changes in the last round: it counts while it holds the user's row, which an update
    // would wait for (the PostgreSQL test below).
    const { services, stored, rounds } = servicesChangingAddressesWhileCounting(async (round) => {
      if (round === 1) await primaryFirst([second, first, third]);
      if (round === 2) await primaryFirst([first, second, third]);
    });

    expect(await requestEmailVerification(services, userId)).toEqual({ email: first });
    expect(rounds()).toBe(3);
    expect(await mayBeMailed(stored, first)).toBe(false);
    expect(await mayBeMailed(stored, second)).toBe(true);
    await sink.waitFor(first);
  });

  it("answers RateLimitedError when the last round's address has no mail left, every other count given back and nothing mailed", async () => {
    const { userId, first, second, third, primaryFirst } = await userWithThreeAddresses();
    const { services, stored } = servicesChangingAddressesWhileCounting(async (round) => {
      if (round === 1) await primaryFirst([second, first, third]);
      if (round === 2) await primaryFirst([third, first, second]);
    });
    await stored.consume("verificationMailsPerAddress", third);

    await expect(requestEmailVerification(services, userId)).rejects.toBeInstanceOf(RateLimitedError);
    expect(await mayBeMailed(stored, first)).toBe(true);
    expect(await mayBeMailed(stored, second)).toBe(true);
    expect(await server.database.prisma.emailVerificationToken.count({ where: { userId } })).toBe(0);
  });
});

/** A link to `email`, the user's, stored as requestEmailVerification stores one; answers the token. */
async function storedLink(userId: string, email: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await server.database.prisma.emailVerificationToken.create({
    data: {
      userId,
      emailNormalized: email.toLowerCase(),
      tokenHash: createHash("sha256").update(token).digest("hex"),
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
    },
  });
  return token;
}

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("requestEmailVerification's last round beside an update", () => {
  it("mails the address it counted under the lock, while an update of the primary address waits for that lock", async () => {
    const { userId, first, second, third, primaryFirst } = await userWithThreeAddresses();
    let updating: Promise<void> | undefined;
    const { services, stored } = servicesChangingAddressesWhileCounting(async (round) => {
      if (round === 1) await primaryFirst([second, first, third]);
      if (round === 2) await primaryFirst([first, second, third]);
      if (round === 3) {
        updating = primaryFirst([second, first, third]);
        // Counted under the lock, the update waits for the mail; counted before, it would commit first.
        await Promise.race([updating, untilAStatementWaitsForALock(server.database)]);
      }
    });

    expect(await requestEmailVerification(services, userId)).toEqual({ email: first });
    await updating;
    expect(await mayBeMailed(stored, first)).toBe(false);
    expect(await mayBeMailed(stored, second)).toBe(true);
    expect(await server.database.prisma.emailVerificationToken.findMany({ where: { userId }, select: { emailNormalized: true } })).toEqual([
      { emailNormalized: first },
    ]);
    await sink.waitFor(first);
  });
});

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("verification beside replacements of the addresses", () => {
  /**
   * A user with an unverified address and a phone number, and the updates to queue: one that
   * replaces both, keeping the address, and waits uncommitted for the phone number, which the test
   * holds, with another replacement of the addresses queued behind it.
   */
  async function userAndReplacements() {
    const email = uniqueEmail("replaced");
    const { id: userId } = await server.createUser({ emailAddress: [email], phoneNumber: [uniquePhone()], password });
    const replace = (input: { emailAddress: string[]; phoneNumber?: string[] }) => () =>
      send(VerifyReplaceAddressesMutation, { id: userId, input }, { admin: true }).then(({ data }) => data.updateUser.__typename);
    const replacements = [replace({ emailAddress: [email], phoneNumber: [uniquePhone()] }), replace({ emailAddress: [email] })] as const;
    return { userId, email, replacements, heldPhone: `SELECT 1 FROM "PhoneNumber" WHERE "userId" = $1 FOR UPDATE` };
  }

  it("verifies the address that the replacements keep, rather than answering InvalidTokenError", async () => {
    const { userId, email, replacements, heldPhone } = await userAndReplacements();
    const link = await storedLink(userId, email);
    const answers = await queuedBehind(server.database, heldPhone, [userId], [...replacements, () => verify(link)]);
    expect(answers).toEqual(["UpdateUserSuccess", "UpdateUserSuccess", expect.objectContaining({ __typename: "VerifyEmailSuccess", email })]);
    expect(await server.database.prisma.emailAddress.findFirstOrThrow({ where: { userId } })).toMatchObject({ email, verified: true });
  });

  it("mails the primary address the replacements keep, rather than answering NothingToVerifyError", async () => {
    const { userId, email, replacements, heldPhone } = await userAndReplacements();
    const requesting = () => send(RequestEmailVerificationMutation, { userId }, { admin: true }).then(({ data }) => data.requestEmailVerification);
    const answers = await queuedBehind(server.database, heldPhone, [userId], [...replacements, requesting]);
    expect(answers).toEqual(["UpdateUserSuccess", "UpdateUserSuccess", { __typename: "RequestEmailVerificationSuccess", email }]);
    await sink.waitFor(email);
  });
});

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("verification beside a deletion of the user", () => {
  async function unverifiedUser() {
    const email = uniqueEmail("deleted-meanwhile");
    const { result } = await signUp(email, { verifyEmail: false });
    if (result.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(result));
    return { userId: result.user.id, email };
  }
  const deletion = `DELETE FROM "User" WHERE id = $1`;

  it("answers requestEmailVerification NotFoundError, not a fault, for a user whose deletion commits while it runs", async () => {
    const { userId } = await unverifiedUser();
    const [answer] = await queuedBehind(server.database, deletion, [userId], [() => send(RequestEmailVerificationMutation, { userId }, { admin: true })]);
    expect(answer.data.requestEmailVerification).toMatchObject({ __typename: "NotFoundError" });
  });

  it("answers verifyEmail InvalidTokenError for a user whose deletion commits while it runs", async () => {
    const { userId, email } = await unverifiedUser();
    const link = await storedLink(userId, email);
    const [answer] = await queuedBehind(server.database, deletion, [userId], [() => verify(link)]);
    expect(answer).toMatchObject({ __typename: "InvalidTokenError" });
  });
});

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("verification queued for the user's row with everything else that takes it", () => {
  it("answers a link, a sign-in, a request for a new link, another link and the user's deletion in turn, without a deadlock", async () => {
    const email = uniqueEmail("queued");
    const { result } = await signUp(email, { verifyEmail: false });
    if (result.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(result));
    const userId = result.user.id;
    const [link, otherLink] = [await storedLink(userId, email), await storedLink(userId, email)];

    const [verified, signedIn, requested, verifiedAgain, deleted] = await queuedBehind(server.database, `SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`, [userId], [
      () => verify(link),
      () => send(VerifySignInMutation, { input: { identifier: email, password } }).then(({ data }) => data.signIn.__typename),
      () => send(RequestEmailVerificationMutation, { userId }, { admin: true }).then(({ data }) => data.requestEmailVerification),
      () => verify(otherLink),
      () => send(VerifyDeleteUserMutation, { id: userId }, { admin: true }).then(({ data }) => data.deleteUser.__typename),
    ]);
    expect(verified).toMatchObject({ __typename: "VerifyEmailSuccess", email });
    expect(signedIn).toBe("SignInSuccess");
    // The first link verified the address, and made the other one moot.
    expect(requested).toMatchObject({ __typename: "NothingToVerifyError" });
    expect(verifiedAgain).toMatchObject({ __typename: "InvalidTokenError" });
    expect(deleted).toBe("DeleteUserSuccess");
  });
});

describe("links used at the same moment", () => {
  it("verifies once and answers the other links InvalidTokenError, never a fault", async () => {
    for (let round = 0; round < 8; round++) {
      const email = uniqueEmail("together");
      const { result } = await signUp(email, { verifyEmail: false });
      if (result.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(result));
      // Four links to one address, as repeated requestEmailVerification calls would leave.
      const tokens = Array.from({ length: 4 }, () => randomBytes(32).toString("base64url"));
      await server.database.prisma.emailVerificationToken.createMany({
        data: tokens.map((token) => ({
          userId: result.user.id,
          emailNormalized: email.toLowerCase(),
          tokenHash: createHash("sha256").update(token).digest("hex"),
          expiresAt: new Date(Date.now() + 60 * 60 * 1000),
        })),
      });
      const answers = await Promise.all(tokens.map((token) => verify(token)));
      expect(answers.map((answer) => answer.__typename).sort()).toEqual([
        "InvalidTokenError",
        "InvalidTokenError",
        "InvalidTokenError",
        "VerifyEmailSuccess",
      ]);
    }
  });
});

describe("without SMTP_URL", () => {
  it("writes each mail as an .eml file into MAIL_DROP_DIR, readable by its owner only, whose link verifies the address", async () => {
    const mailDropDirectory = await mkdtemp(join(tmpdir(), "identity-mail-drop-"));
    const local = await startTestServer({ ...environment, MAIL_DROP_DIR: mailDropDirectory });
    try {
      const email = uniqueEmail("dropped");
      expect((await signUp(email, {}, local)).result.__typename).toBe("SignUpSuccess");
      const [file, ...others] = await eventually(async () => {
        const files = await readdir(mailDropDirectory).catch(() => []);
        return files.length > 0 ? files : undefined;
      }, "the mail's file");
      expect(others).toEqual([]);
      expect(file).toMatch(/^\d{4}-\d{2}-\d{2}T[\d-]+\.\d{3}Z-[0-9a-f]{8}\.eml$/);
      expect((await stat(join(mailDropDirectory, file!))).mode & 0o777).toBe(0o600);
      const mail = await readFile(join(mailDropDirectory, file!), "utf8");
      expect(mail).toMatch(/^From: Identity Tests <no-reply@identity\.example\.test>\r\n/);
      expect(mail).toContain(`\r\nTo: ${email}\r\nSubject: Confirm your email address\r\n`);
      // The link as it is, not quoted-printable: a developer copies it out of the file.
      const [link, token] = linkPattern.exec(mail)!.slice(1);
      expect(link).toBe(`${publicUrl}/verify-email?token=${token}`);
      const verified = await local.request(VerifyEmailMutation, { token: token! });
      expect(verified.body.data?.verifyEmail).toMatchObject({ __typename: "VerifyEmailSuccess", email });
    } finally {
      await local.close();
      await rm(mailDropDirectory, { recursive: true, force: true });
    }
  });

  it("in production writes no file: the mail waits in the outbox for an instance with SMTP_URL", async () => {
    const mailDropDirectory = join(tmpdir(), `identity-mail-drop-${randomBytes(6).toString("hex")}`);
    const production = await startTestServer({ ...environment, NODE_ENV: "production", MAIL_DROP_DIR: mailDropDirectory });
    try {
      const email = uniqueEmail("production");
      expect((await signUp(email, {}, production)).result.__typename).toBe("SignUpSuccess");
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await production.database.prisma.outboxMessage.findFirstOrThrow({ where: { recipient: email } })).toMatchObject({ sentAt: null, attempts: 0 });
      await expect(readdir(mailDropDirectory)).rejects.toThrow(/ENOENT/);
    } finally {
      await production.close();
    }
  });
});

describe("the outbox", () => {
  it("drops the mail still waiting for an address that updateUser removes, and keeps the others'", async () => {
    // An instance that sends nothing: the mail waits, as when the SMTP server is down.
    const silent = await startTestServer({ ...environment, OUTBOX_POLL_MILLISECONDS: "0" });
    const { prisma } = silent.database;
    try {
      const [typo, kept, fixed] = [uniqueEmail("typo"), uniqueEmail("kept"), uniqueEmail("fixed")];
      const typoUser = await silent.createUser({ emailAddress: [typo], verifyEmail: true, skipPasswordRequirement: true });
      const keptUser = await silent.createUser({ emailAddress: [kept], verifyEmail: true, skipPasswordRequirement: true });
      expect(await prisma.outboxMessage.count({ where: { recipient: { in: [typo, kept] }, sentAt: null } })).toBe(2);

      const replaced = await silent.send(VerifyReplaceAddressesMutation, { id: typoUser.id, input: { emailAddress: [fixed] } }, { admin: true });
      expect(replaced.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
      const added = await silent.send(VerifyReplaceAddressesMutation, { id: keptUser.id, input: { emailAddress: [kept, uniqueEmail("added")] } }, { admin: true });
      expect(added.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");

      expect(await prisma.outboxMessage.count({ where: { recipient: typo } })).toBe(0);
      expect(await prisma.outboxMessage.count({ where: { recipient: kept, sentAt: null } })).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it("keeps mail through a crash and an SMTP outage, and a later instance delivers it", async () => {
    // An instance that commits mail but never sends it: as if it crashed right after the commit.
    const silent = await startTestServer({ ...environment, OUTBOX_POLL_MILLISECONDS: "0", SMTP_URL: sink.url });
    const { prisma } = silent.database;
    try {
      const email = uniqueEmail("outage");
      expect((await signUp(email, {}, silent)).result.__typename).toBe("SignUpSuccess");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const pending = await prisma.outboxMessage.findFirstOrThrow({ where: { recipient: email } });
      expect(pending).toMatchObject({ sentAt: null, attempts: 0 });
      expect(pending.encryptedBody).toMatch(/^v1\./);

      // Next, an instance whose SMTP server is down: the attempt fails and is scheduled again.
      const down = await startInstance(silent.database, { SMTP_URL: await closedSmtpUrl() });
      let failed;
      try {
        failed = await eventually(async () => {
          const row = await prisma.outboxMessage.findFirstOrThrow({ where: { recipient: email } });
          return row.lastError ? row : undefined;
        }, "the failed attempt");
      } finally {
        await down.close();
      }
      expect(failed).toMatchObject({ sentAt: null, attempts: 1 });
      expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      expect(failed.encryptedBody).toBe(pending.encryptedBody);
      expect(sink.to(email)).toEqual([]);

      // Time passes (the backoff), and an instance with a working SMTP server starts.
      await prisma.outboxMessage.updateMany({ where: { recipient: email }, data: { nextAttemptAt: new Date() } });
      const up = await startInstance(silent.database, { SMTP_URL: sink.url });
      try {
        const mail = await sink.waitFor(email);
        const token = tokenOf(mail);
        expect(pending.encryptedBody).not.toContain(token);
        const sent = await eventually(async () => {
          const row = await prisma.outboxMessage.findFirstOrThrow({ where: { recipient: email } });
          return row.sentAt ? row : undefined;
        }, "the outbox row marked sent");
        expect(sent).toMatchObject({ attempts: 2, encryptedBody: null, lastError: null });
        const verified = await silent.request(VerifyEmailMutation, { token });
        expect(verified.body.data?.verifyEmail).toMatchObject({ __typename: "VerifyEmailSuccess", email, user: null });
      } finally {
        await up.close();
      }
      expect(sink.to(email)).toHaveLength(1);
    } finally {
      await silent.close();
    }
  });

  it("deletes mail that was sent, or given up on, once it is older than OUTBOX_RETENTION_DAYS", async () => {
    const { prisma } = server.database;
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
    const recipients = {
      oldSent: uniqueEmail("retention-old-sent"),
      oldGivenUp: uniqueEmail("retention-old-given-up"),
      oldPending: uniqueEmail("retention-old-pending"),
      recentSent: uniqueEmail("retention-recent-sent"),
    };
    await prisma.outboxMessage.createMany({
      data: [
        { recipient: recipients.oldSent, subject: "Verify", createdAt: daysAgo(31), sentAt: daysAgo(31) },
        { recipient: recipients.oldGivenUp, subject: "Verify", createdAt: daysAgo(31), attempts: 20, lastError: "refused" },
        // Still being retried (its next attempt is tomorrow): kept however old.
        { recipient: recipients.oldPending, subject: "Verify", createdAt: daysAgo(31), attempts: 3, nextAttemptAt: daysAgo(-1), encryptedBody: "v1.pending" },
        { recipient: recipients.recentSent, subject: "Verify", createdAt: daysAgo(29), sentAt: daysAgo(29) },
      ],
    });
    const stored = () => prisma.outboxMessage.findMany({ where: { recipient: { in: Object.values(recipients) } }, select: { recipient: true } });

    // An instance starting up prunes in its first round.
    const pruning = await startInstance(server.database, { SMTP_URL: sink.url, OUTBOX_RETENTION_DAYS: "30" });
    try {
      const remaining = await eventually(async () => {
        const rows = await stored();
        return rows.length === 2 ? rows : undefined;
      }, "the old messages deleted");
      expect(remaining.map((row) => row.recipient).sort()).toEqual([recipients.oldPending, recipients.recentSent].sort());
    } finally {
      await pruning.close();
    }
  });

  it("sends each mail once when a batch takes longer than a lease and another instance takes over", async () => {
    // Two dispatchers on a database of their own (the test server's would take the mail too); an
    // SMTP server that takes 1 s to accept each mail; leases of 1.5 s. The first dispatcher claims
    // all three mails, and its lease of the third is over before it gets to it: the second
    // dispatcher takes that one, and the first must then leave it alone.
    const slowSink = new MailSink(1000);
    await slowSink.start();
    const database = connectDatabase({ kind: "memory" });
    await applyMigrations(database);
    const secretBox = new SecretBox(secretKey);
    const recipients = [1, 2, 3].map((number) => uniqueEmail(`leased${number}`));
    for (const [index, recipient] of recipients.entries()) {
      await database.prisma.outboxMessage.create({
        data: { recipient, subject: "Lease", encryptedBody: secretBox.encrypt("hello"), createdAt: new Date(Date.now() + index) },
      });
    }
    const dispatcher = () =>
      new OutboxDispatcher({
        prisma: database.prisma,
        mailer: new SmtpMailer(slowSink.url, mailFrom),
        secretBox,
        logger: createLogger("silent"),
        pollMilliseconds: 50,
        retentionMilliseconds: 24 * 60 * 60 * 1000,
        batchSize: 3,
        leaseMilliseconds: 1500,
      });
    const [first, second] = [dispatcher(), dispatcher()];
    try {
      first.start();
      await eventually(async () => ((await database.prisma.outboxMessage.count({ where: { claimId: { not: null } } })) === 3 ? true : undefined), "the first claim");
      second.start();
      for (const recipient of recipients) await slowSink.waitFor(recipient);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      for (const recipient of recipients) expect(slowSink.to(recipient), recipient).toHaveLength(1);
      expect(await database.prisma.outboxMessage.count({ where: { sentAt: null } })).toBe(0);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await database.close();
      await slowSink.close();
    }
  });

  it("sends each mail once when two instances poll the same database", async () => {
    const second = await startInstance(server.database, { SMTP_URL: sink.url, OUTBOX_POLL_MILLISECONDS: "20" });
    try {
      const emails = Array.from({ length: 12 }, () => uniqueEmail("replica"));
      await Promise.all(emails.map((email) => signUp(email)));
      for (const email of emails) await sink.waitFor(email);
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const email of emails) expect(sink.to(email), email).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
