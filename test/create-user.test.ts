import { randomBytes } from "node:crypto";
import { keccak_256 } from "@noble/hashes/sha3.js";
import argon2 from "argon2";
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../src/domain/second-factor/secret-box.ts";
import { newRandomToken } from "../src/domain/random-tokens.ts";
import { CreateUserMutation, SignUpMutation, SignUpWithAdminFieldsMutation } from "./documents.ts";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput, PasswordHasher } from "./generated/graphql.ts";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";
import { tableCounts } from "./helpers/table-counts.ts";
import { nextNumber, runId, uniqueEmail, uniqueExternalId, uniqueUsername } from "./helpers/unique-values.ts";

// createUser (SPEC sections 4, 4b, 5, 6, 7; seed 004 plus the seed-000 fields it lacks), through
// real HTTP against the real server on a fresh database.

const CreateUserSpecMeQuery = graphql(`
  query CreateUserSpecMe {
    me { id email loginAttempts privateMetadata backupCodeCount }
  }
`);

const CreateUserSpecUserQuery = graphql(`
  query CreateUserSpecUser($id: ID!) {
    user(id: $id) { id email loginAttempts privateMetadata backupCodeCount }
  }
`);

const CreateUserSpecLimitQuery = graphql(`
  query CreateUserSpecLimit($id: ID!) {
    user(id: $id) { createOrganizationsLimit }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server?.close());

/** A valid US number, +1 415 555 xxxx, with its E.164 and another written form. */
function uniquePhone(): { e164: string; formatted: string } {
  const line = String(1000 + nextNumber()).padStart(4, "0");
  return { e164: `+1415555${line}`, formatted: `+1 (415) 555-${line}` };
}

/** EIP-55 checksummed form of an address. */
function toChecksumAddress(address: string): string {
  const hex = address.slice(2).toLowerCase();
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(hex))).toString("hex");
  return `0x${[...hex].map((character, index) => (/[a-f]/.test(character) && Number.parseInt(hash[index]!, 16) >= 8 ? character.toUpperCase() : character)).join("")}`;
}
/** A random wallet whose checksummed form has mixed case. */
function uniqueWallet(): { lower: string; checksummed: string; upper: string } {
  for (;;) {
    const lower = `0x${randomBytes(20).toString("hex")}`;
    const checksummed = toChecksumAddress(lower);
    if (checksummed !== lower && /[a-f]/.test(checksummed.slice(2)) && /[A-F]/.test(checksummed.slice(2))) {
      return { lower, checksummed, upper: `0x${lower.slice(2).toUpperCase()}` };
    }
  }
}

const strongPassword = "velvet-harbour-ninety-lanterns";

async function send(input: CreateUserInput, options: { admin?: boolean; headers?: Record<string, string> } = { admin: true }) {
  const response = await server.request(CreateUserMutation, { input }, options);
  expect(response.status).toBeLessThan(500);
  return response;
}

/** The createUser result, sent with the admin key; fails the test on a GraphQL error. */
async function createUser(input: CreateUserInput) {
  const response = await send(input);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const result = response.body.data?.createUser;
  expect(result).toBeDefined();
  return result!;
}

async function createdUser(input: CreateUserInput) {
  const result = await createUser(input);
  if (result.__typename !== "CreateUserSuccess") throw new Error(`expected CreateUserSuccess, got ${JSON.stringify(result)}`);
  return result.user;
}

async function fieldErrors(input: CreateUserInput) {
  const result = await createUser(input);
  if (result.__typename !== "ValidationError") throw new Error(`expected ValidationError, got ${JSON.stringify(result)}`);
  expect(result.message.length).toBeGreaterThan(0);
  return result.fieldErrors;
}

async function fieldErrorPaths(input: CreateUserInput): Promise<string[][]> {
  return (await fieldErrors(input)).map((error) => error.path);
}

async function conflictFields(input: CreateUserInput): Promise<string[]> {
  const result = await createUser(input);
  if (result.__typename !== "ConflictError") throw new Error(`expected ConflictError, got ${JSON.stringify(result)}`);
  return [...result.fields].sort();
}

const countRows = () => tableCounts(server.database.prisma);

/** Signs up a public user and returns their session cookie. */
async function signUpSessionCookie(): Promise<{ cookie: string; userId: string }> {
  const response = await server.request(SignUpMutation, { input: { email: uniqueEmail("signed-in"), password: strongPassword } });
  expect(response.status).toBeLessThan(500);
  const result = response.body.data?.signUp;
  if (result?.__typename !== "SignUpSuccess") throw new Error(`sign-up failed: ${JSON.stringify(response.body)}`);
  const token = /^session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
  expect(token).toBeDefined();
  return { cookie: `session=${token}`, userId: result.user.id };
}

describe("createUser: who may call it", () => {
  const input = (): CreateUserInput => ({ emailAddress: [uniqueEmail("auth")], skipPasswordRequirement: true });

  async function expectRefused(headers: Record<string, string>, code: string) {
    const attempt = input();
    const before = await countRows();
    const response = await send(attempt, { headers });
    expect(response.body.data?.createUser ?? null).toBeNull();
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
    // Neither the key nor any stack trace is echoed back.
    expect(JSON.stringify(response.body)).not.toContain(adminApiKey);
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.ts:\d+/);
    expect(await countRows()).toEqual(before);
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: attempt.emailAddress![0]! } })).toBe(0);
  }

  it("refuses a call without an Authorization header with UNAUTHENTICATED", async () => {
    await expectRefused({}, "UNAUTHENTICATED");
  });

  it("refuses a wrong key with UNAUTHENTICATED", async () => {
    await expectRefused({ authorization: "Bearer not-the-admin-key-0123456789abcdefghijklmnop" }, "UNAUTHENTICATED");
  });

  it("refuses a key that differs from the admin key in one character with UNAUTHENTICATED", async () => {
    await expectRefused({ authorization: `Bearer ${adminApiKey.slice(0, -1)}X` }, "UNAUTHENTICATED");
  });

  it("refuses Basic authentication, even carrying the admin key, with UNAUTHENTICATED", async () => {
    await expectRefused(
      { authorization: `Basic ${Buffer.from(`admin:${adminApiKey}`).toString("base64")}` },
      "UNAUTHENTICATED",
    );
  });

  it("refuses a signed-in user (session cookie, no key) with FORBIDDEN", async () => {
    const { cookie } = await signUpSessionCookie();
    await expectRefused({ cookie }, "FORBIDDEN");
  });

  it("creates the user with the admin key, also when a session cookie comes with it", async () => {
    const { cookie } = await signUpSessionCookie();
    const attempt = input();
    const response = await send(attempt, { admin: true, headers: { cookie } });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.createUser.__typename).toBe("CreateUserSuccess");
  });

  it("creates the user with the admin key", async () => {
    const attempt = input();
    const user = await createdUser(attempt);
    expect(user.email).toBe(attempt.emailAddress![0]);
    expect(user.hasPassword).toBe(false);
  });
});

describe("createUser: every seed-004 field is stored and returned", () => {
  it("stores and returns a fully populated user", async () => {
    const wallet = uniqueWallet();
    const secondWallet = uniqueWallet();
    const [firstPhone, secondPhone] = [uniquePhone(), uniquePhone()];
    const label = `grace${nextNumber()}`;
    const input: CreateUserInput = {
      externalId: uniqueExternalId(),
      firstName: "Grace",
      lastName: "Hopper",
      emailAddress: [`  Grace.Hopper.${runId}.${label}@Example.COM `, `g.${runId}.${label}@navy.example.org`],
      phoneNumber: [firstPhone.formatted, secondPhone.e164],
      web3Wallet: [wallet.checksummed, secondWallet.lower],
      username: `Grace_${runId}_${label}`,
      password: strongPassword,
      publicMetadata: { plan: "pro", nested: { list: [1, "two", { three: null }], deep: { deeper: { deepest: true } } } },
      privateMetadata: { stripeCustomer: "cus_123", limits: { seats: 5 } },
      unsafeMetadata: { theme: "dark", onboarding: { step: 3 } },
      deleteSelfEnabled: false,
      createOrganizationEnabled: false,
      createOrganizationsLimit: 7,
      legalAcceptedAt: "2012-10-20T07:15:20.902Z",
      skipLegalChecks: true,
      createdAt: "2012-10-20T09:15:20+02:00",
    };
    const user = await createdUser(input);

    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.externalId).toBe(input.externalId);
    expect(user.firstName).toBe("Grace");
    expect(user.lastName).toBe("Hopper");
    expect(user.username).toBe(input.username);

    // Emails: trimmed, domain lower-cased, the first one primary, not verified by default.
    const primaryEmail = `Grace.Hopper.${runId}.${label}@example.com`;
    expect(user.email).toBe(primaryEmail);
    expect(user.emailVerified).toBe(false);
    expect(user.emailAddresses).toEqual([
      { email: primaryEmail, verified: false, primary: true },
      { email: `g.${runId}.${label}@navy.example.org`, verified: false, primary: false },
    ]);

    // Phones: E.164, the first one primary.
    expect(user.phoneNumber).toBe(firstPhone.e164);
    expect(user.phoneNumberVerified).toBe(false);
    expect(user.phoneNumbers).toEqual([
      { phoneNumber: firstPhone.e164, verified: false, primary: true },
      { phoneNumber: secondPhone.e164, verified: false, primary: false },
    ]);

    // Wallets: the checksummed case is kept, the first one primary.
    expect(user.web3Wallets).toEqual([
      { address: wallet.checksummed, primary: true },
      { address: secondWallet.lower, primary: false },
    ]);

    expect(user.publicMetadata).toEqual(input.publicMetadata);
    expect(user.privateMetadata).toEqual(input.privateMetadata);
    expect(user.unsafeMetadata).toEqual(input.unsafeMetadata);
    expect(user.deleteSelfEnabled).toBe(false);
    expect(user.createOrganizationEnabled).toBe(false);
    expect(user.createOrganizationsLimit).toBe(7);
    expect(user.legalAcceptedAt).toBe("2012-10-20T07:15:20.902Z");
    expect(new Date(user.createdAt).toISOString()).toBe("2012-10-20T07:15:20.000Z");
    expect(user.hasPassword).toBe(true);
    expect(user.totpEnabled).toBe(false);
    expect(user.backupCodeCount).toBe(0);
    expect(user.blocked).toBe(false);
    expect(user.loginAttempts).toBe(0);
    expect(user.lastSignInAt).toBeNull();

    // The password is stored as an argon2id PHC string that verifies, never as given.
    const credential = await server.database.prisma.passwordCredential.findUnique({ where: { userId: user.id } });
    expect(credential?.algorithm).toBe("argon2id");
    expect(credential?.digest).toMatch(/^\$argon2id\$v=19\$/);
    expect(credential?.digest).toMatch(/[$,]m=\d+[,$]/);
    expect(credential?.digest).toMatch(/[$,]t=\d+[,$]/);
    expect(credential?.digest).toMatch(/[$,]p=\d+[,$]/);
    expect(credential?.digest).not.toContain(strongPassword);
    expect(await argon2.verify(credential!.digest, strongPassword)).toBe(true);
    expect(await argon2.verify(credential!.digest, `${strongPassword}!`)).toBe(false);

    // The database agrees on what is primary.
    const emails = await server.database.prisma.emailAddress.findMany({ where: { userId: user.id } });
    expect(emails.filter((row) => row.primary).map((row) => row.email)).toEqual([primaryEmail]);
    const wallets = await server.database.prisma.web3Wallet.findMany({ where: { userId: user.id } });
    expect(wallets.filter((row) => row.primary).map((row) => row.address)).toEqual([wallet.checksummed]);
  });

  it("accepts the EIP-55 example address of the EIP itself", async () => {
    expect(toChecksumAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).toBe("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    const user = await createdUser({ web3Wallet: ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"], skipPasswordRequirement: true });
    expect(user.web3Wallets).toEqual([{ address: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", primary: true }]);
  });

  it("accepts an all-lower-case and an all-upper-case wallet (no checksum to check)", async () => {
    const [a, b] = [uniqueWallet(), uniqueWallet()];
    const user = await createdUser({ web3Wallet: [a.lower, b.upper], skipPasswordRequirement: true });
    expect(user.web3Wallets.map((wallet) => wallet.address.toLowerCase())).toEqual([a.lower, b.lower]);
    expect(user.web3Wallets.map((wallet) => wallet.primary)).toEqual([true, false]);
  });

  it("rejects a wallet whose mixed case fails the EIP-55 checksum", async () => {
    expect(
      await fieldErrorPaths({ web3Wallet: ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"], skipPasswordRequirement: true }),
    ).toContainEqual(["input", "web3Wallet", "0"]);
  });

  it.each([
    ["39 hex digits", `0x${"a".repeat(39)}`],
    ["41 hex digits", `0x${"a".repeat(41)}`],
    ["no 0x", "a".repeat(40)],
    ["a non-hex digit", `0x${"g".repeat(40)}`],
    // Mixed case, but not an address: one error, not a checksum one as well.
    ["no 0x, checksummed", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"],
    ["39 hex digits in mixed case", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe"],
  ])("rejects a wallet with %s, with one error", async (_why, address) => {
    const good = uniqueWallet();
    const result = await createUser({ web3Wallet: [good.lower, address], skipPasswordRequirement: true });
    expect(result.__typename).toBe("ValidationError");
    if (result.__typename === "ValidationError") {
      expect(result.fieldErrors).toEqual([{ path: ["input", "web3Wallet", "1"], message: "Must be 0x followed by 40 hexadecimal digits." }]);
    }
  });

  it("rejects invalid emails and phones at their index", async () => {
    const paths = await fieldErrorPaths({
      emailAddress: [uniqueEmail(), "not-an-email"],
      phoneNumber: [uniquePhone().e164, "12345"],
      skipPasswordRequirement: true,
    });
    expect(paths).toContainEqual(["input", "emailAddress", "1"]);
    expect(paths).toContainEqual(["input", "phoneNumber", "1"]);
  });
});

describe("createUser: passwords", () => {
  it("hashes a plain password with argon2id", async () => {
    const user = await createdUser({ emailAddress: [uniqueEmail()], password: strongPassword });
    expect(user.hasPassword).toBe(true);
    const credential = await server.database.prisma.passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(credential.algorithm).toBe("argon2id");
    expect(await argon2.verify(credential.digest, strongPassword)).toBe(true);
  });

  it("requires a password, a digest or skipPasswordRequirement", async () => {
    const before = await countRows();
    expect(await fieldErrorPaths({ emailAddress: [uniqueEmail()] })).toContainEqual(["input", "password"]);
    expect(await countRows()).toEqual(before);
  });

  it("refuses a blank password even with skipPasswordChecks (anyone could sign in with an empty field), and writes nothing", async () => {
    const before = await countRows();
    for (const password of ["", "   ", "\t\n"]) {
      const errors = await fieldErrors({ emailAddress: [uniqueEmail("blank")], password, skipPasswordChecks: true });
      expect(errors.map((error) => error.path), JSON.stringify(password)).toEqual([["input", "password"]]);
    }
    expect(await countRows()).toEqual(before);
    // Without skipPasswordChecks the policy speaks, as for any short password.
    expect((await createUser({ emailAddress: [uniqueEmail("blank")], password: "" })).__typename).toBe("PasswordPolicyError");
  });

  it("creates a user without a password when skipPasswordRequirement is true", async () => {
    const user = await createdUser({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true });
    expect(user.hasPassword).toBe(false);
    expect(await server.database.prisma.passwordCredential.findUnique({ where: { userId: user.id } })).toBeNull();
  });

  it("applies the password policy unless skipPasswordChecks is true", async () => {
    const email = uniqueEmail();
    const refused = await createUser({ emailAddress: [email], password: "password123" });
    expect(refused.__typename).toBe("PasswordPolicyError");
    if (refused.__typename === "PasswordPolicyError") expect(refused.reasons.length).toBeGreaterThan(0);
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(0);

    const user = await createdUser({ emailAddress: [email], password: "password123", skipPasswordChecks: true });
    expect(user.hasPassword).toBe(true);
    const credential = await server.database.prisma.passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(await argon2.verify(credential.digest, "password123")).toBe(true);
  });

  it("refuses a password that contains any name the user gives, their profile's included", async () => {
    for (const [names, password] of [
      [{ firstName: "Marmaduke" }, "magnificent marmaduke"],
      [{ profile: { givenName: "Zebulon" } }, "zebulon the great"],
      [{ profile: { middleName: "Quixotic" } }, "quixotic adventures"],
      [{ profile: { nickname: "Snorkeldink" } }, "snorkeldink forever"],
    ] as const) {
      const result = await createUser({ emailAddress: [uniqueEmail("names")], password, ...names });
      expect(result.__typename, password).toBe("PasswordPolicyError");
    }
  });

  it("reports a too-short password as a PasswordPolicyError", async () => {
    const result = await createUser({ emailAddress: [uniqueEmail()], password: "x7!q" });
    expect(result.__typename).toBe("PasswordPolicyError");
    if (result.__typename === "PasswordPolicyError") expect(result.reasons.some((reason) => /8/.test(reason))).toBe(true);
  });

  it("refuses a digest without a hasher", async () => {
    const paths = await fieldErrorPaths({ emailAddress: [uniqueEmail()], passwordDigest: "9cc2ae8a1ba7a93da39b46fc1019c481" });
    expect(paths).toContainEqual(["input", "passwordHasher"]);
  });

  it("refuses a hasher without a digest", async () => {
    const paths = await fieldErrorPaths({ emailAddress: [uniqueEmail()], passwordHasher: "MD5" });
    expect(paths).toContainEqual(["input", "passwordDigest"]);
  });

  it("refuses a password and a digest together", async () => {
    const paths = await fieldErrorPaths({
      emailAddress: [uniqueEmail()],
      password: strongPassword,
      passwordDigest: "9cc2ae8a1ba7a93da39b46fc1019c481",
      passwordHasher: "MD5",
    });
    expect(paths.some((path) => ["password", "passwordDigest"].includes(path[1]!) && path[0] === "input")).toBe(true);
  });

  it.each([
    ["password", { password: strongPassword }],
    ["passwordDigest", { passwordDigest: "9cc2ae8a1ba7a93da39b46fc1019c481", passwordHasher: "MD5" as const }],
  ])("refuses a %s without an email address, phone number or username to sign in with", async (field, credentials) => {
    expect(await fieldErrors({ externalId: `no-identifier-${uniqueEmail()}`, ...credentials })).toEqual([
      { path: ["input", field], message: "A password needs an email address, a phone number or a username to sign in with." },
    ]);
  });

  it("names every problem of a field, those of its own rule and of the rules across fields, in its one entry", async () => {
    const errors = await fieldErrors({ emailAddress: [uniqueEmail()], password: strongPassword, passwordDigest: "x".repeat(1025), passwordHasher: "MD5" });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toEqual(["input", "passwordDigest"]);
    expect(errors[0]!.message).toContain("Must be at most 1024 characters.");
    expect(errors[0]!.message).toContain("Give either password or passwordDigest, not both.");
  });
});

// Well-formed digests as the software that defines each format writes them (the same vectors as
// test/passwords/digest-formats.test.ts).
const firebaseSignerKey = "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==";
const firebaseDigest =
  "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$42xEC+ixf3L2lw==$" +
  `${firebaseSignerKey}$Bw==$8$14`;
const werkzeugHash =
  "a179456163a91999c7789c41f5bcaacb6b232922ceaf56f29cdf0a9ebd330d6db222908a32c3c375a5151fc6c883443a590dc35c4252eb853521bc3efcfbece1";
const bcryptTail = "Nz/vDQPPTlEh6tDPhgQm/eAQCC1roDivxU86myykFov8NoPC8XpL2";
const argon2Tail = "c2FsdHNhbHQxMjM0NTY3OA$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs";

const wellFormedDigests: Array<[hasher: PasswordHasher, digest: string]> = [
  ["BCRYPT", "$2a$04$Gw8fzZJRKW5S5DKStPhxGOsZCox0IwYe.So6wJ5DU/0prdfWABd/G"],
  ["BCRYPT", "$2b$04$Nz/vDQPPTlEh6tDPhgQm/eAQCC1roDivxU86myykFov8NoPC8XpL2"],
  ["BCRYPT", "$2y$04$BADWdBr3N2zJSBACoRqhqOGuA7OEOj7Rn5G4CaeRp8c53cVasxA3y"],
  ["BCRYPT_SHA256_DJANGO", "bcrypt_sha256$$2b$05$6tghc8miEeX3VueyTZalWOLoPrTTwWr/CtxWVGHkX4qqFVpSh2RdK"],
  ["MD5", "9cc2ae8a1ba7a93da39b46fc1019c481"],
  ["PBKDF2_SHA1", "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$33c28465f20d1249029486dc3991276b240ebd6b"],
  ["PBKDF2_SHA256", "pbkdf2_sha256$1000$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60="],
  ["PBKDF2_SHA256_DJANGO", "pbkdf2_sha256$260000$eJYSGwOYsUmgYwggVVzoPx$2+VCxStGO3Mpw9X7KD6iOp6mVobx/ugq9Np8ltXjSus="],
  ["PHPASS", "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0"],
  ["PHPASS", "$H$9NrlahUwLxFNtLOqrVlrXrWgmjS.DV1"],
  ["SCRYPT_FIREBASE", firebaseDigest],
  ["SCRYPT_WERKZEUG", `scrypt:1024:8:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`],
  ["SHA256", "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a"],
  ["ARGON2I", "$argon2i$v=19$m=256,t=2,p=1$c2FsdHNhbHQxMjM0NTY3OA$KriFaKuSeIXHGJAuLCa71QWS56yf4bWKeo4bAgI20x8"],
  ["ARGON2ID", "$argon2id$v=19$m=256,t=2,p=2$c2FsdHNhbHQxMjM0NTY3OA$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs"],
];

const malformedDigests: Array<[hasher: PasswordHasher, digest: string, why: string]> = [
  ["BCRYPT", `$2x$04$${bcryptTail}`, "unknown variant"],
  ["BCRYPT", `$2b$04$${bcryptTail.slice(1)}`, "52 salt and hash characters"],
  ["BCRYPT_SHA256_DJANGO", `$2b$04$${bcryptTail}`, "no bcrypt_sha256$ prefix"],
  ["MD5", "9cc2ae8a1ba7a93da39b46fc1019c48", "31 hex digits"],
  ["MD5", "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a", "a SHA-256 digest"],
  ["PBKDF2_SHA1", "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$33c28465f20d1249029486dc3991276b240ebd6x", "non-hex digit"],
  ["PBKDF2_SHA256", "pbkdf2_sha256$1000$oDRm7J0TQggBQGhtDUGIcQ==", "three fields"],
  ["PBKDF2_SHA256_DJANGO", "pbkdf2_sha256$abc$L19UDQHy5BwMCAqoYX5dgU$Dkh3u1rfwTKeJVTXdz/KX3nY43sIbxN4Lq+jC89ARFU=", "non-numeric iterations"],
  ["PHPASS", "$Q$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0", "unknown prefix"],
  ["PHPASS", "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj", "33 characters"],
  ["SCRYPT_FIREBASE", firebaseDigest.split("$").slice(0, 5).join("$"), "five fields"],
  ["SCRYPT_WERKZEUG", `scrypt:1000:8:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "N not a power of two"],
  ["SHA256", "9cc2ae8a1ba7a93da39b46fc1019c481", "an MD5 digest"],
  ["ARGON2I", `$argon2id$v=19$m=256,t=2,p=2$${argon2Tail}`, "an argon2id digest"],
  ["ARGON2ID", `$argon2i$v=19$m=256,t=2,p=1$${argon2Tail}`, "an argon2i digest"],
  ["ARGON2ID", "not a digest at all", "free text"],
];

