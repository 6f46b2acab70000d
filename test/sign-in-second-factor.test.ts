import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import argon2 from "argon2";
import bcrypt from "bcrypt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { SecretBox } from "../src/domain/second-factor/secret-box.ts";
import { createLogger } from "../src/logger.ts";
import { startServer } from "../src/server.ts";
import { CreateUserMutation } from "./documents.ts";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput, SignInInput } from "./generated/graphql.ts";
import { startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";
import { untilAStatementWaitsForALock } from "./helpers/lock-waits.ts";
import { decodeBase32, hotp, stepAt, stepWithRoom, totp } from "./helpers/totp.ts";

// signIn with a second factor (SPEC sections 7 and 8): TOTP (RFC 6238, 30 s / 6 digits / SHA-1)
// and single-use backup codes, given plain or as bcrypt digests at creation. Expected codes come
// from the small RFC 4226/6238 implementation of test/helpers/totp.ts, not from src/.

const TotpSignInMutation = graphql(`
  mutation TotpSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { id totpEnabled } }
      ... on SecondFactorRequiredError { codeWasGiven }
      ... on Error { message }
    }
  }
`);

const TotpSetSecretMutation = graphql(`
  mutation TotpSetSecret($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
      ... on Error { message }
    }
  }
`);

const TotpAdminUserQuery = graphql(`
  query TotpAdminUser($id: ID!) {
    user(id: $id) { id loginAttempts backupCodeCount totpEnabled lastSignInAt }
  }
`);

describe("the test's own TOTP implementation", () => {
  // RFC 6238 Appendix B, SHA-1 rows: the 20-byte ASCII seed "12345678901234567890", 8 digits.
  const seed = Buffer.from("12345678901234567890", "ascii");
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("matches RFC 6238 Appendix B at T=%i", (time, expected) => {
    expect(hotp(seed, stepAt(time), 8)).toBe(expected);
    expect(hotp(seed, stepAt(time), 6)).toBe(expected.slice(2));
  });

  it("decodes base32 (RFC 4648) and so gives the same codes from the seed's base32 form", () => {
    expect(decodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").toString("ascii")).toBe("12345678901234567890");
    expect(decodeBase32("JBSWY3DPEHPK3PXP").toString("hex")).toBe("48656c6c6f21deadbeef");
    expect(totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", stepAt(59))).toBe("287082");
  });
});

// ---- Against the server -----------------------------------------------------------------------

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server.close());

let counter = 0;
const uniqueEmail = (prefix: string) => `${prefix}${++counter}@example.com`;
const password = "analytical engine notes 1843";
const secret = "JBSWY3DPEHPK3PXP";

async function send<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables, options?: RequestOptions, target = server) {
  const response = await target.request(document, variables, options);
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response;
}

async function createTotpUser(prefix: string, extra: Partial<CreateUserInput> = {}, target = server) {
  const email = uniqueEmail(prefix);
  const response = await send(CreateUserMutation, { input: { emailAddress: [email], password, totpSecret: secret, ...extra } }, { admin: true }, target);
  const result = response.body.data?.createUser;
  if (result?.__typename !== "CreateUserSuccess") throw new Error(JSON.stringify(response.body));
  expect(result.user.totpEnabled).toBe(true);
  return { userId: result.user.id, email };
}

async function signIn(input: SignInInput, target = server) {
  const response = await send(TotpSignInMutation, { input }, undefined, target);
  const result = response.body.data?.signIn;
  if (!result) throw new Error(JSON.stringify(response.body));
  const sessionCookies = response.headers.getSetCookie().filter((cookie) => cookie.startsWith("session="));
  return { result, sessionCookies };
}

async function expectSuccess(input: SignInInput, userId: string, target = server) {
  const { result, sessionCookies } = await signIn(input, target);
  expect(result, `code ${input.code}`).toMatchObject({ __typename: "SignInSuccess", user: { id: userId, totpEnabled: true } });
  expect(sessionCookies).toHaveLength(1);
  expect(sessionCookies[0]).toMatch(/^session=[A-Za-z0-9_-]{43,};/);
}

async function expectSecondFactorRequired(input: SignInInput, codeWasGiven: boolean, target = server) {
  const { result, sessionCookies } = await signIn(input, target);
  expect(result, `code ${input.code}`).toMatchObject({ __typename: "SecondFactorRequiredError", codeWasGiven });
  expect(sessionCookies).toEqual([]);
}

async function adminUser(id: string, target = server) {
  const user = (await send(TotpAdminUserQuery, { id }, { admin: true }, target)).body.data?.user;
  if (!user) throw new Error(`user ${id} not found`);
  return user;
}

/** A 6-digit code that is none of the codes valid around `step`. */
function wrongCode(step: number): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((offset) => totp(secret, step + offset)));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate * 7919).padStart(6, "0").slice(-6);
    if (!valid.has(code)) return code;
  }
}

