import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { connectDatabase, type Database } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { deleteExpiredRows } from "../src/domain/sessions/expired-rows.ts";
import { createLogger } from "../src/logger.ts";
import { startServer, type RunningServer } from "../src/server.ts";
import { graphql } from "./generated/gql.ts";
import { adminApiKey, startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";
import { queuedBehind } from "./helpers/lock-waits.ts";
import { stepWithRoom, totp } from "./helpers/totp.ts";

// A signed-in user's own second factor (README *Two-step sign-in, set up by the user*): setting up
// TOTP in two steps, turning it off, new backup codes, and signing in with what they set up. Over real
// HTTP against the real server; expected codes come from test/helpers/totp.ts, not from src/.

const BeginTotpMutation = graphql(`
  mutation SelfServiceBeginTotp($currentPassword: String) {
    beginTotpEnrollment(currentPassword: $currentPassword) {
      __typename
      ... on BeginTotpEnrollmentSuccess { secret otpauthUri expiresAt }
      ... on ValidationError { fieldErrors { path message } }
      ... on Error { message }
    }
  }
`);

const ConfirmTotpMutation = graphql(`
  mutation SelfServiceConfirmTotp($code: String!) {
    confirmTotpEnrollment(code: $code) {
      __typename
      ... on ConfirmTotpEnrollmentSuccess { backupCodes user { id totpEnabled } }
      ... on Error { message }
    }
  }
`);

const DisableTotpMutation = graphql(`
  mutation SelfServiceDisableTotp($currentPassword: String, $code: String!) {
    disableTotp(currentPassword: $currentPassword, code: $code) {
      __typename
      ... on DisableTotpSuccess { user { id totpEnabled } }
      ... on ValidationError { fieldErrors { path message } }
      ... on Error { message }
    }
  }
`);

const RegenerateBackupCodesMutation = graphql(`
  mutation SelfServiceRegenerateBackupCodes($code: String!) {
    regenerateBackupCodes(code: $code) {
      __typename
      ... on RegenerateBackupCodesSuccess { backupCodes user { id totpEnabled } }
      ... on Error { message }
    }
  }
`);

const SignInMutation = graphql(`
  mutation SelfServiceSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { id totpEnabled } }
      ... on SecondFactorRequiredError { codeWasGiven }
    }
  }
`);

const SignOutMutation = graphql(`
  mutation SelfServiceSignOut {
    signOut
  }
`);

const MeQuery = graphql(`
  query SelfServiceMe {
    me { id totpEnabled }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server.close());

let counter = 0;
const password = "analytical engine notes 1843";
const minute = 60 * 1000;
const withSession = (token: string): RequestOptions => ({ headers: { cookie: `session=${token}` } });
const base32Secret = /^[A-Z2-7]{32}$/;

/** A 6-digit code that is none of the codes of `secret` valid around `step`. */
function wrongCode(secret: string, step: number): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((offset) => totp(secret, step + offset)));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate * 7919).padStart(6, "0").slice(-6);
    if (!valid.has(code)) return code;
  }
}

async function signIn(identifier: string, code?: string) {
  const response = await server.send(SignInMutation, { input: { identifier, password, ...(code === undefined ? {} : { code }) } });
  const result = response.body.data?.signIn;
  if (!result) throw new Error(JSON.stringify(response.body));
  const token = /^session=([^;]+)/.exec(response.headers.getSetCookie().find((cookie) => cookie.startsWith("session=")) ?? "")?.[1];
  return { result, token };
}

/** A new user with a password, signed in: the session token. */
async function signedInUser(prefix: string) {
  const email = `${prefix}${++counter}@example.com`;
  const { id: userId } = await server.createUser({ emailAddress: [email], password });
  const { token } = await signIn(email);
  if (!token) throw new Error("signIn set no session cookie");
  return { userId, email, session: token };
}

async function begin(session: string, currentPassword: string | null = password) {
  const response = await server.send(BeginTotpMutation, { currentPassword }, withSession(session));
  expect(response.body.errors).toBeUndefined();
  return { result: response.body.data!.beginTotpEnrollment, headers: response.headers };
}

async function beginOrFail(session: string) {
  const { result } = await begin(session);
  if (result.__typename !== "BeginTotpEnrollmentSuccess") throw new Error(JSON.stringify(result));
  return result;
}

async function confirm(session: string, code: string) {
  const response = await server.send(ConfirmTotpMutation, { code }, withSession(session));
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.confirmTotpEnrollment;
}

async function disable(session: string, code: string, currentPassword: string | null = password) {
  const response = await server.send(DisableTotpMutation, { code, currentPassword }, withSession(session));
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.disableTotp;
}

async function regenerate(session: string, code: string) {
  const response = await server.send(RegenerateBackupCodesMutation, { code }, withSession(session));
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.regenerateBackupCodes;
}

/** A signed-in user who set up TOTP: its secret, the step whose code confirmed it, and the backup codes. */
async function userWithTotp(prefix: string) {
  const user = await signedInUser(prefix);
  const { secret } = await beginOrFail(user.session);
  const step = await stepWithRoom(20);
  const confirmed = await confirm(user.session, totp(secret, step));
  if (confirmed.__typename !== "ConfirmTotpEnrollmentSuccess") throw new Error(JSON.stringify(confirmed));
  return { ...user, secret, step, backupCodes: confirmed.backupCodes };
}

const loginAttemptsOf = async (userId: string) =>
  (await server.database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { loginAttempts: true } })).loginAttempts;

describe("setting up TOTP, then signing in with it", () => {
  it("begins, confirms with a code of the new secret, and from then on signs in only with a code", async () => {
    const { userId, email, session } = await signedInUser("flow");
    const otherDevice = (await signIn(email)).token!;
    const before = await server.database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { updatedAt: true } });

    const { result: begun, headers } = await begin(session);
    expect(headers.get("cache-control")).toBe("no-store");
    if (begun.__typename !== "BeginTotpEnrollmentSuccess") throw new Error(JSON.stringify(begun));
    expect(begun.secret).toMatch(base32Secret);
    expect(begun.otpauthUri).toBe(
      `otpauth://totp/Identity:${encodeURIComponent(email)}?secret=${begun.secret}&issuer=Identity&algorithm=SHA1&digits=6&period=30`,
    );
    expect(Date.parse(begun.expiresAt) - Date.now()).toBeGreaterThan(9 * minute);
    expect(Date.parse(begun.expiresAt) - Date.now()).toBeLessThanOrEqual(10 * minute);
    // Kept sealed, and nothing about signing in changed yet.
    const pending = await server.database.prisma.totpEnrollment.findUniqueOrThrow({ where: { userId } });
    expect(pending.encryptedSecret).not.toContain(begun.secret);
    expect((await server.send(MeQuery, {}, withSession(session))).body.data?.me).toEqual({ id: userId, totpEnabled: false });

    const step = await stepWithRoom(20);
    const confirmed = await confirm(session, totp(begun.secret, step));
    if (confirmed.__typename !== "ConfirmTotpEnrollmentSuccess") throw new Error(JSON.stringify(confirmed));
    expect(confirmed.user).toEqual({ id: userId, totpEnabled: true });
    expect(confirmed.backupCodes).toHaveLength(10);
    expect(new Set(confirmed.backupCodes).size).toBe(10);
    for (const code of confirmed.backupCodes) expect(code).toMatch(/^[a-z2-7]{10}$/);
    const stored = await server.database.prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { updatedAt: true, totpCredential: true, totpEnrollment: true, backupCodes: { select: { digest: true } } },
    });
    expect(stored.totpCredential?.encryptedSecret).toBe(pending.encryptedSecret);
    expect(stored.totpEnrollment).toBeNull();
    expect(stored.backupCodes).toHaveLength(10);
    for (const { digest } of stored.backupCodes) expect(digest).toMatch(/^\$2b\$10\$/);
    // Every change of what signs in writes the user's row (sign-in's fast path relies on it).
    expect(stored.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    // The other device, signed in with the password alone, is signed out; this one stays.
    expect((await server.send(MeQuery, {}, withSession(otherDevice))).body.data?.me).toBeNull();
    expect((await server.send(MeQuery, {}, withSession(session))).body.data?.me).toEqual({ id: userId, totpEnabled: true });

    expect((await server.send(SignOutMutation, {}, withSession(session))).body.data?.signOut).toBe(true);
    expect((await signIn(email)).result).toEqual({ __typename: "SecondFactorRequiredError", codeWasGiven: false });
    // The code that confirmed the secret was used: it opens nothing.
    expect((await signIn(email, totp(begun.secret, step))).result).toEqual({ __typename: "SecondFactorRequiredError", codeWasGiven: true });
    const withCode = await signIn(email, totp(begun.secret, step + 1));
    expect(withCode.result).toEqual({ __typename: "SignInSuccess", user: { id: userId, totpEnabled: true } });
    expect(withCode.token).toBeDefined();
    const withBackupCode = await signIn(email, confirmed.backupCodes[0]);
    expect(withBackupCode.result.__typename).toBe("SignInSuccess");
    expect((await signIn(email, confirmed.backupCodes[0])).result).toEqual({ __typename: "SecondFactorRequiredError", codeWasGiven: true });
    expect((await signIn(email, confirmed.backupCodes[1])).result.__typename).toBe("SignInSuccess");
  });

  it("needs the current password to begin: missing is a ValidationError, wrong is counted as a failed sign-in", async () => {
    const { userId, session } = await signedInUser("reauth");
    for (const missing of [null, ""]) {
      const { result } = await begin(session, missing);
      expect(result).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["currentPassword"] }] });
    }
    expect((await begin(session, "not the password at all")).result.__typename).toBe("InvalidCredentialsError");
    expect(await loginAttemptsOf(userId)).toBe(1);
    expect(await server.database.prisma.totpEnrollment.count({ where: { userId } })).toBe(0);
    expect((await begin(session)).result.__typename).toBe("BeginTotpEnrollmentSuccess");
  });

  it("begins without a password for a user who has none", async () => {
    const { userId, session } = await signedInUser("passwordless");
    await server.database.prisma.passwordCredential.delete({ where: { userId } });
    expect((await begin(session, null)).result.__typename).toBe("BeginTotpEnrollmentSuccess");
  });

  it("refuses to begin or confirm while TOTP is on, however it was set", async () => {
    const enrolled = await userWithTotp("already");
    expect((await begin(enrolled.session)).result.__typename).toBe("TotpAlreadyEnabledError");

    // Set by an admin between beginning and confirming.
    const { userId, session } = await signedInUser("admin-set");
    const { secret } = await beginOrFail(session);
    await server.send(
      graphql(`
        mutation SelfServiceAdminSetsTotp($id: ID!, $input: UpdateUserInput!) {
          updateUser(id: $id, input: $input) { __typename }
        }
      `),
      { id: userId, input: { totpSecret: "JBSWY3DPEHPK3PXP" } },
      { admin: true },
    );
    // The admin's change ended the user's sessions: the user signs in again, with the admin's secret.
    const signedIn = await signIn(`admin-set${counter}@example.com`, totp("JBSWY3DPEHPK3PXP", await stepWithRoom()));
    expect(signedIn.result.__typename).toBe("SignInSuccess");
    expect(await confirm(signedIn.token!, totp(secret, await stepWithRoom()))).toMatchObject({ __typename: "TotpAlreadyEnabledError" });
  });

  it("refuses a wrong code, and the enrollment still waits for the right one", async () => {
    const { userId, session } = await signedInUser("wrong");
    const { secret } = await beginOrFail(session);
    const step = await stepWithRoom();
    for (const code of [wrongCode(secret, step), "", "12345", "abcdef"]) {
      expect(await confirm(session, code), code).toMatchObject({ __typename: "InvalidCodeError" });
    }
    // A mistyped code of a secret the caller was just shown is no guess at anything: not counted.
    expect(await loginAttemptsOf(userId)).toBe(0);
    const spaced = totp(secret, step);
    expect(await confirm(session, `${spaced.slice(0, 3)} ${spaced.slice(3)}`)).toMatchObject({ __typename: "ConfirmTotpEnrollmentSuccess" });
  });

  it("refuses to confirm an expired enrollment, or none, and the sweeper deletes expired ones", async () => {
    const { userId, session } = await signedInUser("expired");
    expect(await confirm(session, "123456")).toMatchObject({ __typename: "NoTotpEnrollmentError" });
    const { secret } = await beginOrFail(session);
    await server.database.prisma.totpEnrollment.update({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await confirm(session, totp(secret, await stepWithRoom()))).toMatchObject({ __typename: "NoTotpEnrollmentError" });
    expect((await server.send(MeQuery, {}, withSession(session))).body.data?.me).toEqual({ id: userId, totpEnabled: false });
    const deleted = await deleteExpiredRows(server.database.prisma);
    expect(deleted.totpEnrollments).toBeGreaterThanOrEqual(1);
    expect(await server.database.prisma.totpEnrollment.count({ where: { userId } })).toBe(0);
  });

  it("replaces an enrollment begun before: only the secret shown last can be confirmed", async () => {
    const { userId, session } = await signedInUser("replaced");
    const first = await beginOrFail(session);
    const second = await beginOrFail(session);
    expect(second.secret).not.toBe(first.secret);
    expect(await server.database.prisma.totpEnrollment.count({ where: { userId } })).toBe(1);
    const step = await stepWithRoom();
    expect(await confirm(session, totp(first.secret, step))).toMatchObject({ __typename: "InvalidCodeError" });
    expect(await confirm(session, totp(second.secret, step))).toMatchObject({ __typename: "ConfirmTotpEnrollmentSuccess" });
  });

  it("confirms once when the same code is sent twice at once", async () => {
    const { userId, session } = await signedInUser("twice");
    const { secret } = await beginOrFail(session);
    const code = totp(secret, await stepWithRoom(20));
    const results = await Promise.all([confirm(session, code), confirm(session, code)]);
    expect(results.map((result) => result.__typename).sort()).toEqual(["ConfirmTotpEnrollmentSuccess", "TotpAlreadyEnabledError"]);
    const stored = await server.database.prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { totpCredential: { select: { userId: true } }, _count: { select: { backupCodes: true } } },
    });
    expect(stored).toEqual({ totpCredential: { userId }, _count: { backupCodes: 10 } });
  });
});