describe("createUser: imported password digests", () => {
  it("covers all 12 hashers", () => {
    expect(new Set(wellFormedDigests.map(([hasher]) => hasher)).size).toBe(12);
    expect(new Set(malformedDigests.map(([hasher]) => hasher)).size).toBe(12);
  });

  it.each(wellFormedDigests)("%s: stores %s verbatim with the lower-case algorithm name", async (hasher, digest) => {
    const user = await createdUser({ emailAddress: [uniqueEmail("digest")], passwordDigest: digest, passwordHasher: hasher });
    expect(user.hasPassword).toBe(true);
    const credential = await server.database.prisma.passwordCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(credential.algorithm).toBe(hasher.toLowerCase());
    expect(credential.digest).toBe(digest);
  });

  // PHC strings as the `argon2` npm package (node-argon2) writes them: parameters in the order
  // m, p, t. argon2 itself verifies them; so does the digest's own library everywhere else.
  it.each([
    ["ARGON2ID", argon2.argon2id],
    ["ARGON2I", argon2.argon2i],
  ] as const)("%s: accepts a digest written by the argon2 npm package", async (hasher, type) => {
    const digest = await argon2.hash("imported-from-node", { type, memoryCost: 1024, timeCost: 2, parallelism: 1 });
    const result = await createUser({ emailAddress: [uniqueEmail("node-argon2")], passwordDigest: digest, passwordHasher: hasher });
    expect(result.__typename, JSON.stringify(result)).toBe("CreateUserSuccess");
  });

  it("accepts, as an ARGON2ID import, the very digest it wrote for a new password", async () => {
    const original = await createdUser({ emailAddress: [uniqueEmail("roundtrip")], password: strongPassword });
    const { digest } = await server.database.prisma.passwordCredential.findUniqueOrThrow({ where: { userId: original.id } });
    const result = await createUser({ emailAddress: [uniqueEmail("roundtrip")], passwordDigest: digest, passwordHasher: "ARGON2ID" });
    expect(result.__typename, JSON.stringify(result)).toBe("CreateUserSuccess");
  });

  it.each(malformedDigests)("%s: rejects %j (%s) on input.passwordDigest", async (hasher, digest) => {
    const email = uniqueEmail("bad-digest");
    const paths = await fieldErrorPaths({ emailAddress: [email], passwordDigest: digest, passwordHasher: hasher });
    expect(paths).toContainEqual(["input", "passwordDigest"]);
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(0);
  });
});