describe("signIn with TOTP", () => {
  it("asks for a code after the right password, and only then", async () => {
    const { userId, email } = await createTotpUser("totp-none");
    await expectSecondFactorRequired({ identifier: email, password }, false);
    await expectSecondFactorRequired({ identifier: email, password, code: null }, false);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
    expect((await adminUser(userId)).lastSignInAt).toBeNull();

    // A wrong password says nothing about the second factor, even with a valid code.
    const step = await stepWithRoom();
    const wrongPassword = await signIn({ identifier: email, password: "not the password", code: totp(secret, step) });
    expect(wrongPassword.result.__typename).toBe("InvalidCredentialsError");
    // ... and did not use the code up.
    await expectSuccess({ identifier: email, password, code: totp(secret, step) }, userId);
  });

  it("rejects a wrong code as SecondFactorRequiredError (codeWasGiven) and counts it", async () => {
    const { userId, email } = await createTotpUser("totp-wrong");
    const step = await stepWithRoom();
    const wrong = wrongCode(step);
    const wrongCodes = [wrong, "12345", "1234567", "abcdef", `${wrong.slice(0, 3)} ${wrong.slice(3)}`, "xxxx-yyyy"];
    for (const [index, code] of wrongCodes.entries()) {
      await expectSecondFactorRequired({ identifier: email, password, code }, true);
      expect((await adminUser(userId)).loginAttempts).toBe(index + 1);
    }
    await expectSuccess({ identifier: email, password, code: totp(secret, step) }, userId);
    expect((await adminUser(userId)).loginAttempts).toBe(0);
  });

  it("accepts the code as authenticator apps show it, in groups with a space or a hyphen, and refuses any other change", async () => {
    const step = await stepWithRoom();
    const code = totp(secret, step);
    const [head, tail] = [code.slice(0, 3), code.slice(3)];
    const { email } = await createTotpUser("totp-altered");
    const fullwidth = [...code].map((digit) => String.fromCharCode(0xff10 + Number(digit))).join("");
    for (const altered of [`${head}.${tail}`, `${head}_${tail}`, `${head}/${tail}`, `${code}0`, `${head} ${tail} 0`, `${code}a`, fullwidth]) {
      await expectSecondFactorRequired({ identifier: email, password, code: altered }, true);
    }
    // One user each: a code is accepted once.
    for (const spelled of [`${head} ${tail}`, `${head}-${tail}`, ` ${head} ${tail}\n`, `${head}\u00a0${tail}`, `  ${code}  `]) {
      const { userId, email: spelledEmail } = await createTotpUser("totp-spelled");
      await expectSuccess({ identifier: spelledEmail, password, code: spelled }, userId);
    }
  });

  it("accepts the current code once: the same code again is rejected", async () => {
    const { userId, email } = await createTotpUser("totp-current");
    const step = await stepWithRoom();
    const code = totp(secret, step);
    await expectSuccess({ identifier: email, password, code }, userId);
    const after = await adminUser(userId);
    expect(after.loginAttempts).toBe(0);
    expect(after.lastSignInAt).not.toBeNull();
    await expectSecondFactorRequired({ identifier: email, password, code }, true);
    // An older code than the one used is no good either.
    await expectSecondFactorRequired({ identifier: email, password, code: totp(secret, step - 1) }, true);
  });

  it("accepts the previous step's code once when not used yet, then a later one", async () => {
    const { userId, email } = await createTotpUser("totp-previous");
    const step = await stepWithRoom();
    const previous = totp(secret, step - 1);
    await expectSuccess({ identifier: email, password, code: previous }, userId);
    await expectSecondFactorRequired({ identifier: email, password, code: previous }, true);
    await expectSuccess({ identifier: email, password, code: totp(secret, step) }, userId);
  });

  it("rejects codes two steps away (old or ahead)", async () => {
    const { userId, email } = await createTotpUser("totp-far");
    const step = await stepWithRoom();
    for (const offset of [-2, -3, 2, 3]) {
      const code = totp(secret, step + offset);
      // Codes of different steps can coincide; skip one equal to a code the server may accept.
      if ([-1, 0, 1].some((near) => totp(secret, step + near) === code)) continue;
      await expectSecondFactorRequired({ identifier: email, password, code }, true);
    }
    await expectSuccess({ identifier: email, password, code: totp(secret, step) }, userId);
  });

  it("accepts a code once per user, also when the secret is replaced, removed and set back since", async () => {
    const { userId, email } = await createTotpUser("totp-set-back");
    const step = await stepWithRoom();
    const code = totp(secret, step);
    await expectSuccess({ identifier: email, password, code }, userId);
    // Each change deletes the credential and creates it anew: the used step is kept on the user.
    for (const totpSecret of ["KRSXG5CTMVRXEZLU", null, secret]) {
      const updated = await send(TotpSetSecretMutation, { id: userId, input: { totpSecret } }, { admin: true });
      expect(updated.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    }
    await expectSecondFactorRequired({ identifier: email, password, code }, true);
    // A code accepted once with this secret is a replay, not a guess: refused, not counted.
    expect((await adminUser(userId)).loginAttempts).toBe(0);
    await expectSuccess({ identifier: email, password, code: totp(secret, step + 1) }, userId);
  });

  it("lets one of two concurrent sign-ins with the same code through, not both", async () => {
    const { userId, email } = await createTotpUser("totp-race");
    const step = await stepWithRoom();
    const code = totp(secret, step);
    const results = await Promise.all([1, 2, 3].map(() => signIn({ identifier: email, password, code })));
    const typenames = results.map(({ result }) => result.__typename).sort();
    expect(typenames).toEqual(["SecondFactorRequiredError", "SecondFactorRequiredError", "SignInSuccess"]);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(1);
  });
});

describe("a TOTP code sent again", () => {
  // Limits on, small enough that two failures too many show: two per identifier (and account), two
  // per address. A server each, since the address's count is never cleared by a success.
  const limitedServers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(limitedServers.splice(0).map((limited) => limited.close()));
  });
  async function startLimitedServer() {
    const limited = await startTestServer({ SIGN_IN_FAILURES_PER_IDENTIFIER: "2", SIGN_IN_FAILURES_PER_IP: "2" });
    limitedServers.push(limited);
    return limited;
  }

  it("lets one of two sign-ins sent at once with the same right code in, and counts the other as no failure", async () => {
    const limited = await startLimitedServer();
    const { userId, email } = await createTotpUser("totp-double-submit", { backupCodes: ["oscar-1111"] }, limited);
    const step = await stepWithRoom();
    const code = totp(secret, step);
    const results = await Promise.all([1, 2].map(() => signIn({ identifier: email, password, code }, limited)));
    expect(results.map(({ result }) => result.__typename).sort()).toEqual(["SecondFactorRequiredError", "SignInSuccess"]);
    const refused = results.find(({ result }) => result.__typename === "SecondFactorRequiredError")!;
    expect(refused.result).toMatchObject({ codeWasGiven: true });
    expect(refused.sessionCookies).toEqual([]);
    expect(await limited.database.prisma.session.count({ where: { userId } })).toBe(1);
    expect((await adminUser(userId, limited)).loginAttempts).toBe(0);
    // Both limits are whole: a wrong code is answered (and counted), and the backup code after it still signs in.
    await expectSecondFactorRequired({ identifier: email, password, code: wrongCode(step) }, true, limited);
    expect((await adminUser(userId, limited)).loginAttempts).toBe(1);
    await expectSuccess({ identifier: email, password, code: "oscar-1111" }, userId, limited);
  });

  it("refuses a code already used, and an older one, without counting either; a wrong code still counts", async () => {
    const limited = await startLimitedServer();
    const { userId, email } = await createTotpUser("totp-replayed", { backupCodes: ["papa-2222"] }, limited);
    const step = await stepWithRoom();
    const code = totp(secret, step);
    await expectSuccess({ identifier: email, password, code }, userId, limited);
    const replays = [code, code];
    // The previous step's code, never used, is older than the one that was: it can never be accepted either.
    if (totp(secret, step - 1) !== code) replays.push(totp(secret, step - 1));
    for (const replay of replays) {
      await expectSecondFactorRequired({ identifier: email, password, code: replay }, true, limited);
      expect((await adminUser(userId, limited)).loginAttempts).toBe(0);
    }
    // Counted, these would have used up both limits of two: the backup code would be RATE_LIMITED.
    await expectSuccess({ identifier: email, password, code: "papa-2222" }, userId, limited);
    await expectSecondFactorRequired({ identifier: email, password, code: wrongCode(step) }, true, limited);
    expect((await adminUser(userId, limited)).loginAttempts).toBe(1);
  });
});