describe("racing other changes of the account (PostgreSQL)", () => {
  const lockUser = `SELECT id FROM "User" WHERE id = $1::uuid FOR NO KEY UPDATE`;

  it.skipIf(process.env.TEST_DATABASE !== "postgres")("a sign-in without a code that waited for a confirmation is asked for one", async () => {
    const { userId, email, session } = await signedInUser("race-sign-in");
    const { secret } = await beginOrFail(session);
    const code = totp(secret, await stepWithRoom(20));
    const [confirmed, signedIn] = await queuedBehind(server.database, lockUser, [userId], [() => confirm(session, code), () => signIn(email)]);
    expect(confirmed.__typename).toBe("ConfirmTotpEnrollmentSuccess");
    expect(signedIn.result).toEqual({ __typename: "SecondFactorRequiredError", codeWasGiven: false });
    expect(signedIn.token).toBeUndefined();
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(1);
  });

  it.skipIf(process.env.TEST_DATABASE !== "postgres")("a confirmation whose session ended while it waited writes nothing", async () => {
    const { userId, session } = await signedInUser("race-ended");
    const { secret } = await beginOrFail(session);
    const code = totp(secret, await stepWithRoom(20));
    // A sign-out everywhere (or a block) of the user, committed while the confirmation waits for the row.
    const endSessions = `WITH account AS (${lockUser}) DELETE FROM "Session" WHERE "userId" = (SELECT id FROM account)`;
    const [response] = await queuedBehind(server.database, endSessions, [userId], [() => server.request(ConfirmTotpMutation, { code }, withSession(session))]);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await server.database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpCredential: true, totpEnrollment: { select: { userId: true } } } })).toEqual({
      totpCredential: null,
      totpEnrollment: { userId },
    });
  });
});