describe("createUser: TOTP secret and backup codes", () => {
  const totpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  it("stores the TOTP secret encrypted and reports totpEnabled", async () => {
    const user = await createdUser({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, totpSecret });
    expect(user.totpEnabled).toBe(true);
    const credential = await server.database.prisma.totpCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(credential.encryptedSecret).not.toContain(totpSecret);
    expect(credential.encryptedSecret.toLowerCase()).not.toContain(totpSecret.toLowerCase());
    expect(credential.encryptedSecret).not.toContain(Buffer.from(totpSecret).toString("base64"));
    // It is the secret given, readable with the server's key.
    expect(new SecretBox(server.config.secretKey).decrypt(credential.encryptedSecret)).toBe(totpSecret);
  });

  it.each([
    ["characters outside base32", "JBSWY3DPEHPK3PXP0189!!"],
    ["too short", "JBSWY3DP"],
    // 17 characters: the last holds no bit of the key (base32 lengths leave 0, 2, 4, 5 or 7 by 8).
    ["a length no base32 encoding has", "JBSWY3DPEHPK3PXPA"],
    // `/=+$/` took the square of the run's length to refuse this: 80,000 held the server for 3 s,
    // these ones minutes.
    ["a long run of padding that does not end it", `${"=".repeat(400_000)}A`],
  ])("rejects a TOTP secret with %s", async (_why, secret) => {
    const paths = await fieldErrorPaths({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, totpSecret: secret });
    expect(paths).toContainEqual(["input", "totpSecret"]);
  });

  it("takes a TOTP secret of every base32 length, and refuses one whose last character holds no bit of the key", async () => {
    const secretOf = (length: number) => "JBSWY3DPEHPK3PXP".repeat(3).slice(0, length);
    // Lengths 18 and 26 (a 128-bit key) end in bits past the last byte; set, they are ignored, as
    // authenticator apps ignore them ("B" is 00001).
    for (const secret of [secretOf(16), `${secretOf(17)}B`, secretOf(20), secretOf(21), secretOf(23), `${secretOf(25)}B`, `${secretOf(17)}B======`]) {
      expect((await createdUser({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, totpSecret: secret })).totpEnabled, secret).toBe(true);
    }
    for (const secret of [secretOf(17), secretOf(19), secretOf(22), `${secretOf(17)}=======`, secretOf(17).replace(/(.{4})/g, "$1 ")]) {
      expect(await fieldErrors({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, totpSecret: secret }), secret).toEqual([
        { path: ["input", "totpSecret"], message: expect.stringMatching(/^Is not a whole base32 secret: its last character holds no bit of the key/) },
      ]);
    }
  });

  it("tells a TOTP secret too long with its separators from one with too many base32 characters", async () => {
    expect(await fieldErrors({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, totpSecret: `${"-".repeat(1000)}JBSWY3DPEHPK3PXP` })).toEqual([
      { path: ["input", "totpSecret"], message: "Must be at most 512 characters, spaces and hyphens included (and at most 128 base32 characters)." },
    ]);
    expect(await fieldErrors({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, totpSecret: "JBSWY3DP".repeat(17) })).toEqual([
      { path: ["input", "totpSecret"], message: "Must be at most 128 base32 characters." },
    ]);
  });

  it("stores plain backup codes as bcrypt digests and bcrypt digests as given", async () => {
    const plainCodes = ["k7m2-q9x4", "p3n8-w6z1", "ABCD1234EF"];
    const givenDigest = await bcrypt.hash("given-code-1234", 4);
    const user = await createdUser({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      totpSecret,
      backupCodes: [...plainCodes, givenDigest],
    });
    expect(user.backupCodeCount).toBe(4);
    const rows = await server.database.prisma.backupCode.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(4);
    const digests = rows.map((row) => row.digest);
    expect(digests).toContain(givenDigest);
    for (const code of plainCodes) {
      expect(digests).not.toContain(code);
      const matches = await Promise.all(digests.map((digest) => bcrypt.compare(code, digest)));
      expect(matches.filter(Boolean)).toHaveLength(1);
    }
    for (const digest of digests) expect(digest).toMatch(/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/);
  });

  it("rejects a repeated backup code at the later entry, as a repeated email address", async () => {
    const errors = await fieldErrors({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      totpSecret,
      // Trimmed, the last one is the first again; the invalid "x" twice is refused as invalid only.
      backupCodes: ["k7m2-q9x4", "x", "p3n8-w6z1", "x", " k7m2-q9x4 "],
    });
    expect(errors.map((error) => error.path)).toEqual([
      ["input", "backupCodes", "1"],
      ["input", "backupCodes", "3"],
      ["input", "backupCodes", "4"],
    ]);
    expect(errors[2]!.message).toBe("Repeats an earlier entry of this list.");
  });

  it("rejects a backup code digest repeated with another version prefix, the same code twice", async () => {
    const digest = await bcrypt.hash("dup-code-1", 4);
    for (const repeated of [digest.replace(/^\$2b\$/, "$2y$"), digest.replace(/^\$2b\$/, "$2a$")]) {
      const paths = await fieldErrorPaths({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, totpSecret, backupCodes: [digest, "k7m2-q9x4", repeated] });
      expect(paths).toEqual([["input", "backupCodes", "2"]]);
    }
  });

  it.each([
    ["a space", "abcd 1234"],
    ["too short", "ab1"],
    ["punctuation", "abcd!1234"],
    ["too long", "a".repeat(65)],
    // Each sign-in with a code compares it with up to 50 digests in turn.
    ["a bcrypt cost above 12", "$2b$13$Nz/vDQPPTlEh6tDPhgQm/eAQCC1roDivxU86myykFov8NoPC8XpL2"],
    ["stray bits in a digest's last character", "$2b$10$Nz/vDQPPTlEh6tDPhgQm/eAQCC1roDivxU86myykFov8NoPC8XpL3"],
  ])("rejects a backup code with %s", async (_why, code) => {
    const paths = await fieldErrorPaths({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      totpSecret,
      backupCodes: ["k7m2-q9x4", code],
    });
    expect(paths.some((path) => path[0] === "input" && path[1] === "backupCodes")).toBe(true);
  });

  it("refuses backup codes without a TOTP secret: sign-in would never ask for one", async () => {
    const email = uniqueEmail("codes-without-totp");
    const errors = await fieldErrors({ emailAddress: [email], password: strongPassword, backupCodes: ["abcd-1234"] });
    expect(errors).toEqual([{ path: ["input", "backupCodes"], message: expect.stringMatching(/need a TOTP secret \(totpSecret\)/) }]);
    // Listed with the other invalid fields; a totpSecret that is itself invalid is its own error.
    const paths = await fieldErrorPaths({ emailAddress: ["not-an-email"], skipPasswordRequirement: true, backupCodes: ["abcd-1234"] });
    expect(paths).toEqual(expect.arrayContaining([["input", "emailAddress", "0"], ["input", "backupCodes"]]));
    expect(await fieldErrorPaths({ emailAddress: [email], skipPasswordRequirement: true, totpSecret: "short", backupCodes: ["abcd-1234"] })).toEqual([
      ["input", "totpSecret"],
    ]);
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(0);

    // An empty list leaves nothing unusable.
    expect(await createdUser({ emailAddress: [email], password: strongPassword, backupCodes: [] })).toMatchObject({
      totpEnabled: false,
      backupCodeCount: 0,
    });
  });
});