describe("signIn with backup codes", () => {
  it("accepts each plain backup code once and counts it as used", async () => {
    const codes = ["alpha-1111", "bravo-2222", "charlie-3333"];
    const { userId, email } = await createTotpUser("backup-plain", { backupCodes: codes });
    expect((await adminUser(userId)).backupCodeCount).toBe(3);

    await expectSuccess({ identifier: email, password, code: "bravo-2222" }, userId);
    expect((await adminUser(userId)).backupCodeCount).toBe(2);
    await expectSecondFactorRequired({ identifier: email, password, code: "bravo-2222" }, true);
    const afterReuse = await adminUser(userId);
    expect(afterReuse.backupCodeCount).toBe(2);
    expect(afterReuse.loginAttempts).toBe(1);

    await expectSuccess({ identifier: email, password, code: "alpha-1111" }, userId);
    await expectSuccess({ identifier: email, password, code: "charlie-3333" }, userId);
    const end = await adminUser(userId);
    expect(end.backupCodeCount).toBe(0);
    expect(end.loginAttempts).toBe(0);
    await expectSecondFactorRequired({ identifier: email, password, code: "alpha-1111" }, true);
  });

  it("refuses a used code issued again as a new digest of itself, which updateUser cannot tell from a new code", async () => {
    const { userId, email } = await createTotpUser("backup-reissued", { backupCodes: ["golf-1234", "hotel-5678"] });
    await expectSuccess({ identifier: email, password, code: "golf-1234" }, userId);
    // Another salt: not the digest that was used, so the list is accepted.
    const reissued = await send(TotpSetSecretMutation, { id: userId, input: { backupCodes: [await bcrypt.hash("golf-1234", 4), "india-9012"] } }, { admin: true });
    expect(reissued.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    await expectSecondFactorRequired({ identifier: email, password, code: "golf-1234" }, true);
    expect(await adminUser(userId)).toMatchObject({ backupCodeCount: 2, loginAttempts: 1 });
    // Used before its SHA-256 was kept (a row from before that migration): known again by bcrypt.
    await server.database.prisma.backupCode.updateMany({ where: { userId, usedAt: { not: null } }, data: { usedCodeSha256: null } });
    await expectSecondFactorRequired({ identifier: email, password, code: "golf-1234" }, true);
    await expectSuccess({ identifier: email, password, code: "india-9012" }, userId);
  });

  it("accepts backup codes given as bcrypt digests ($2b$, $2y$, $2a$) with their plain code", async () => {
    const digest2b = await bcrypt.hash("delta-4444", 4);
    const digest2y = (await bcrypt.hash("echo-5555", 4)).replace(/^\$2b\$/, "$2y$");
    const digest2a = (await bcrypt.hash("foxtrot-6666", 4)).replace(/^\$2b\$/, "$2a$");
    expect(digest2b.startsWith("$2b$04$")).toBe(true);
    expect(digest2y.startsWith("$2y$04$")).toBe(true);
    const { userId, email } = await createTotpUser("backup-bcrypt", { backupCodes: [digest2b, digest2y, digest2a] });
    expect((await adminUser(userId)).backupCodeCount).toBe(3);

    // The digest is not itself a code.
    await expectSecondFactorRequired({ identifier: email, password, code: digest2b }, true);

    await expectSuccess({ identifier: email, password, code: "delta-4444" }, userId);
    expect((await adminUser(userId)).backupCodeCount).toBe(2);
    await expectSecondFactorRequired({ identifier: email, password, code: "delta-4444" }, true);

    await expectSuccess({ identifier: email, password, code: "echo-5555" }, userId);
    expect((await adminUser(userId)).backupCodeCount).toBe(1);
    await expectSecondFactorRequired({ identifier: email, password, code: "echo-5555" }, true);

    await expectSuccess({ identifier: email, password, code: "foxtrot-6666" }, userId);
    expect((await adminUser(userId)).backupCodeCount).toBe(0);
  });

  it("stores plain backup codes as bcrypt digests, never as given", async () => {
    const { userId } = await createTotpUser("backup-stored", { backupCodes: ["golf-7777"] });
    const rows = await server.database.prisma.backupCode.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.digest).toMatch(/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/);
    expect(await bcrypt.compare("golf-7777", rows[0]!.digest)).toBe(true);
  });

  it("compares backup codes one at a time, so a user with many slow ones does not hold up other sign-ins", async () => {
    // 24 imported codes of cost 11, none of them the code given: compared all at once, they filled
    // the thread pool ahead of the other user's password check.
    const backupCodes = await Promise.all(Array.from({ length: 24 }, (_, index) => bcrypt.hash(`kilo-${index}`, 11)));
    const { email } = await createTotpUser("backup-slow", { backupCodes });
    const otherEmail = uniqueEmail("backup-slow-other");
    const other = await server.createUser({ emailAddress: [otherEmail], password });

    const timed = async (input: SignInInput) => {
      const startedAt = performance.now();
      const outcome = await signIn(input);
      return { ...outcome, milliseconds: performance.now() - startedAt };
    };
    const slow = timed({ identifier: email, password, code: "not-a-code" });
    // Past the slow sign-in's password check, into its backup codes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const quick = await timed({ identifier: otherEmail, password });
    expect(quick.result).toMatchObject({ __typename: "SignInSuccess", user: { id: other.id } });
    const slowOutcome = await slow;
    expect(slowOutcome.result).toMatchObject({ __typename: "SecondFactorRequiredError", codeWasGiven: true });
    // All at once, the other sign-in waited behind every comparison and answered with the slow one.
    expect(quick.milliseconds).toBeLessThan(slowOutcome.milliseconds / 3);
  });

  it("lets one of two concurrent sign-ins with the same backup code through, not both", async () => {
    const { userId, email } = await createTotpUser("backup-race", { backupCodes: ["hotel-8888", "india-9999"] });
    const results = await Promise.all([1, 2].map(() => signIn({ identifier: email, password, code: "hotel-8888" })));
    expect(results.map(({ result }) => result.__typename).sort()).toEqual(["SecondFactorRequiredError", "SignInSuccess"]);
    expect((await adminUser(userId)).backupCodeCount).toBe(1);
  });
});