describe("turning TOTP off", () => {
  it("needs the current password and a current code; then sign-in needs the password alone", async () => {
    const { userId, email, session, secret, step, backupCodes } = await userWithTotp("disable");
    const otherDevice = (await signIn(email, backupCodes[0])).token!;
    const missing = await disable(session, totp(secret, step + 1), null);
    expect(missing).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["currentPassword"] }] });
    expect(await disable(session, totp(secret, step + 1), "not the password at all")).toMatchObject({ __typename: "InvalidCredentialsError" });
    expect(await loginAttemptsOf(userId)).toBe(1);
    // A wrong code counts too; one used already (the code that confirmed the secret) is refused without counting.
    expect(await disable(session, wrongCode(secret, step))).toMatchObject({ __typename: "InvalidCodeError" });
    expect(await loginAttemptsOf(userId)).toBe(2);
    expect(await disable(session, totp(secret, step))).toMatchObject({ __typename: "InvalidCodeError" });
    expect(await loginAttemptsOf(userId)).toBe(2);
    expect(await server.database.prisma.totpCredential.count({ where: { userId } })).toBe(1);

    const before = await server.database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { updatedAt: true } });
    const disabled = await disable(session, totp(secret, step + 1));
    expect(disabled).toEqual({ __typename: "DisableTotpSuccess", user: { id: userId, totpEnabled: false } });
    const stored = await server.database.prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { updatedAt: true, totpCredential: true, backupCodes: { where: { usedAt: null } } },
    });
    expect(stored.totpCredential).toBeNull();
    expect(stored.backupCodes).toEqual([]);
    expect(stored.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect((await server.send(MeQuery, {}, withSession(otherDevice))).body.data?.me).toBeNull();
    expect((await signIn(email)).result).toEqual({ __typename: "SignInSuccess", user: { id: userId, totpEnabled: false } });
    expect(await disable(session, "123456")).toMatchObject({ __typename: "TotpNotEnabledError" });
  });

  it("takes an unused backup code in place of a TOTP code", async () => {
    const { userId, session, backupCodes } = await userWithTotp("disable-backup");
    expect(await disable(session, backupCodes[3]!)).toMatchObject({ __typename: "DisableTotpSuccess", user: { totpEnabled: false } });
    expect(await server.database.prisma.backupCode.count({ where: { userId, usedAt: { not: null } } })).toBe(1);
  });
});