describe("createUser: metadata, organization settings and dates", () => {
  const over8KiB = { blob: "x".repeat(8 * 1024) };

  it("accepts nested JSON in each metadata field", async () => {
    const nested = { a: { b: { c: [1, 2, { d: "e" }] } }, flag: false, nothing: null, number: 1.5 };
    const user = await createdUser({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      publicMetadata: nested,
      privateMetadata: { ...nested, secret: true },
      unsafeMetadata: { ...nested, unsafe: "yes" },
    });
    expect(user.publicMetadata).toEqual(nested);
    expect(user.privateMetadata).toEqual({ ...nested, secret: true });
    expect(user.unsafeMetadata).toEqual({ ...nested, unsafe: "yes" });
  });

  it("accepts metadata of just under 8 KiB", async () => {
    const justUnder = { blob: "x".repeat(8 * 1024 - 20) };
    const user = await createdUser({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, publicMetadata: justUnder });
    expect(user.publicMetadata).toEqual(justUnder);
  });

  it("rejects each metadata field over 8 KiB, listing all three at once", async () => {
    const before = await countRows();
    const paths = await fieldErrorPaths({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      publicMetadata: over8KiB,
      privateMetadata: over8KiB,
      unsafeMetadata: over8KiB,
    });
    expect(paths).toContainEqual(["input", "publicMetadata"]);
    expect(paths).toContainEqual(["input", "privateMetadata"]);
    expect(paths).toContainEqual(["input", "unsafeMetadata"]);
    expect(await countRows()).toEqual(before);
  });

  it("counts the 8 KiB in bytes: 3000 three-byte characters are too many", async () => {
    expect(
      await fieldErrorPaths({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, publicMetadata: { blob: "€".repeat(3000) } }),
    ).toContainEqual(["input", "publicMetadata"]);
  });

  it("accepts createOrganizationsLimit 0 (unlimited) and the organization flags", async () => {
    const user = await createdUser({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      createOrganizationsLimit: 0,
      createOrganizationEnabled: true,
      deleteSelfEnabled: true,
    });
    expect(user.createOrganizationsLimit).toBe(0);
    expect(user.createOrganizationEnabled).toBe(true);
    expect(user.deleteSelfEnabled).toBe(true);
  });

  // seed 004 types it as a Long: a number while JSON carries it exactly, a decimal string beyond 2^53.
  it.each([
    ["beyond 32 bits", 3_000_000_000, 3_000_000_000],
    ["beyond 2^53, as a string", "9007199254740993", "9007199254740993"],
    ["the largest Long", "9223372036854775807", "9223372036854775807"],
    ["a small one as a string", "12", 12],
    ["with 30 leading zeros", `${"0".repeat(30)}12`, 12],
  ])("stores createOrganizationsLimit %s exactly", async (_case, given, answered) => {
    const user = await createdUser({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, createOrganizationsLimit: given });
    expect(user.createOrganizationsLimit).toBe(answered);
    const stored = await server.request(CreateUserSpecLimitQuery, { id: user.id }, { admin: true });
    expect(stored.body.data?.user?.createOrganizationsLimit).toBe(answered);
  });

  it.each([
    ["-1", -1],
    ["-1 as a string", "-1"],
    ["2^63", "9223372036854775808"],
    ["of 30 digits below zero", `-${"1".repeat(30)}`],
    // Refused without BigInt parsing its million digits (a tenth of a second of the event loop).
    ["of a million digits", "9".repeat(1_000_000)],
  ])("rejects createOrganizationsLimit %s as a field error", async (_case, given) => {
    const before = await countRows();
    expect(
      await fieldErrorPaths({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, createOrganizationsLimit: given }),
    ).toEqual([["input", "createOrganizationsLimit"]]);
    expect(await countRows()).toEqual(before);
  });

  it.each([1.5, "ten", true, 2 ** 53 + 2])("refuses createOrganizationsLimit %s as a GraphQL error naming it, not a server error", async (given) => {
    const response = await send({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, createOrganizationsLimit: given as number });
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.message).toContain("createOrganizationsLimit");
  });

  it.each([
    ["2012-10-20T07:15:20.902Z", "2012-10-20T07:15:20.902Z"],
    ["2012-10-20T09:15:20+02:00", "2012-10-20T07:15:20.000Z"],
    ["2012-10-20T02:45:20.5-04:30", "2012-10-20T07:15:20.500Z"],
    // The first instant PostgreSQL's timestamps hold; years below 100 are not 19xx.
    ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"],
    ["0050-06-01T12:00:00Z", "0050-06-01T12:00:00.000Z"],
  ])("honours legalAcceptedAt and createdAt %s", async (given, instant) => {
    const user = await createdUser({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      legalAcceptedAt: given,
      createdAt: given,
      skipLegalChecks: true,
    });
    expect(new Date(user.legalAcceptedAt!).toISOString()).toBe(instant);
    expect(new Date(user.createdAt).toISOString()).toBe(instant);
    const row = await server.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.createdAt.toISOString()).toBe(instant);
    expect(row.legalAcceptedAt?.toISOString()).toBe(instant);
  });

  it("defaults createdAt to now and legalAcceptedAt to none", async () => {
    const started = Date.now();
    const user = await createdUser({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true, skipLegalChecks: false });
    expect(user.legalAcceptedAt).toBeNull();
    expect(Math.abs(new Date(user.createdAt).getTime() - started)).toBeLessThan(60_000);
    // One instant: updatedAt is never before createdAt.
    expect(user.updatedAt).toBe(user.createdAt);
    expect(user.lastSignInAt).toBeNull();
  });

  it.each([
    "2012-13-01T00:00:00Z",
    "yesterday",
    "2012-10-20",
    "2012-02-30T00:00:00Z",
    "2012-10-20T25:00:00Z",
    // Outside the years 1 to 9999 in UTC, which the database cannot store.
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:30:00+01:00",
    "9999-12-31T23:30:00-01:00",
    "0050-02-29T00:00:00Z",
    // More than a day in the future: these fields record what has happened.
    "9999-12-31T23:59:59.999Z",
  ])(
    "rejects %j as legalAcceptedAt and createdAt",
    async (value) => {
      const paths = await fieldErrorPaths({
        emailAddress: [uniqueEmail()],
        skipPasswordRequirement: true,
        legalAcceptedAt: value,
        createdAt: value,
      });
      expect(paths).toContainEqual(["input", "legalAcceptedAt"]);
      expect(paths).toContainEqual(["input", "createdAt"]);
    },
  );
});