describe("TOTP secrets sealed with another SECRET_KEY", () => {
  it("are refused as a wrong code, not as a server fault, and a backup code still signs in", async () => {
    const { userId, email } = await createTotpUser("other-key", { backupCodes: ["delta-4444"] });
    const sealedElsewhere = new SecretBox("another-instance-secret-key-0123456789abcdef").encrypt(secret);
    await server.database.prisma.totpCredential.update({ where: { userId }, data: { encryptedSecret: sealedElsewhere } });
    const step = await stepWithRoom();
    await expectSecondFactorRequired({ identifier: email, password, code: totp(secret, step) }, true);
    await expectSuccess({ identifier: email, password, code: "delta-4444" }, userId);
  });

  it("stop a server whose SECRET_KEY does not open them from starting, with a line that names SECRET_KEY", async () => {
    await createTotpUser("newest-secret");
    const config = loadConfig({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: "memory://",
      SECRET_KEY: "a-new-secret-key-that-sealed-nothing-0123456789",
    });
    await expect(startServer(config, server.database, createLogger("silent"))).rejects.toThrow(
      "Invalid configuration: SECRET_KEY does not open the TOTP secrets stored in the database",
    );
  });
});

describe("a second factor set up while a sign-in is under way", () => {
  async function createPasswordUser(prefix: string, passwordDigest?: string) {
    const email = uniqueEmail(prefix);
    const input: CreateUserInput = passwordDigest ? { emailAddress: [email], passwordDigest, passwordHasher: "ARGON2ID" } : { emailAddress: [email], password };
    return { userId: (await server.createUser(input)).id, email };
  }

  it("is asked for when it is set up during the password check, and no session is left", async () => {
    // 64 MiB and 16 passes: a check of about a second to set the secret in.
    const slowDigest = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 65536, timeCost: 16, parallelism: 1 });
    const { userId, email } = await createPasswordUser("totp-meanwhile", slowDigest);
    let answered = false;
    const signingIn = signIn({ identifier: email, password }).finally(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const updated = await send(TotpSetSecretMutation, { id: userId, input: { totpSecret: secret } }, { admin: true });
    expect(updated.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    expect(answered, "signIn answered before the secret was set: the check was faster than the window").toBe(false);

    const { result, sessionCookies } = await signingIn;
    expect(result).toMatchObject({ __typename: "SecondFactorRequiredError", codeWasGiven: false });
    expect(sessionCookies).toEqual([]);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
    await expectSuccess({ identifier: email, password, code: totp(secret, stepAt(Date.now() / 1000)) }, userId);
  });

  it.each([
    { change: "removed", totpSecret: null, answer: "SignInSuccess" },
    { change: "replaced", totpSecret: "KRSXG5CTMVRXEZLU", answer: "SecondFactorRequiredError" },
  ])("does not count the right code as a failure when the second factor is $change during the password check", async ({ totpSecret, answer }) => {
    // 64 MiB and 16 passes: a check of about a second to change the second factor in.
    const slowDigest = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 65536, timeCost: 16, parallelism: 1 });
    const { userId, email } = await createTotpUser("totp-changed-meanwhile", { password: undefined, passwordDigest: slowDigest, passwordHasher: "ARGON2ID" });
    let answered = false;
    const signingIn = signIn({ identifier: email, password, code: totp(secret, stepAt(Date.now() / 1000)) }).finally(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const updated = await send(TotpSetSecretMutation, { id: userId, input: { totpSecret } }, { admin: true });
    expect(updated.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    expect(answered, "signIn answered before the change: the check was faster than the window").toBe(false);

    expect((await signingIn).result.__typename).toBe(answer);
    expect((await send(TotpAdminUserQuery, { id: userId }, { admin: true })).body.data?.user?.loginAttempts).toBe(0);
  });

  it("spends no backup code when the password is changed during the sign-in that typed it", async () => {
    // 64 MiB and 16 passes: a check of about a second to change the password in.
    const slowDigest = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 65536, timeCost: 16, parallelism: 1 });
    const { userId, email } = await createTotpUser("backup-kept", {
      password: undefined,
      passwordDigest: slowDigest,
      passwordHasher: "ARGON2ID",
      backupCodes: ["echo-5555", "foxtrot-6666"],
    });
    let answered = false;
    const signingIn = signIn({ identifier: email, password, code: "echo-5555" }).finally(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const newPassword = "difference engine drawings 1822";
    const updated = await send(TotpSetSecretMutation, { id: userId, input: { password: newPassword } }, { admin: true });
    expect(updated.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    expect(answered, "signIn answered before the change: the check was faster than the window").toBe(false);

    // The code matched, then the old password was checked again against the new digest.
    expect((await signingIn).result.__typename).toBe("InvalidCredentialsError");
    expect((await adminUser(userId)).backupCodeCount).toBe(2);
    await expectSuccess({ identifier: email, password: newPassword, code: "echo-5555" }, userId);
    expect((await adminUser(userId)).backupCodeCount).toBe(1);
  });

  it("checks a backup code again, and lets it in, when the codes are replaced with it still among them during its comparison", async () => {
    // Imported digests of cost 12, the highest a backup code may have, the code's own stored last:
    // comparisons of about a second in all to replace the codes in.
    const decoys = ["alpha-0001", "bravo-0002", "charlie-0003", "delta-0004"];
    const backupCodes = await Promise.all([...decoys, "golf-7777"].map((code) => bcrypt.hash(code, 12)));
    const { userId, email } = await createTotpUser("backup-replaced", { backupCodes });
    let answered = false;
    const signingIn = signIn({ identifier: email, password, code: "golf-7777" }).finally(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const updated = await send(TotpSetSecretMutation, { id: userId, input: { backupCodes: ["golf-7777", "hotel-8888"] } }, { admin: true });
    expect(updated.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    expect(answered, "signIn answered before the change: the comparison was faster than the window").toBe(false);

    expect((await signingIn).result.__typename).toBe("SignInSuccess");
    expect(await adminUser(userId)).toMatchObject({ backupCodeCount: 1, loginAttempts: 0 });
  });

  it("signs in, counting no failure, when the second factor is removed right after the backup code opened the session", async () => {
    const { userId, email } = await createTotpUser("backup-then-removed", { backupCodes: ["mike-1111", "november-2222"] });
    // The admin's removal runs right after the statement that opens the session (and spends the
    // code), before the sign-in answers: the sign-in came first, and the removal ends its session.
    const { statements } = server.database;
    const query = statements.query;
    let removed = false;
    statements.query = async function <Row>(this: typeof statements, sql: string, parameters: unknown[]) {
      const rows = await query.call<typeof statements, [string, unknown[]], Promise<Row[]>>(this, sql, parameters);
      if (!removed && sql.includes('INSERT INTO "Session"')) {
        removed = true;
        expect((await send(TotpSetSecretMutation, { id: userId, input: { totpSecret: null } }, { admin: true })).body.data?.updateUser.__typename).toBe(
          "UpdateUserSuccess",
        );
      }
      return rows;
    };
    try {
      expect((await signIn({ identifier: email, password, code: "mike-1111" })).result.__typename).toBe("SignInSuccess");
    } finally {
      statements.query = query;
    }
    expect(removed).toBe(true);
    expect(await adminUser(userId)).toMatchObject({ loginAttempts: 0, totpEnabled: false });
  });

  // Two connections at once: PostgreSQL only (the embedded database has one).
  const replacementSecret = "KRSXG5CTMVRXEZLU";
  it.skipIf(process.env.TEST_DATABASE !== "postgres").each([
    { change: "set up", before: undefined, codeWasGiven: false, backupCode: undefined },
    { change: "replaced", before: secret, codeWasGiven: true, backupCode: undefined },
    { change: "replaced, a backup code typed,", before: secret, codeWasGiven: true, backupCode: "kilo-1111" },
  ])(
    "is asked for when it is $change by a change that holds the user's row while the sign-in waits for it",
    async ({ before, codeWasGiven, backupCode }) => {
      const backupCodes = ["kilo-1111", "lima-2222"];
      const { userId, email } = before ? await createTotpUser("totp-holding-row", { backupCodes }) : await createPasswordUser("totp-holding-row");
      let signInIsWaiting!: () => void;
      const signInWaits = new Promise<void>((resolve) => (signInIsWaiting = resolve));
      // What updateUser does for a new secret, held open: take the user's row first; then, once the
      // sign-in (its password and code checked) waits for that row, replace the secret and end the sessions.
      const change = server.database.prisma.$transaction(
        async (transaction) => {
          await transaction.user.updateMany({ where: { id: userId }, data: { updatedAt: new Date() } });
          await signInWaits;
          await transaction.totpCredential.deleteMany({ where: { userId } });
          const encryptedSecret = new SecretBox(server.config.secretKey).encrypt(replacementSecret);
          await transaction.totpCredential.create({ data: { userId, encryptedSecret } });
          await transaction.session.deleteMany({ where: { userId } });
        },
        { timeout: 30_000 },
      );
      const code = backupCode ?? (before ? totp(before, stepAt(Date.now() / 1000)) : undefined);
      const signingIn = signIn({ identifier: email, password, code });
      await untilAStatementWaitsForALock(server.database);
      signInIsWaiting();
      await change;

      const { result, sessionCookies } = await signingIn;
      expect(result).toMatchObject({ __typename: "SecondFactorRequiredError", codeWasGiven });
      expect(sessionCookies).toEqual([]);
      expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
      // The backup codes stay with the new secret, and the one typed was not spent for nothing.
      if (before) expect((await adminUser(userId)).backupCodeCount).toBe(backupCodes.length);
      await expectSuccess({ identifier: email, password, code: totp(replacementSecret, stepAt(Date.now() / 1000)) }, userId);
    },
  );


  it.skipIf(process.env.TEST_DATABASE !== "postgres").each([
    { change: "removed", answer: "SignInSuccess" },
    { change: "replaced", answer: "SecondFactorRequiredError" },
  ])(
    "is not a failure when it is $change while the code is being accepted: the code met nothing to accept it",
    async ({ change, answer }) => {
      const { userId, email } = await createTotpUser(`totp-${change}-under-code`);
      let signInIsWaiting!: () => void;
      const signInWaits = new Promise<void>((resolve) => (signInIsWaiting = resolve));
      // What updateUser does with `totpSecret: null` or a new secret, with the user's row held first
      // as updateUser holds it, so that the sign-in's acceptance of its (right) code waits for it.
      const changing = server.database.prisma.$transaction(
        async (transaction) => {
          await transaction.user.updateMany({ where: { id: userId }, data: { updatedAt: new Date() } });
          await signInWaits;
          await transaction.totpCredential.deleteMany({ where: { userId } });
          await transaction.backupCode.deleteMany({ where: { userId } });
          if (change === "replaced") {
            await transaction.totpCredential.create({ data: { userId, encryptedSecret: new SecretBox(server.config.secretKey).encrypt(replacementSecret) } });
          }
        },
        { timeout: 30_000 },
      );
      const signingIn = signIn({ identifier: email, password, code: totp(secret, stepAt(Date.now() / 1000)) });
      await untilAStatementWaitsForALock(server.database);
      signInIsWaiting();
      await changing;

      const { result } = await signingIn;
      expect(result.__typename).toBe(answer);
      const after = await send(TotpAdminUserQuery, { id: userId }, { admin: true });
      expect(after.body.data?.user?.loginAttempts).toBe(0);
    },
  );
});