describe("new backup codes", () => {
  it("replace every code the user had, for a current TOTP code or an unused backup code", async () => {
    const { userId, email, session, secret, step, backupCodes } = await userWithTotp("regenerate");
    const before = await server.database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { updatedAt: true } });
    expect(await regenerate(session, wrongCode(secret, step))).toMatchObject({ __typename: "InvalidCodeError" });
    expect(await loginAttemptsOf(userId)).toBe(1);

    const renewed = await regenerate(session, totp(secret, step + 1));
    if (renewed.__typename !== "RegenerateBackupCodesSuccess") throw new Error(JSON.stringify(renewed));
    expect(renewed.user).toEqual({ id: userId, totpEnabled: true });
    expect(renewed.backupCodes).toHaveLength(10);
    expect(renewed.backupCodes.filter((code) => backupCodes.includes(code))).toEqual([]);
    const after = await server.database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { updatedAt: true } });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    // Sessions stay: what signs in is the same secret.
    expect((await server.send(MeQuery, {}, withSession(session))).body.data?.me?.id).toBe(userId);
    expect((await signIn(email, backupCodes[0])).result).toEqual({ __typename: "SecondFactorRequiredError", codeWasGiven: true });
    expect(await regenerate(session, backupCodes[1]!)).toMatchObject({ __typename: "InvalidCodeError" });

    // A new backup code renews them too, and is spent doing it.
    const again = await regenerate(session, renewed.backupCodes[0]!);
    if (again.__typename !== "RegenerateBackupCodesSuccess") throw new Error(JSON.stringify(again));
    expect((await signIn(email, renewed.backupCodes[0])).result.__typename).toBe("SecondFactorRequiredError");
    expect((await signIn(email, renewed.backupCodes[2])).result.__typename).toBe("SecondFactorRequiredError");
    expect((await signIn(email, again.backupCodes[0])).result.__typename).toBe("SignInSuccess");
    expect(await server.database.prisma.backupCode.count({ where: { userId, usedAt: null } })).toBe(9);
  });

  it("are refused without TOTP", async () => {
    const { session } = await signedInUser("regenerate-none");
    expect(await regenerate(session, "123456")).toMatchObject({ __typename: "TotpNotEnabledError" });
  });
});