describe("createUser: seed-000 fields", () => {
  it("stores and returns name, picture, profile, identities, metadata, blocked, verification flags and loginAttempts", async () => {
    const [firstPhone, secondPhone] = [uniquePhone(), uniquePhone()];
    const githubId = `gh-${runId}-${nextNumber()}`;
    const input: CreateUserInput = {
      name: "Ada King, Countess of Lovelace",
      picture: "https://example.com/ada.png",
      emailAddress: [uniqueEmail("ada"), uniqueEmail("ada.second")],
      phoneNumber: [firstPhone.e164, secondPhone.e164],
      emailVerified: true,
      phoneNumberVerified: true,
      blocked: true,
      loginAttempts: 42,
      metadata: { tier: "gold", age: 36, beta: true, nothing: null },
      skipPasswordRequirement: true,
      profile: {
        birthdate: "1815-12-10",
        familyName: "Lovelace",
        gender: "f",
        givenName: "Ada",
        locale: "en-GB",
        middleName: "Augusta",
        nickname: "Countess",
        profilePage: "https://example.com/people/ada",
        website: "https://ada.example.org/notes",
        zoneinfo: "Europe/London",
        addresses: [
          {
            id: "Delivery Address",
            isPrimary: true,
            firstName: "Ada",
            lastName: "Lovelace",
            streetAddress: "12 St James's Square\nFlat 2",
            streetAddress2: "Westminster",
            city: "London",
            state: "Greater London",
            zipCode: "SW1Y 4JH",
            country: "United Kingdom",
          },
          { id: "Billing Address", isPrimary: false, city: "Ockham", country: "United Kingdom" },
        ],
      },
      identities: [
        { connection: "github", provider: "GITHUB", type: "SOCIAL", id: githubId, details: { login: "ada", repos: [1, 2], nested: { x: true } } },
        { connection: "sms", provider: "TWILIO", type: "SMS", details: {} },
      ],
    };
    const user = await createdUser(input);
    expect(user.name).toBe(input.name);
    expect(user.picture).toBe("https://example.com/ada.png");
    expect(user.blocked).toBe(true);
    expect(user.loginAttempts).toBe(42);
    expect(user.metadata).toEqual(input.metadata);
    // emailVerified marks every address verified; phoneNumberVerified every phone.
    expect(user.emailVerified).toBe(true);
    expect(user.emailAddresses.map((address) => address.verified)).toEqual([true, true]);
    expect(user.emailAddresses.map((address) => address.primary)).toEqual([true, false]);
    expect(user.phoneNumberVerified).toBe(true);
    expect(user.phoneNumbers.map((phone) => phone.verified)).toEqual([true, true]);
    expect(user.profile).toEqual({
      birthdate: "1815-12-10",
      familyName: "Lovelace",
      gender: "f",
      givenName: "Ada",
      locale: "en-GB",
      middleName: "Augusta",
      nickname: "Countess",
      profilePage: "https://example.com/people/ada",
      website: "https://ada.example.org/notes",
      zoneinfo: "Europe/London",
      addresses: [
        {
          id: "Delivery Address",
          isPrimary: true,
          firstName: "Ada",
          lastName: "Lovelace",
          streetAddress: "12 St James's Square\nFlat 2",
          streetAddress2: "Westminster",
          city: "London",
          state: "Greater London",
          zipCode: "SW1Y 4JH",
          country: "United Kingdom",
        },
        {
          id: "Billing Address",
          isPrimary: false,
          firstName: null,
          lastName: null,
          streetAddress: null,
          streetAddress2: null,
          city: "Ockham",
          state: null,
          zipCode: null,
          country: "United Kingdom",
        },
      ],
    });
    expect(user.identities).toEqual([
      { connection: "github", provider: "GITHUB", type: "SOCIAL", id: githubId, details: { login: "ada", repos: [1, 2], nested: { x: true } } },
      { connection: "sms", provider: "TWILIO", type: "SMS", id: null, details: {} },
    ]);
  });

  it("accepts an integer gender and verifyEmail with an address", async () => {
    const user = await createdUser({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      verifyEmail: true,
      profile: { gender: -3 },
    });
    expect(user.profile?.gender).toBe(-3);
    expect(user.emailVerified).toBe(false);
  });

  it("rejects loginAttempts outside 0..20000 and invalid seed-000 values, all at once", async () => {
    const paths = await fieldErrorPaths({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      loginAttempts: 20001,
      picture: "ftp://example.com/a.png",
      metadata: { nested: { not: "allowed" } },
      profile: { birthdate: "1815-02-30", zoneinfo: "Mars/Olympus", addresses: [{ zipCode: "z".repeat(100) }] },
    });
    expect(paths).toContainEqual(["input", "loginAttempts"]);
    expect(paths).toContainEqual(["input", "picture"]);
    expect(paths.some((path) => path.join(".").startsWith("input.metadata"))).toBe(true);
    expect(paths).toContainEqual(["input", "profile", "birthdate"]);
    expect(paths).toContainEqual(["input", "profile", "zoneinfo"]);
    expect(paths).toContainEqual(["input", "profile", "addresses", "0", "zipCode"]);
  });
});

describe("createUser: repeated entries inside one list", () => {
  it("rejects the same email in different case at the later index", async () => {
    const email = uniqueEmail("twice");
    expect(
      await fieldErrorPaths({ emailAddress: [email, uniqueEmail(), email.toUpperCase()], skipPasswordRequirement: true }),
    ).toEqual([["input", "emailAddress", "2"]]);
  });

  it("rejects the same phone in two formats at the later index", async () => {
    const phone = uniquePhone();
    expect(await fieldErrorPaths({ phoneNumber: [phone.e164, phone.formatted], skipPasswordRequirement: true })).toEqual([
      ["input", "phoneNumber", "1"],
    ]);
  });

  it("rejects the same wallet in two cases at the later index", async () => {
    const wallet = uniqueWallet();
    expect(await fieldErrorPaths({ web3Wallet: [wallet.lower, wallet.checksummed], skipPasswordRequirement: true })).toEqual([
      ["input", "web3Wallet", "1"],
    ]);
    expect(await fieldErrorPaths({ web3Wallet: [wallet.upper, wallet.lower], skipPasswordRequirement: true })).toEqual([
      ["input", "web3Wallet", "1"],
    ]);
  });

  it("rejects the same identity provider and id twice", async () => {
    const id = `dup-${runId}-${nextNumber()}`;
    const paths = await fieldErrorPaths({
      skipPasswordRequirement: true,
      identities: [
        { connection: "a", provider: "GOOGLE", type: "SOCIAL", id, details: {} },
        { connection: "b", provider: "GOOGLE", type: "SOCIAL", id, details: {} },
      ],
    });
    expect(paths.some((path) => path.join(".").startsWith("input.identities.1"))).toBe(true);
  });
});