describe("without a session", () => {
  it("refuses every operation as UNAUTHENTICATED, also with the admin key", async () => {
    const operations = [
      () => server.request(BeginTotpMutation, { currentPassword: password }, { admin: true }),
      () => server.request(ConfirmTotpMutation, { code: "123456" }),
      () => server.request(DisableTotpMutation, { currentPassword: password, code: "123456" }),
      () => server.request(RegenerateBackupCodesMutation, { code: "123456" }, { admin: true }),
    ];
    for (const operation of operations) {
      const response = await operation();
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("refuses a change once the session has ended, and writes nothing", async () => {
    const { userId, session } = await signedInUser("ended");
    const { secret } = await beginOrFail(session);
    const code = totp(secret, await stepWithRoom());
    await server.database.prisma.session.deleteMany({ where: { userId } });
    const response = await server.request(ConfirmTotpMutation, { code }, withSession(session));
    expect(response.status).toBe(401);
    expect(await server.database.prisma.totpCredential.count({ where: { userId } })).toBe(0);
  });
});

describe("rate limits", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ SIGN_IN_FAILURES_PER_IDENTIFIER: "3" });
  });
  afterAll(() => limited.close());

  /** A user signed in on the rate-limited server; with `totpSecret`, through its code. */
  async function limitedUser(prefix: string, totpSecret?: string) {
    const email = `${prefix}${++counter}@example.com`;
    await limited.createUser({ emailAddress: [email], password, ...(totpSecret ? { totpSecret } : {}) });
    const code = totpSecret ? totp(totpSecret, await stepWithRoom()) : undefined;
    const response = await limited.send(SignInMutation, { input: { identifier: email, password, code } });
    expect(response.body.data?.signIn.__typename).toBe("SignInSuccess");
    return /^session=([^;]+)/.exec(response.headers.getSetCookie()[0] ?? "")![1]!;
  }

  it("count wrong current passwords and wrong codes against the account, as failed sign-ins", async () => {
    const withoutTotp = await limitedUser("limited-password");
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await limited.send(BeginTotpMutation, { currentPassword: "not the password at all" }, withSession(withoutTotp));
      expect(response.body.data?.beginTotpEnrollment.__typename).toBe("InvalidCredentialsError");
    }
    const refused = await limited.request(BeginTotpMutation, { currentPassword: password }, withSession(withoutTotp));
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");

    const secret = "JBSWY3DPEHPK3PXP";
    const withTotp = await limitedUser("limited-code", secret);
    const step = await stepWithRoom();
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await limited.send(RegenerateBackupCodesMutation, { code: wrongCode(secret, step) }, withSession(withTotp));
      expect(response.body.data?.regenerateBackupCodes.__typename).toBe("InvalidCodeError");
    }
    const refusedCode = await limited.request(RegenerateBackupCodesMutation, { code: totp(secret, step + 1) }, withSession(withTotp));
    expect(refusedCode.status).toBe(429);
  });
});