describe("createUser: unique values taken by an earlier user", () => {
  /** Inputs for a first and a second user that share exactly one unique value. */
  const cases: Array<[field: string, make: () => [CreateUserInput, CreateUserInput]]> = [
    [
      "emailAddress",
      () => {
        const email = `Case.Taken.${runId}.${nextNumber()}@Example.com`;
        return [{ emailAddress: [email] }, { emailAddress: [uniqueEmail(), email.toLowerCase().replace("example.com", "EXAMPLE.COM")] }];
      },
    ],
    [
      "phoneNumber",
      () => {
        const phone = uniquePhone();
        return [{ phoneNumber: [phone.e164] }, { phoneNumber: [uniquePhone().e164, phone.formatted] }];
      },
    ],
    [
      "web3Wallet",
      () => {
        const wallet = uniqueWallet();
        return [{ web3Wallet: [wallet.checksummed] }, { web3Wallet: [wallet.lower] }];
      },
    ],
    [
      "username",
      () => {
        const username = uniqueUsername("Taken");
        return [{ username }, { username: username.toLowerCase() }];
      },
    ],
    [
      "externalId",
      () => {
        const externalId = uniqueExternalId();
        return [{ externalId }, { externalId }];
      },
    ],
    [
      "identities",
      () => {
        const id = `idp-${runId}-${nextNumber()}`;
        return [
          { identities: [{ connection: "github", provider: "GITHUB", type: "SOCIAL", id, details: {} }] },
          { identities: [{ connection: "github-enterprise", provider: "GITHUB", type: "SOCIAL", id, details: { other: 1 } }] },
        ];
      },
    ],
  ];

  it.each(cases)("names %s in the ConflictError and writes nothing", async (field, make) => {
    const [first, second] = make();
    await createdUser({ ...first, skipPasswordRequirement: true });
    const before = await countRows();
    expect(await conflictFields({ ...second, skipPasswordRequirement: true })).toEqual([field]);
    expect(await countRows()).toEqual(before);
  });

  it.each([
    ["Greek final sigma, in any case", ["σοφος", "σοφοσ", "ΣΟΦΟΣ"]],
    ["German sharp s and its upper cases", ["straße", "STRASSE", "Strasse", "STRAẞE"]],
    ["fullwidth letters", ["ｓｅｃ", "sec", "SEC"]],
    ["a ligature", ["ﬁle", "file", "FILE"]],
    ["Turkish dotted and dotless i", ["İlker", "ilker", "ILKER", "ılker", "İLKER"]],
  ])("takes a username in every spelling that folds to it: %s", async (_label, spellings) => {
    const suffix = `${runId}${nextNumber()}`;
    const [first, ...others] = spellings.map((spelling) => `${spelling}${suffix}`);
    const created = await createdUser({ username: first, skipPasswordRequirement: true });
    expect(created.username).toBe(first);
    for (const other of others) expect(await conflictFields({ username: other, skipPasswordRequirement: true }), other).toEqual(["username"]);
  });

  it("names both fields when two values are taken", async () => {
    const email = uniqueEmail("both");
    const username = uniqueUsername("both");
    await createdUser({ emailAddress: [email], username, skipPasswordRequirement: true });
    expect(
      await conflictFields({ emailAddress: [email.toUpperCase()], username: username.toUpperCase(), skipPasswordRequirement: true }),
    ).toEqual(["emailAddress", "username"]);
  });

  it("names a value taken by a user who signed up", async () => {
    const email = uniqueEmail("signed-up");
    const response = await server.request(SignUpMutation, { input: { email, password: strongPassword } });
    expect(response.status).toBeLessThan(500);
    expect(response.body.data?.signUp.__typename).toBe("SignUpSuccess");
    expect(await conflictFields({ emailAddress: [email], skipPasswordRequirement: true })).toEqual(["emailAddress"]);
  });

  it("allows the same identity id at another provider", async () => {
    const id = `shared-${runId}-${nextNumber()}`;
    await createdUser({ skipPasswordRequirement: true, identities: [{ connection: "g", provider: "GOOGLE", type: "SOCIAL", id, details: {} }] });
    const user = await createdUser({
      skipPasswordRequirement: true,
      identities: [{ connection: "f", provider: "FACEBOOK", type: "SOCIAL", id, details: {} }],
    });
    expect(user.identities.map((identity) => identity.provider)).toEqual(["FACEBOOK"]);
  });
});

describe("admin-only fields", () => {
  it("are readable with the admin key", async () => {
    const user = await createdUser({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      privateMetadata: { internalNote: "vip-customer-7731" },
      loginAttempts: 9,
      totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
      backupCodes: ["r2d2-c3po", "bb8x-k2so"],
    });
    expect(user.privateMetadata).toEqual({ internalNote: "vip-customer-7731" });
    expect(user.loginAttempts).toBe(9);
    expect(user.backupCodeCount).toBe(2);

    const response = await server.request(CreateUserSpecUserQuery, { id: user.id }, { admin: true });
    expect(response.status).toBeLessThan(500);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.user).toEqual({
      id: user.id,
      email: user.email,
      loginAttempts: 9,
      privateMetadata: { internalNote: "vip-customer-7731" },
      backupCodeCount: 2,
    });
  });

  it("are null with a GraphQL error for a public caller in a signUp response", async () => {
    const response = await server.request(SignUpWithAdminFieldsMutation, {
      input: { email: uniqueEmail("public"), password: strongPassword },
    });
    expect(response.status).toBeLessThan(500);
    const result = response.body.data?.signUp;
    expect(result?.__typename).toBe("SignUpSuccess");
    if (result?.__typename !== "SignUpSuccess") return;
    expect(result.user.id).toBeTruthy();
    expect(result.user.loginAttempts).toBeNull();
    expect(result.user.privateMetadata).toBeNull();
    expect(result.user.backupCodeCount).toBeNull();
    const errorPaths = (response.body.errors ?? []).map((error) => (error.path ?? []).join("."));
    expect(errorPaths).toEqual(
      expect.arrayContaining(["signUp.user.loginAttempts", "signUp.user.privateMetadata", "signUp.user.backupCodeCount"]),
    );
    for (const error of response.body.errors ?? []) expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain(error.extensions?.code);
  });

  it("are null with a GraphQL error for the signed-in user in `me`, never the value", async () => {
    const secretNote = `private-${randomBytes(8).toString("hex")}`;
    const user = await createdUser({
      emailAddress: [uniqueEmail("me")],
      skipPasswordRequirement: true,
      privateMetadata: { secretNote },
      loginAttempts: 17,
      totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
      backupCodes: ["m1n2-b3v4", "q5w6-e7r8", "t9y0-u1i2"],
    });
    // Signed in as that user: a session row as sign-in would write it (the cookie carries the token).
    const session = newRandomToken(60 * 60 * 1000);
    await server.database.prisma.session.create({
      data: { userId: user.id, tokenHash: session.tokenHash, expiresAt: session.expiresAt },
    });
    const response = await server.request(CreateUserSpecMeQuery, {}, { headers: { cookie: `session=${session.token}` } });
    expect(response.status).toBeLessThan(500);
    expect(response.body.data?.me?.id).toBe(user.id);
    expect(response.body.data?.me?.email).toBe(user.email);
    expect(response.body.data?.me?.loginAttempts).toBeNull();
    expect(response.body.data?.me?.privateMetadata).toBeNull();
    expect(response.body.data?.me?.backupCodeCount).toBeNull();
    const errorPaths = (response.body.errors ?? []).map((error) => (error.path ?? []).join("."));
    expect(errorPaths).toEqual(expect.arrayContaining(["me.loginAttempts", "me.privateMetadata", "me.backupCodeCount"]));
    for (const error of response.body.errors ?? []) expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain(error.extensions?.code);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(secretNote);
    expect(text).not.toContain('"loginAttempts":17');

    // A public caller cannot read another user by id at all.
    const byId = await server.request(CreateUserSpecUserQuery, { id: user.id }, { headers: { cookie: `session=${session.token}` } });
    expect(byId.status).toBeLessThan(500);
    expect(byId.body.data?.user ?? null).toBeNull();
    expect(JSON.stringify(byId.body)).not.toContain(secretNote);
  });
});

describe("createUser: oversized and unstorable input is a field error, not a crash", () => {
  const huge = "a".repeat(10_000);

  it("lists every oversized string at once", async () => {
    const paths = await fieldErrorPaths({
      externalId: huge,
      firstName: huge,
      lastName: huge,
      name: huge,
      username: huge,
      emailAddress: [`${huge}@example.com`],
      phoneNumber: [`+1${"4".repeat(10_000)}`],
      web3Wallet: [`0x${huge}`],
      passwordDigest: huge,
      passwordHasher: "MD5",
      totpSecret: "A".repeat(10_000),
      backupCodes: [huge],
      legalAcceptedAt: huge,
      picture: `https://example.com/${huge}`,
      profile: { nickname: huge, addresses: [{ streetAddress: huge }] },
    });
    for (const path of [
      ["input", "externalId"],
      ["input", "firstName"],
      ["input", "lastName"],
      ["input", "name"],
      ["input", "username"],
      ["input", "emailAddress", "0"],
      ["input", "phoneNumber", "0"],
      ["input", "web3Wallet", "0"],
      ["input", "passwordDigest"],
      ["input", "totpSecret"],
      ["input", "legalAcceptedAt"],
      ["input", "picture"],
      ["input", "profile", "nickname"],
      ["input", "profile", "addresses", "0", "streetAddress"],
    ]) {
      expect(paths).toContainEqual(path);
    }
    expect(paths.some((path) => path[0] === "input" && path[1] === "backupCodes")).toBe(true);
  });

  it("refuses a 10,000-character password without a server error", async () => {
    const result = await createUser({ emailAddress: [uniqueEmail()], password: huge });
    expect(["ValidationError", "PasswordPolicyError"]).toContain(result.__typename);
  });

  it("refuses NUL characters in strings and metadata", async () => {
    const paths = await fieldErrorPaths({
      emailAddress: [uniqueEmail()],
      skipPasswordRequirement: true,
      externalId: "ext\u0000nul",
      firstName: "Nu\u0000l",
      publicMetadata: { note: "a\u0000b" },
      metadata: { note: "a\u0000b" },
    });
    expect(paths).toContainEqual(["input", "externalId"]);
    expect(paths).toContainEqual(["input", "firstName"]);
    expect(paths).toContainEqual(["input", "publicMetadata"]);
    expect(paths.some((path) => path.join(".").startsWith("input.metadata"))).toBe(true);
  });
});

describe("createUser: values made only of invisible characters", () => {
  it("refuses them as blank, at their paths, and writes nothing", async () => {
    const before = await countRows();
    const paths = await fieldErrorPaths({
      emailAddress: [uniqueEmail("invisible")],
      skipPasswordRequirement: true,
      externalId: "\u200B",
      firstName: "\u2060",
      lastName: "\u200E",
      identities: [{ connection: "\u3164", provider: "GITHUB", type: "SOCIAL", id: "\uFEFF\u200B", details: {} }],
    });
    expect(paths.map((path) => path.join(".")).sort()).toEqual(
      ["input.externalId", "input.firstName", "input.identities.0.connection", "input.identities.0.id", "input.lastName"].sort(),
    );
    expect(await countRows()).toEqual(before);
  });
});