describe("logs", () => {
  const run = randomBytes(4).toString("hex");
  const mailDropDirectory = join(tmpdir(), `identity-self-service-totp-mail-${run}`);
  let captured = "";
  let database: Database;
  let logged: RunningServer;

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "trace",
      ADMIN_API_KEYS: adminApiKey,
      DATABASE_URL: "memory://",
      MAIL_DROP_DIR: mailDropDirectory,
      RATE_LIMITS: "off",
    });
    database = connectDatabase(config.database);
    await applyMigrations(database);
    logged = await startServer(config, database, createLogger(config.logLevel, { write: (line: string) => void (captured += line) }));
  });
  afterAll(async () => {
    await logged?.close();
    await database?.close();
    await rm(mailDropDirectory, { recursive: true, force: true });
  });

  async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(logged.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { headers: response.headers, body: (await response.json()) as { data: Record<string, Record<string, unknown>> } };
  }

  it("never carry the new secret, its URI or the backup codes, even at LOG_LEVEL=trace", async () => {
    const email = `logged-${run}@example.com`;
    await post(`mutation C($input: CreateUserInput!) { createUser(input: $input) { __typename } }`, { input: { emailAddress: [email], password } }, {
      authorization: `Bearer ${adminApiKey}`,
    });
    const signedIn = await post(`mutation S($input: SignInInput!) { signIn(input: $input) { __typename } }`, { input: { identifier: email, password } });
    const cookie = { cookie: signedIn.headers.getSetCookie()[0]!.split(";")[0]! };
    const begun = (await post(`mutation B($p: String) { beginTotpEnrollment(currentPassword: $p) { ... on BeginTotpEnrollmentSuccess { secret otpauthUri } } }`, { p: password }, cookie)).body
      .data.beginTotpEnrollment!;
    const secret = begun.secret as string;
    expect(secret).toMatch(base32Secret);
    const step = await stepWithRoom();
    const confirmDocument = `mutation C($code: String!) { confirmTotpEnrollment(code: $code) { __typename ... on ConfirmTotpEnrollmentSuccess { backupCodes } } }`;
    const confirmed = (await post(confirmDocument, { code: totp(secret, step) }, cookie)).body.data.confirmTotpEnrollment!;
    const backupCodes = confirmed.backupCodes as string[];
    expect(backupCodes).toHaveLength(10);
    const renewed = (await post(`mutation R($code: String!) { regenerateBackupCodes(code: $code) { ... on RegenerateBackupCodesSuccess { backupCodes } } }`, { code: backupCodes[0] }, cookie)).body
      .data.regenerateBackupCodes!;
    // A malformed request is logged with what the server could read of it.
    await post(`mutation C($code: String!) { confirmTotpEnrollment(code: $code) { __typename `, { code: totp(secret, step + 1) }, cookie);
    expect(captured.length).toBeGreaterThan(0);
    for (const secretText of [secret, begun.otpauthUri as string, ...backupCodes, ...(renewed.backupCodes as string[])]) {
      expect(captured).not.toContain(secretText);
    }
  });
});
