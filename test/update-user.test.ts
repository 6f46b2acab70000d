import { createHash, randomBytes } from "node:crypto";
import argon2 from "argon2";
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { print } from "graphql";
import { newRandomToken } from "../src/domain/random-tokens.ts";
import { SecretBox } from "../src/domain/second-factor/secret-box.ts";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput, UpdateMeInput, UpdateUserInput } from "./generated/graphql.ts";
import { adminApiKey, startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";
import { queuedBehind } from "./helpers/lock-waits.ts";
import { nextNumber, uniqueEmail, uniqueExternalId, uniqueUsername, uniqueWallet } from "./helpers/unique-values.ts";

// updateUser (admin) and updateMe (SPEC section 8): absent fields stay, null clears, lists and
// metadata objects are replaced, the rules and errors of createUser apply, blocking ends sessions.
// Over real HTTP against the real server on a fresh database.

const UpdateUserTestUpdateMutation = graphql(`
  mutation UpdateUserTestUpdate($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
      ... on UpdateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }
      ... on NotFoundError { resource }
      ... on Error { ...ErrorFields }
    }
  }
`);

const UpdateUserTestNameMutation = graphql(`
  mutation UpdateUserTestName($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ... on UpdateUserSuccess { user { name updatedAt } }
    }
  }
`);

const UpdateUserTestIdOnlyMutation = graphql(`
  mutation UpdateUserTestIdOnly($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
      ... on UpdateUserSuccess { user { id } }
    }
  }
`);

const UpdateUserTestUserQuery = graphql(`
  query UpdateUserTestUser($id: ID!) {
    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }
  }
`);

const UpdateUserTestSignInMutation = graphql(`
  mutation UpdateUserTestSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { id } }
      ... on Error { message }
    }
  }
`);

const UpdateUserTestMeQuery = graphql(`
  query UpdateUserTestMe {
    me { id name username }
  }
`);

const UpdateUserTestUpdateMeMutation = graphql(`
  mutation UpdateUserTestUpdateMe($input: UpdateMeInput!) {
    updateMe(input: $input) {
      __typename
      ... on UpdateMeSuccess { user { ...UserFields } }
      ... on NotFoundError { resource }
      ... on Error { ...ErrorFields }
    }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server?.close());

/** A valid German mobile number, +49 1511 2xxxxxx, in E.164 and in another written form. */
function uniquePhone(): { e164: string; formatted: string } {
  const line = String(2_000_000 + nextNumber());
  return { e164: `+491511${line}`, formatted: `+49 (1511) ${line.slice(0, 3)} ${line.slice(3)}` };
}
/** A base32 TOTP secret of 160 bits. */
const uniqueTotpSecret = () => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from(randomBytes(32), (byte) => alphabet[byte % 32]).join("");
};

const password = "quiet orchard lantern 1907";
const otherPassword = "brass compass meridian 2288";

const send: TestServer["send"] = (document, variables, options) => server.send(document, variables, options);

const createUser = (input: CreateUserInput) => server.createUser(input);

/** The updateUser result (no GraphQL error allowed). */
async function updateUser(id: string, input: UpdateUserInput) {
  const response = await send(UpdateUserTestUpdateMutation, { id, input }, { admin: true });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!.updateUser;
}

/** The user after an updateUser that must have succeeded. */
async function updatedUser(id: string, input: UpdateUserInput) {
  const result = await updateUser(id, input);
  if (result.__typename !== "UpdateUserSuccess") throw new Error(`updateUser failed: ${JSON.stringify(result)}`);
  return result.user;
}

async function storedUser(id: string) {
  const response = await send(UpdateUserTestUserQuery, { id }, { admin: true });
  expect(response.body.errors).toBeUndefined();
  const user = response.body.data?.user;
  if (!user) throw new Error(`user ${id} not found`);
  return user;
}

async function signIn(identifier: string, secret: string) {
  const response = await send(UpdateUserTestSignInMutation, { input: { identifier, password: secret } });
  expect(response.body.errors).toBeUndefined();
  const token = /(?:^|[\s,])session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
  return { kind: response.body.data!.signIn.__typename, token };
}

/** A session cookie of a user that signs in with this identifier and password. */
async function sessionOf(identifier: string, secret: string): Promise<RequestOptions> {
  const { kind, token } = await signIn(identifier, secret);
  expect(kind).toBe("SignInSuccess");
  expect(token).toBeTruthy();
  return { headers: { cookie: `session=${token}` } };
}

async function me(options: RequestOptions) {
  const response = await send(UpdateUserTestMeQuery, {}, options);
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.me ?? null;
}

async function updateMe(input: UpdateMeInput, options: RequestOptions) {
  const response = await send(UpdateUserTestUpdateMeMutation, { input }, options);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!.updateMe;
}

/** Sends an operation as raw text, for inputs the typed documents cannot express. */
async function postRaw(query: string, variables: Record<string, unknown>, options: RequestOptions) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  expect(response.status).toBeLessThan(500);
  return { status: response.status, body };
}

/** A user with every field of CreateUserInput set. */
function fullInput(): CreateUserInput {
  return {
    emailAddress: [uniqueEmail("full")],
    phoneNumber: [uniquePhone().e164],
    web3Wallet: [uniqueWallet()],
    username: uniqueUsername("full"),
    externalId: uniqueExternalId(),
    name: "Original Name",
    firstName: "Original",
    lastName: "Person",
    picture: "https://example.com/original.png",
    password,
    totpSecret: uniqueTotpSecret(),
    backupCodes: ["orig-code-1", "orig-code-2"],
    metadata: { plan: "free", visits: 1 },
    publicMetadata: { badge: "bronze", flags: { a: true } },
    privateMetadata: { crm: "old", score: 1 },
    unsafeMetadata: { theme: "light", nested: { x: 1 } },
    profile: {
      givenName: "Original",
      familyName: "Person",
      nickname: "orig",
      birthdate: "1990-01-02",
      locale: "en-US",
      zoneinfo: "Europe/Paris",
      gender: "female",
      website: "https://example.com/original",
      addresses: [{ id: "Home", isPrimary: true, city: "Paris", country: "FR" }],
    },
    legalAcceptedAt: "2020-01-01T00:00:00.000Z",
  };
}

describe("updateUser", () => {
  it("changes every field and returns the user as stored", async () => {
    const before = await createUser(fullInput());
    const [emailA, emailB] = [uniqueEmail("newA"), uniqueEmail("newB")];
    const phone = uniquePhone();
    const [walletA, walletB] = [uniqueWallet(), uniqueWallet()];
    const totpSecret = uniqueTotpSecret();
    const input = {
      emailAddress: [emailA, emailB],
      emailVerified: true,
      phoneNumber: [phone.formatted],
      phoneNumberVerified: true,
      web3Wallet: [walletA, walletB],
      username: uniqueUsername("Changed"),
      externalId: uniqueExternalId(),
      name: "Changed Name",
      firstName: "Changed",
      lastName: "Human",
      picture: "https://cdn.example.org/changed.jpg",
      password: otherPassword,
      totpSecret,
      backupCodes: ["new-code-1", "new-code-2", "new-code-3"],
      metadata: { plan: "pro" },
      publicMetadata: { badge: "gold" },
      privateMetadata: { crm: "new" },
      unsafeMetadata: { theme: "dark" },
      profile: {
        givenName: "Changed",
        familyName: "Human",
        middleName: "Middle",
        nickname: "chg",
        birthdate: "1985",
        locale: "fr-FR",
        zoneinfo: "America/New_York",
        gender: 3,
        website: "https://example.org/changed",
        profilePage: "https://example.org/people/changed",
        addresses: [
          { id: "Work", isPrimary: true, streetAddress: "1 Main St", city: "Boston", state: "MA", zipCode: "02101", country: "US" },
          { city: "Lyon" },
        ],
      },
      blocked: true,
      loginAttempts: 7,
      deleteSelfEnabled: false,
      createOrganizationEnabled: false,
      createOrganizationsLimit: "9223372036854775807",
      legalAcceptedAt: "2024-05-06T07:08:09.000Z",
    } satisfies UpdateUserInput;

    const user = await updatedUser(before.id, input);
    expect(user).toEqual(await storedUser(before.id));
    expect(user).toMatchObject({
      id: before.id,
      email: emailA,
      emailVerified: true,
      emailAddresses: [
        { email: emailA, verified: true, primary: true },
        { email: emailB, verified: true, primary: false },
      ],
      phoneNumber: phone.e164,
      phoneNumberVerified: true,
      phoneNumbers: [{ phoneNumber: phone.e164, verified: true, primary: true }],
      web3Wallets: [
        { address: walletA, primary: true },
        { address: walletB, primary: false },
      ],
      username: input.username,
      externalId: input.externalId,
      name: "Changed Name",
      firstName: "Changed",
      lastName: "Human",
      picture: "https://cdn.example.org/changed.jpg",
      hasPassword: true,
      totpEnabled: true,
      backupCodeCount: 3,
      metadata: { plan: "pro" },
      publicMetadata: { badge: "gold" },
      privateMetadata: { crm: "new" },
      unsafeMetadata: { theme: "dark" },
      profile: {
        givenName: "Changed",
        familyName: "Human",
        middleName: "Middle",
        nickname: "chg",
        birthdate: "1985",
        locale: "fr-FR",
        zoneinfo: "America/New_York",
        gender: 3,
        website: "https://example.org/changed",
        profilePage: "https://example.org/people/changed",
        addresses: [
          {
            id: "Work",
            isPrimary: true,
            firstName: null,
            lastName: null,
            streetAddress: "1 Main St",
            streetAddress2: null,
            city: "Boston",
            state: "MA",
            zipCode: "02101",
            country: "US",
          },
          {
            id: null,
            isPrimary: false,
            firstName: null,
            lastName: null,
            streetAddress: null,
            streetAddress2: null,
            city: "Lyon",
            state: null,
            zipCode: null,
            country: null,
          },
        ],
      },
      blocked: true,
      loginAttempts: 7,
      deleteSelfEnabled: false,
      createOrganizationEnabled: false,
      createOrganizationsLimit: "9223372036854775807",
      legalAcceptedAt: "2024-05-06T07:08:09.000Z",
      createdAt: before.createdAt,
    });
    expect(Date.parse(user.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));

    // The secrets changed too: the new password (argon2id), TOTP secret and backup codes.
    const prisma = server.database.prisma;
    const credential = await prisma.passwordCredential.findUniqueOrThrow({ where: { userId: before.id } });
    expect(credential.digest).toMatch(/^\$argon2id\$/);
    expect(await argon2.verify(credential.digest, otherPassword)).toBe(true);
    expect(await argon2.verify(credential.digest, password)).toBe(false);
    const totp = await prisma.totpCredential.findUniqueOrThrow({ where: { userId: before.id } });
    expect(new SecretBox(server.config.secretKey).decrypt(totp.encryptedSecret)).toBe(totpSecret);
    const codes = await prisma.backupCode.findMany({ where: { userId: before.id } });
    expect(codes).toHaveLength(3);
    for (const code of ["new-code-1", "new-code-2", "new-code-3"]) {
      expect((await Promise.all(codes.map((row) => bcrypt.compare(code, row.digest)))).filter(Boolean)).toHaveLength(1);
    }
    expect((await Promise.all(codes.map((row) => bcrypt.compare("orig-code-1", row.digest)))).some(Boolean)).toBe(false);
    // The old list entries are gone from the tables, not only from the primary.
    expect(await prisma.emailAddress.count({ where: { userId: before.id } })).toBe(2);
    expect(await prisma.phoneNumber.count({ where: { userId: before.id } })).toBe(1);
    expect(await prisma.web3Wallet.count({ where: { userId: before.id } })).toBe(2);
    expect(await prisma.address.count({ where: { profileUserId: before.id } })).toBe(2);
  });

  it("clears optional fields given as null", async () => {
    const before = await createUser(fullInput());
    expect(before).toMatchObject({ totpEnabled: true, hasPassword: true, backupCodeCount: 2 });
    const user = await updatedUser(before.id, {
      name: null,
      firstName: null,
      lastName: null,
      username: null,
      externalId: null,
      picture: null,
      legalAcceptedAt: null,
      profile: null,
      totpSecret: null,
      backupCodes: null,
      password: null,
      metadata: null,
      publicMetadata: null,
      privateMetadata: null,
      unsafeMetadata: null,
      phoneNumber: null,
      web3Wallet: null,
    });
    expect(user).toEqual(await storedUser(before.id));
    expect(user).toMatchObject({
      name: null,
      firstName: null,
      lastName: null,
      username: null,
      externalId: null,
      picture: null,
      legalAcceptedAt: null,
      profile: null,
      totpEnabled: false,
      backupCodeCount: 0,
      hasPassword: false,
      metadata: {},
      publicMetadata: {},
      privateMetadata: {},
      unsafeMetadata: {},
      phoneNumber: null,
      phoneNumbers: [],
      web3Wallets: [],
      // Not given: stays.
      email: before.email,
      emailAddresses: before.emailAddresses,
    });
    const prisma = server.database.prisma;
    const userId = before.id;
    expect(await prisma.passwordCredential.count({ where: { userId } })).toBe(0);
    expect(await prisma.totpCredential.count({ where: { userId } })).toBe(0);
    expect(await prisma.backupCode.count({ where: { userId } })).toBe(0);
    expect(await prisma.profile.count({ where: { userId } })).toBe(0);
    expect(await prisma.address.count({ where: { profileUserId: userId } })).toBe(0);
    // The cleared unique values are free for another user.
    await createUser({ username: before.username!, externalId: before.externalId!, phoneNumber: [before.phoneNumber!], skipPasswordRequirement: true });

    const emptied = await updatedUser(before.id, { emailAddress: null });
    expect(emptied.email).toBeNull();
    expect(emptied.emailAddresses).toEqual([]);
  });

  it("leaves absent fields as they are", async () => {
    const before = await createUser(fullInput());
    const digest = (await server.database.prisma.passwordCredential.findUniqueOrThrow({ where: { userId: before.id } })).digest;
    const user = await updatedUser(before.id, { name: "Only The Name" });
    const { updatedAt: _before, ...unchanged } = before;
    const { updatedAt: _after, ...after } = user;
    expect(after).toEqual({ ...unchanged, name: "Only The Name" });
    expect((await server.database.prisma.passwordCredential.findUniqueOrThrow({ where: { userId: before.id } })).digest).toBe(digest);
    // An empty input changes nothing at all.
    const { updatedAt: _again, ...same } = await updatedUser(before.id, {});
    expect(same).toEqual(after);
  });

  it("replaces the lists, the first entry primary, and keeps the verification of addresses that stay", async () => {
    const [oldEmail, dropped, newEmail] = [uniqueEmail("old"), uniqueEmail("dropped"), uniqueEmail("new")];
    const [oldPhone, newPhone] = [uniquePhone(), uniquePhone()];
    const before = await createUser({
      emailAddress: [oldEmail, dropped],
      emailVerified: true,
      phoneNumber: [oldPhone.e164],
      phoneNumberVerified: true,
      web3Wallet: [uniqueWallet()],
      skipPasswordRequirement: true,
    });
    expect(before.emailAddresses.every((address) => address.verified)).toBe(true);
    const wallet = uniqueWallet();
    const user = await updatedUser(before.id, {
      emailAddress: [newEmail, oldEmail.toUpperCase()],
      phoneNumber: [newPhone.formatted, oldPhone.formatted],
      web3Wallet: [wallet],
    });
    expect(user.email).toBe(newEmail);
    expect(user.emailVerified).toBe(false);
    expect(user.emailAddresses).toEqual([
      { email: newEmail, verified: false, primary: true },
      // Stored as given now (local part as typed, domain lower-cased), still verified.
      { email: expect.stringMatching(new RegExp(`^${oldEmail.split("@")[0]!.replace(/\./g, "\\.")}@example\\.com$`, "i")), verified: true, primary: false },
    ]);
    expect(user.phoneNumber).toBe(newPhone.e164);
    expect(user.phoneNumberVerified).toBe(false);
    expect(user.phoneNumbers).toEqual([
      { phoneNumber: newPhone.e164, verified: false, primary: true },
      { phoneNumber: oldPhone.e164, verified: true, primary: false },
    ]);
    expect(user.web3Wallets).toEqual([{ address: wallet, primary: true }]);
    // The dropped address is gone and free again.
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: dropped } })).toBe(0);
    await createUser({ emailAddress: [dropped], skipPasswordRequirement: true });

    // emailVerified / phoneNumberVerified alone mark every address of the list.
    const unverified = await updatedUser(before.id, { emailVerified: false, phoneNumberVerified: false });
    expect(unverified.emailAddresses.map((address) => address.verified)).toEqual([false, false]);
    expect(unverified.phoneNumbers.map((phone) => phone.verified)).toEqual([false, false]);
    const verified = await updatedUser(before.id, { emailVerified: true });
    expect(verified.emailAddresses.map((address) => address.verified)).toEqual([true, true]);
    expect(verified.emailVerified).toBe(true);
  });

  it("replaces the identities, in the order given, keeps the user's own provider ids, and null removes them", async () => {
    const [githubId, googleId] = [`gh-${nextNumber()}`, `g-${nextNumber()}`];
    const before = await createUser({
      emailAddress: [uniqueEmail("identities")],
      identities: [{ connection: "github", provider: "GITHUB", type: "SOCIAL", id: githubId, details: { login: "ada" } }],
      skipPasswordRequirement: true,
    });
    const replaced = await updatedUser(before.id, {
      identities: [
        { connection: "google-oauth2", provider: "GOOGLE", type: "SOCIAL", id: googleId, details: { hd: "example.com" } },
        { connection: "sms", provider: "TWILIO", type: "SMS", details: {} },
        // The user's own provider id, given again: no conflict with itself.
        { connection: "github", provider: "GITHUB", type: "SOCIAL", id: githubId, details: { login: "ada", renamed: true } },
      ],
    });
    expect(replaced.identities).toEqual([
      { connection: "google-oauth2", provider: "GOOGLE", type: "SOCIAL", id: googleId, details: { hd: "example.com" } },
      { connection: "sms", provider: "TWILIO", type: "SMS", id: null, details: {} },
      { connection: "github", provider: "GITHUB", type: "SOCIAL", id: githubId, details: { login: "ada", renamed: true } },
    ]);
    // Absent: they stay.
    expect((await updatedUser(before.id, { name: "Still Linked" })).identities).toHaveLength(3);
    expect((await updatedUser(before.id, { identities: null })).identities).toEqual([]);
    // The provider ids are free for another user once removed.
    await createUser({ identities: [{ connection: "google-oauth2", provider: "GOOGLE", type: "SOCIAL", id: googleId, details: {} }], skipPasswordRequirement: true });
  });

  it("answers ConflictError for another user's identity, and validates identities like createUser; nothing changes", async () => {
    const takenId = `taken-${nextNumber()}`;
    await createUser({ identities: [{ connection: "github", provider: "GITHUB", type: "SOCIAL", id: takenId, details: {} }], skipPasswordRequirement: true });
    const before = await createUser(fullInput());
    const conflict = await updateUser(before.id, {
      name: "Should Not Stick",
      identities: [{ connection: "github", provider: "GITHUB", type: "SOCIAL", id: takenId, details: { login: "thief" } }],
    });
    expect(conflict.__typename).toBe("ConflictError");
    if (conflict.__typename === "ConflictError") expect(conflict.fields).toEqual(["identities"]);
    // The same id at another provider is another identity.
    const elsewhere = await updatedUser(before.id, { identities: [{ connection: "dropbox", provider: "DROPBOX", type: "SOCIAL", id: takenId, details: {} }] });
    expect(elsewhere.identities.map((identity) => identity.provider)).toEqual(["DROPBOX"]);
    const stored = await storedUser(before.id);
    const invalid = await updateUser(before.id, {
      identities: [
        { connection: "dropbox", provider: "DROPBOX", type: "SOCIAL", id: "twice", details: {} },
        { connection: "dropbox-2", provider: "DROPBOX", type: "SOCIAL", id: "twice", details: {} },
      ],
    });
    expect(invalid.__typename).toBe("ValidationError");
    if (invalid.__typename === "ValidationError") expect(invalid.fieldErrors.map((error) => error.path)).toEqual([["input", "identities", "1", "id"]]);
    expect(await storedUser(before.id)).toEqual(stored);
  });

  it("replaces metadata objects instead of merging them", async () => {
    const before = await createUser({
      emailAddress: [uniqueEmail("meta")],
      skipPasswordRequirement: true,
      metadata: { a: 1, b: "two" },
      publicMetadata: { keep: 1, nested: { x: 1, y: 2 } },
      privateMetadata: { secret: "s", other: true },
      unsafeMetadata: { theme: "light", lang: "en" },
    });
    const user = await updatedUser(before.id, {
      metadata: { c: 3 },
      publicMetadata: { nested: { z: 3 } },
      privateMetadata: { other: false },
      unsafeMetadata: {},
    });
    expect(user.metadata).toEqual({ c: 3 });
    expect(user.publicMetadata).toEqual({ nested: { z: 3 } });
    expect(user.privateMetadata).toEqual({ other: false });
    expect(user.unsafeMetadata).toEqual({});
  });

  it("sets a new password that signs in, and the old one no longer does", async () => {
    const email = uniqueEmail("newpass");
    const created = await createUser({ emailAddress: [email], password });
    expect((await signIn(email, password)).kind).toBe("SignInSuccess");
    await updatedUser(created.id, { password: otherPassword });
    expect((await signIn(email, otherPassword)).kind).toBe("SignInSuccess");
    expect((await signIn(email, password)).kind).toBe("InvalidCredentialsError");
  });

  it("gives a password to a user who had none", async () => {
    const email = uniqueEmail("nopass");
    const created = await createUser({ emailAddress: [email], skipPasswordRequirement: true });
    expect(created.hasPassword).toBe(false);
    expect((await updatedUser(created.id, { password })).hasPassword).toBe(true);
    expect((await signIn(email, password)).kind).toBe("SignInSuccess");
  });

  it("takes an existing bcrypt digest with passwordHasher, which then signs in", async () => {
    const email = uniqueEmail("digest");
    const created = await createUser({ emailAddress: [email], password });
    const imported = "imported bcrypt secret 4711";
    const digest = await bcrypt.hash(imported, 4);
    const user = await updatedUser(created.id, { passwordDigest: digest, passwordHasher: "BCRYPT" });
    expect(user.hasPassword).toBe(true);
    expect((await signIn(email, imported)).kind).toBe("SignInSuccess");
    expect((await signIn(email, password)).kind).toBe("InvalidCredentialsError");
  });

  it("takes skipPasswordRequirement as createUser does, and keeps the password: updateUser never requires one", async () => {
    const email = uniqueEmail("skip-requirement");
    const created = await createUser({ emailAddress: [email], password });
    expect(await updatedUser(created.id, { name: "Form Sent Whole", skipPasswordRequirement: true })).toMatchObject({ name: "Form Sent Whole", hasPassword: true });
    expect((await signIn(email, password)).kind).toBe("SignInSuccess");
  });

  it("removes the password with password: null, after which no password signs in", async () => {
    const email = uniqueEmail("rmpass");
    const created = await createUser({ emailAddress: [email], password });
    expect((await updatedUser(created.id, { password: null })).hasPassword).toBe(false);
    expect((await signIn(email, password)).kind).toBe("InvalidCredentialsError");
  });

  it("sets createdAt (an account opened elsewhere), which leaves the user's place in the list", async () => {
    const user = await createUser({ emailAddress: [uniqueEmail("opened")], skipPasswordRequirement: true });
    const updated = await updatedUser(user.id, { createdAt: "2012-10-20T09:15:20+02:00" });
    expect(updated.createdAt).toBe("2012-10-20T07:15:20.000Z");
    expect((await storedUser(user.id)).createdAt).toBe("2012-10-20T07:15:20.000Z");
  });

  it("validates like createUser: field errors with paths from the input, and nothing changes", async () => {
    const before = await createUser(fullInput());
    const cases: Array<[UpdateUserInput, string[][]]> = [
      [{ emailAddress: ["not-an-email"] }, [["input", "emailAddress", "0"]]],
      [{ emailAddress: [uniqueEmail("ok"), "also bad@"] }, [["input", "emailAddress", "1"]]],
      [{ phoneNumber: ["12345"] }, [["input", "phoneNumber", "0"]]],
      [{ phoneNumber: [uniquePhone().e164, "+1 (000) 000"] }, [["input", "phoneNumber", "1"]]],
      [{ picture: "ftp://example.com/a.png" }, [["input", "picture"]]],
      [{ username: "a b" }, [["input", "username"]]],
      [{ loginAttempts: -1 }, [["input", "loginAttempts"]]],
      [{ legalAcceptedAt: "yesterday" }, [["input", "legalAcceptedAt"]]],
      [{ createdAt: "2012-13-01T00:00:00Z" }, [["input", "createdAt"]]],
      [{ createdAt: null }, [["input", "createdAt"]]],
      [{ totpSecret: "not base32!" }, [["input", "totpSecret"]]],
      [{ passwordDigest: "$2b$04$short", passwordHasher: "BCRYPT" }, [["input", "passwordDigest"]]],
      [{ password: otherPassword, passwordDigest: await bcrypt.hash("x", 4), passwordHasher: "BCRYPT" }, [["input", "passwordDigest"]]],
      [{ emailAddress: [before.email!.toUpperCase(), before.email!] }, [["input", "emailAddress", "1"]]],
      [{ profile: { zoneinfo: "Mars/Olympus" } }, [["input", "profile", "zoneinfo"]]],
      [{ emailAddress: [], emailVerified: true }, [["input", "emailVerified"]]],
      [{ phoneNumber: null, phoneNumberVerified: true }, [["input", "phoneNumberVerified"]]],
    ];
    // Marking verified what the user does not have, as createUser refuses it, whether or not the list is given.
    const usernameOnly = await createUser({ username: uniqueUsername("no-addresses"), password });
    for (const input of [{ emailVerified: true }, { phoneNumberVerified: true }] as UpdateUserInput[]) {
      const result = await updateUser(usernameOnly.id, input);
      expect(result.__typename, JSON.stringify(input)).toBe("ValidationError");
      if (result.__typename === "ValidationError") expect(result.fieldErrors.map((error) => error.path)).toEqual([["input", Object.keys(input)[0]]]);
    }
    for (const [input, paths] of cases) {
      const result = await updateUser(before.id, input);
      expect(result.__typename, JSON.stringify(input)).toBe("ValidationError");
      if (result.__typename !== "ValidationError") continue;
      for (const path of paths) expect(result.fieldErrors.map((error) => error.path), JSON.stringify(input)).toContainEqual(path);
      expect(result.fieldErrors.every((error) => error.path[0] === "input" && error.message.length > 0)).toBe(true);
    }
    // Several problems at once, in one error.
    const several = await updateUser(before.id, { emailAddress: ["bad"], phoneNumber: ["bad"], name: "Fine" });
    expect(several.__typename).toBe("ValidationError");
    if (several.__typename === "ValidationError") {
      const paths = several.fieldErrors.map((error) => error.path);
      expect(paths).toContainEqual(["input", "emailAddress", "0"]);
      expect(paths).toContainEqual(["input", "phoneNumber", "0"]);
    }
    expect(await storedUser(before.id)).toEqual(before);
  });

  it("applies the password policy unless skipPasswordChecks", async () => {
    const email = uniqueEmail("policy");
    const created = await createUser({ emailAddress: [email], username: uniqueUsername("policyname"), password });
    const common = await updateUser(created.id, { password: "password123" });
    expect(common.__typename).toBe("PasswordPolicyError");
    if (common.__typename === "PasswordPolicyError") expect(common.reasons).toEqual([expect.stringMatching(/common/i)]);
    // The policy sees the new username, not only the stored one.
    const newUsername = uniqueUsername("fresh");
    const personal = await updateUser(created.id, { username: newUsername, password: `my ${newUsername} secret` });
    expect(personal.__typename).toBe("PasswordPolicyError");
    expect((await storedUser(created.id)).username).toBe(created.username);
    expect((await signIn(email, password)).kind).toBe("SignInSuccess");
    // It sees every name the user gave, the stored profile's and one given with the password too.
    const named = await createUser({ emailAddress: [uniqueEmail("named")], password, profile: { givenName: "Zebulon", nickname: "Snorkeldink" } });
    for (const input of [
      { password: "zebulon the great" },
      { password: "snorkeldink forever" },
      { password: "quixotic adventures", profile: { familyName: "Quixotic" } },
      { password: "magnificent marmaduke", firstName: "Marmaduke" },
    ]) {
      expect((await updateUser(named.id, input)).__typename, JSON.stringify(input)).toBe("PasswordPolicyError");
    }
    // A profile given replaces the stored one, whose names then no longer count.
    expect((await updateUser(named.id, { password: "zebulon the great", profile: { givenName: "Zeb" } })).__typename).toBe("PasswordPolicyError");
    expect((await updateUser(named.id, { password: "zebulon the great", profile: null })).__typename).toBe("UpdateUserSuccess");
    // Addresses taken away with the new password (null, or an empty list) no longer count.
    const mailed = uniqueEmail("leaving");
    const leaving = await createUser({ emailAddress: [mailed], username: uniqueUsername("leaving"), password });
    expect((await updateUser(leaving.id, { password: `${mailed} was mine` })).__typename).toBe("PasswordPolicyError");
    expect((await updateUser(leaving.id, { password: `${mailed} was mine`, emailAddress: null })).__typename).toBe("UpdateUserSuccess");
    // An admin may skip it.
    expect((await updateUser(created.id, { password: "password123", skipPasswordChecks: true })).__typename).toBe("UpdateUserSuccess");
    expect((await signIn(email, "password123")).kind).toBe("SignInSuccess");
  });

  it("answers ConflictError for another user's email, username, externalId, phone or wallet", async () => {
    const phone = uniquePhone();
    const wallet = uniqueWallet();
    const other = await createUser({
      emailAddress: [uniqueEmail("Taken")],
      username: uniqueUsername("Taken"),
      externalId: uniqueExternalId(),
      phoneNumber: [phone.e164],
      web3Wallet: [wallet],
      skipPasswordRequirement: true,
    });
    const otherBefore = await storedUser(other.id);
    const before = await createUser(fullInput());
    const cases: Array<[UpdateUserInput, string[]]> = [
      [{ emailAddress: [other.email!.toUpperCase()] }, ["emailAddress"]],
      [{ emailAddress: [uniqueEmail("free"), other.email!] }, ["emailAddress"]],
      [{ username: other.username!.toUpperCase() }, ["username"]],
      [{ externalId: other.externalId! }, ["externalId"]],
      [{ phoneNumber: [phone.formatted] }, ["phoneNumber"]],
      [{ web3Wallet: [wallet.toUpperCase().replace(/^0X/, "0x")] }, ["web3Wallet"]],
      [
        { emailAddress: [other.email!], username: other.username!, externalId: other.externalId!, phoneNumber: [phone.e164] },
        ["emailAddress", "externalId", "phoneNumber", "username"],
      ],
    ];
    for (const [input, fields] of cases) {
      const result = await updateUser(before.id, input);
      expect(result.__typename, JSON.stringify(input)).toBe("ConflictError");
      if (result.__typename === "ConflictError") expect([...result.fields].sort(), JSON.stringify(input)).toEqual(fields);
    }
    expect(await storedUser(before.id)).toEqual(before);
    expect(await storedUser(other.id)).toEqual(otherBefore);
  });

  it("lets a user re-save their own values, in another case or format, without a conflict", async () => {
    const phone = uniquePhone();
    const wallet = uniqueWallet();
    const email = uniqueEmail("Own");
    const before = await createUser({
      emailAddress: [email],
      emailVerified: true,
      username: uniqueUsername("Own"),
      externalId: uniqueExternalId(),
      phoneNumber: [phone.e164],
      web3Wallet: [wallet],
      skipPasswordRequirement: true,
    });
    const user = await updatedUser(before.id, {
      emailAddress: [email.toUpperCase()],
      username: before.username!.toUpperCase(),
      externalId: before.externalId!,
      phoneNumber: [phone.formatted],
      web3Wallet: [wallet],
    });
    expect(user.email?.toLowerCase()).toBe(email.toLowerCase());
    expect(user.emailVerified).toBe(true);
    expect(user.username).toBe(before.username!.toUpperCase());
    expect(user.externalId).toBe(before.externalId);
    expect(user.phoneNumber).toBe(phone.e164);
    expect(user.web3Wallets).toEqual([{ address: wallet, primary: true }]);
    // Exactly the same values again.
    expect((await updateUser(before.id, { emailAddress: [email], username: before.username! })).__typename).toBe("UpdateUserSuccess");
  });

  it("changes nothing when the update fails on a conflict", async () => {
    const other = await createUser({ username: uniqueUsername("holder"), skipPasswordRequirement: true });
    const before = await createUser(fullInput());
    const freshEmail = uniqueEmail("fresh");
    const freshPhone = uniquePhone();
    const result = await updateUser(before.id, {
      name: "Should Not Stick",
      emailAddress: [freshEmail],
      phoneNumber: [freshPhone.e164],
      profile: { givenName: "Nope" },
      metadata: { nope: true },
      password: otherPassword,
      backupCodes: null,
      totpSecret: null,
      blocked: true,
      username: other.username!,
    });
    expect(result.__typename).toBe("ConflictError");
    if (result.__typename === "ConflictError") expect(result.fields).toEqual(["username"]);
    expect(await storedUser(before.id)).toEqual(before);
    const digest = (await server.database.prisma.passwordCredential.findUniqueOrThrow({ where: { userId: before.id } })).digest;
    expect(await argon2.verify(digest, password)).toBe(true);
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: freshEmail } })).toBe(0);
    await createUser({ emailAddress: [freshEmail], phoneNumber: [freshPhone.e164], skipPasswordRequirement: true });
  });

  it("ends the user's sessions on blocking; a blocked user cannot sign in", async () => {
    const email = uniqueEmail("block");
    const created = await createUser({ emailAddress: [email], password });
    const session = await sessionOf(email, password);
    const secondSession = await sessionOf(email, password);
    expect((await me(session))?.id).toBe(created.id);
    expect(await server.database.prisma.session.count({ where: { userId: created.id } })).toBe(2);

    expect((await updatedUser(created.id, { blocked: true })).blocked).toBe(true);
    expect(await me(session)).toBeNull();
    expect(await me(secondSession)).toBeNull();
    expect(await server.database.prisma.session.count({ where: { userId: created.id } })).toBe(0);
    expect((await signIn(email, password)).kind).toBe("UserBlockedError");
    expect((await signIn(email, otherPassword)).kind).toBe("InvalidCredentialsError");

    expect((await updatedUser(created.id, { blocked: false })).blocked).toBe(false);
    expect((await signIn(email, password)).kind).toBe("SignInSuccess");
  });

  it("removes the block's reason when it unblocks a blocked user, and leaves the privateMetadata of a user who was not blocked", async () => {
    const blocked = await createUser({ emailAddress: [uniqueEmail("unblocked")], skipPasswordRequirement: true, blocked: true, privateMetadata: { blockedReason: "chargeback", crm: 42 } });
    expect((await updatedUser(blocked.id, { blocked: false })).privateMetadata).toEqual({ crm: 42 });
    const neverBlocked = await createUser({ emailAddress: [uniqueEmail("never-blocked")], skipPasswordRequirement: true, privateMetadata: { blockedReason: "their own note", crm: 7 } });
    for (const unblocking of [false, null]) {
      expect((await updatedUser(neverBlocked.id, { name: "Still Here", blocked: unblocking })).privateMetadata).toEqual({ blockedReason: "their own note", crm: 7 });
    }
  });

  it("ends the user's sessions when it sets or removes the password or changes the TOTP secret, not on other changes", async () => {
    const email = uniqueEmail("credentials");
    const created = await createUser({ emailAddress: [email], password });
    const changes: Array<[UpdateUserInput, string | null]> = [
      [{ password: otherPassword, skipPasswordChecks: true }, otherPassword],
      [{ passwordDigest: await bcrypt.hash(password, 4), passwordHasher: "BCRYPT" }, password],
      [{ totpSecret: uniqueTotpSecret() }, null],
    ];
    let current = password;
    for (const [input, next] of changes) {
      const session = await sessionOf(email, current);
      expect((await updatedUser(created.id, { name: "Kept Signed In" })).name).toBe("Kept Signed In");
      expect((await me(session))?.id, "a change of name keeps the session").toBe(created.id);
      await updatedUser(created.id, input);
      expect(await me(session), JSON.stringify(input)).toBeNull();
      expect(await server.database.prisma.session.count({ where: { userId: created.id } })).toBe(0);
      if (next) current = next;
    }
    await updatedUser(created.id, { totpSecret: null, password: otherPassword, skipPasswordChecks: true });
    const last = await sessionOf(email, otherPassword);
    // Null for a second factor the user does not have changes nothing (a back office sending its
    // whole form, empty fields as null).
    await updatedUser(created.id, { name: "Whole Form", totpSecret: null });
    expect((await me(last))?.id).toBe(created.id);
    await updatedUser(created.id, { password: null });
    expect(await me(last)).toBeNull();
    // No password to sign in with: a session written straight to the database stands in.
    const { token, tokenHash, expiresAt } = newRandomToken(60_000);
    await server.database.prisma.session.create({ data: { userId: created.id, tokenHash, expiresAt } });
    const withoutPassword = { headers: { cookie: `session=${token}` } };
    await updatedUser(created.id, { name: "Whole Form Again", password: null, totpSecret: null });
    expect((await me(withoutPassword))?.id).toBe(created.id);
  });

  it("changes nothing when the TOTP secret sent is the one the user has: a used code stays used, sessions stay", async () => {
    const email = uniqueEmail("same-totp");
    const totpSecret = uniqueTotpSecret();
    const created = await createUser({ emailAddress: [email], password, totpSecret });
    const { prisma } = server.database;
    const totpLastUsedStep = BigInt(Math.floor(Date.now() / 30_000));
    await prisma.user.update({ where: { id: created.id }, data: { totpLastUsedStep } });
    const lastUsedStep = async () => (await prisma.user.findUniqueOrThrow({ where: { id: created.id } })).totpLastUsedStep;
    const { token, tokenHash, expiresAt } = newRandomToken(60_000);
    await prisma.session.create({ data: { userId: created.id, tokenHash, expiresAt } });
    const session = { headers: { cookie: `session=${token}` } };

    // The same secret, spelled as an authenticator app shows it.
    const spelledAgain = totpSecret.toLowerCase().replace(/(.{4})/g, "$1 ").trim();
    await updatedUser(created.id, { name: "Whole Form", totpSecret: spelledAgain });
    expect(await lastUsedStep()).toBe(totpLastUsedStep);
    expect((await me(session))?.id).toBe(created.id);

    // A new secret signs out, and the used step stays the user's (test/sign-in-second-factor.test.ts
    // has a secret set back after it).
    await updatedUser(created.id, { totpSecret: uniqueTotpSecret() });
    expect(await lastUsedStep()).toBe(totpLastUsedStep);
    expect(await me(session)).toBeNull();
  });

  it("answers NotFoundError for an unknown id and for an id that is not a UUID", async () => {
    for (const id of ["01900000-0000-7000-8000-000000000000", "not-a-uuid", ""]) {
      const result = await updateUser(id, { name: "Nobody" });
      expect(result.__typename, id).toBe("NotFoundError");
      if (result.__typename === "NotFoundError") expect(result.resource).toBe("user");
    }
  });

  it("takes an id in capitals as the user's, and answers with the stored id", async () => {
    const created = await createUser({ emailAddress: [uniqueEmail("capitals")], password });
    const capitals = created.id.toUpperCase();
    // Read back after the write: the id must find the written row.
    const user = await updatedUser(capitals, { name: "Capital Name" });
    expect(user).toMatchObject({ id: created.id, name: "Capital Name" });
    // Answered without a read: the id must still be the stored one.
    const idOnly = await send(UpdateUserTestIdOnlyMutation, { id: capitals, input: { name: "Capital Again" } }, { admin: true });
    expect(idOnly.body).toEqual({ data: { updateUser: { __typename: "UpdateUserSuccess", user: { id: created.id } } } });
    expect((await storedUser(capitals)).id).toBe(created.id);
  });

  it("needs the admin key", async () => {
    const email = uniqueEmail("nokey");
    const created = await createUser({ emailAddress: [email], password });
    const anonymous = await send(UpdateUserTestUpdateMutation, { id: created.id, input: { blocked: true } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const session = await sessionOf(email, password);
    const self = await send(UpdateUserTestUpdateMutation, { id: created.id, input: { blocked: true } }, session);
    expect(self.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await storedUser(created.id)).blocked).toBe(false);
  });
});

describe("updateUser: a password needs an identifier", () => {
  it("refuses to take the last email address, phone number and username from a user with a password; nothing changes", async () => {
    const email = uniqueEmail("last-identifier");
    const user = await createUser({ emailAddress: [email], password: "a ship in port is safe 1851", name: "Kept" });
    expect(await updateUser(user.id, { emailAddress: null, username: null, name: "Not Saved" })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "emailAddress"], message: expect.stringMatching(/^Cannot leave a user who has a password no email address/) }],
    });
    expect(await storedUser(user.id)).toMatchObject({ email, name: "Kept", hasPassword: true });
    // With the password, or for a user without one, the addresses may go.
    expect(await updatedUser(user.id, { emailAddress: null, password: null })).toMatchObject({ email: null, hasPassword: false });
    const withoutPassword = await createUser({ emailAddress: [uniqueEmail("no-password")], skipPasswordRequirement: true });
    expect(await updatedUser(withoutPassword.id, { emailAddress: [] })).toMatchObject({ email: null });
  });

  it("refuses a password for a user left without an identifier", async () => {
    const user = await createUser({ externalId: `ext-${uniqueEmail("x")}`, skipPasswordRequirement: true });
    expect(await updateUser(user.id, { password: "a ship in port is safe 1851" })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "password"], message: "A password needs an email address, a phone number or a username to sign in with." }],
    });
    expect(await updatedUser(user.id, { password: "a ship in port is safe 1851", username: `named_${Date.now()}` })).toMatchObject({ hasPassword: true });
  });
});

describe("updateUser with backup codes the user already used", () => {
  // Backup codes are single-use (SPEC section 7): a list sent again by a back office or a sync
  // script must not make a used one valid again.

  async function signInWithCode(identifier: string, code: string) {
    const response = await send(UpdateUserTestSignInMutation, { input: { identifier, password, code } });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.signIn.__typename;
  }

  /** A user with TOTP and these backup codes who signed in with `used`, one of them. */
  async function userWhoUsed(backupCodes: string[], used: string) {
    const email = uniqueEmail("used-code");
    const { id } = await createUser({ emailAddress: [email], password, totpSecret: uniqueTotpSecret(), backupCodes });
    expect(await signInWithCode(email, used)).toBe("SignInSuccess");
    return { id, email, before: await storedUser(id) };
  }

  const backupCodeRows = (userId: string) => server.database.prisma.backupCode.findMany({ where: { userId }, orderBy: { id: "asc" } });

  function expectRefusedAsUsed(result: Awaited<ReturnType<typeof updateUser>>, positions: number[]) {
    expect(result.__typename).toBe("ValidationError");
    if (result.__typename !== "ValidationError") return;
    expect(result.fieldErrors).toEqual(
      positions.map((position) => ({ path: ["input", "backupCodes", String(position)], message: expect.stringMatching(/already used/) })),
    );
  }

  it("refuses the same plain list again at the used code's position, and changes nothing", async () => {
    const codes = ["plain-code-1", "plain-code-2", "plain-code-3"];
    const user = await userWhoUsed(codes, "plain-code-2");
    expect(user.before.backupCodeCount).toBe(2);
    const rows = await backupCodeRows(user.id);

    expectRefusedAsUsed(await updateUser(user.id, { name: "Whole Form", backupCodes: codes }), [1]);
    expect(await storedUser(user.id)).toEqual(user.before);
    expect(await backupCodeRows(user.id)).toEqual(rows);
    expect(await signInWithCode(user.email, "plain-code-2")).toBe("SecondFactorRequiredError");
    expect(await signInWithCode(user.email, "plain-code-1")).toBe("SignInSuccess");
  });

  it("refuses the same list of bcrypt digests again, in any of their spellings, and the used code given plain", async () => {
    const digests = await Promise.all(["digest-code-1", "digest-code-2"].map((code) => bcrypt.hash(code, 4)));
    const user = await userWhoUsed(digests, "digest-code-2");
    const used = digests[1]!;
    expect(used.startsWith("$2b$")).toBe(true);

    expectRefusedAsUsed(await updateUser(user.id, { backupCodes: digests }), [1]);
    for (const spelling of ["$2y$", "$2a$"]) {
      expectRefusedAsUsed(await updateUser(user.id, { backupCodes: [digests[0]!, used.replace(/^\$2b\$/, spelling)] }), [1]);
    }
    expectRefusedAsUsed(await updateUser(user.id, { backupCodes: ["digest-code-2", "digest-code-9"] }), [0]);
    expect(await storedUser(user.id)).toEqual(user.before);
    expect(await signInWithCode(user.email, "digest-code-2")).toBe("SecondFactorRequiredError");
  });

  it("remembers used codes through a fresh list and through null", async () => {
    const user = await userWhoUsed(["kept-code-1", "kept-code-2"], "kept-code-1");
    expect((await updatedUser(user.id, { backupCodes: ["fresh-code-1", "fresh-code-2", "fresh-code-3"] })).backupCodeCount).toBe(3);
    expect(await signInWithCode(user.email, "kept-code-1")).toBe("SecondFactorRequiredError");
    expect(await signInWithCode(user.email, "kept-code-2")).toBe("SecondFactorRequiredError");
    expect(await signInWithCode(user.email, "fresh-code-2")).toBe("SignInSuccess");
    expect((await updatedUser(user.id, { backupCodes: null })).backupCodeCount).toBe(0);

    expectRefusedAsUsed(await updateUser(user.id, { backupCodes: ["kept-code-2", "kept-code-1", "fresh-code-2"] }), [1, 2]);
    expect((await storedUser(user.id)).backupCodeCount).toBe(0);
    // Replaced before it was used, a code may be given again.
    expect((await updatedUser(user.id, { backupCodes: ["kept-code-2"] })).backupCodeCount).toBe(1);
    expect(await signInWithCode(user.email, "kept-code-1")).toBe("SecondFactorRequiredError");
    expect(await signInWithCode(user.email, "kept-code-2")).toBe("SignInSuccess");
  });

  it("knows a used code again by the SHA-256 kept when it was used, and by bcrypt when it was used before that was kept", async () => {
    const codes = ["sha-code-1", "sha-code-2", "sha-code-3"];
    const user = await userWhoUsed(codes, "sha-code-1");
    expect(await signInWithCode(user.email, "sha-code-2")).toBe("SignInSuccess");
    const { prisma } = server.database;
    const used = (await backupCodeRows(user.id)).filter((row) => row.usedAt !== null);
    expect(used).toHaveLength(2);
    const sha256 = (code: string) => createHash("sha256").update(code).digest("hex");
    expect(used.map((row) => row.usedCodeSha256).sort()).toEqual([sha256("sha-code-1"), sha256("sha-code-2")].sort());
    expect(JSON.stringify(used)).not.toMatch(/sha-code/);

    // The SHA-256 alone recognizes the first: its digest is made another code's.
    const first = used.find((row) => row.usedCodeSha256 === sha256("sha-code-1"))!;
    await prisma.backupCode.update({ where: { id: first.id }, data: { digest: await bcrypt.hash("something-else", 4) } });
    // bcrypt alone the second, as for a code used before the SHA-256 was kept.
    const second = used.find((row) => row.usedCodeSha256 === sha256("sha-code-2"))!;
    await prisma.backupCode.update({ where: { id: second.id }, data: { usedCodeSha256: null } });

    expectRefusedAsUsed(await updateUser(user.id, { backupCodes: ["sha-code-4", "sha-code-1", "sha-code-2"] }), [1, 2]);
    expect((await updatedUser(user.id, { backupCodes: ["sha-code-3", "sha-code-4"] })).backupCodeCount).toBe(2);
  });

  it("takes a list that leaves the used code out, and backupCodeCount counts only unused codes", async () => {
    const codes = ["left-code-1", "left-code-2", "left-code-3"];
    const user = await userWhoUsed(codes, "left-code-2");
    expect((await updatedUser(user.id, { backupCodes: ["left-code-1", "left-code-3", "left-code-4"] })).backupCodeCount).toBe(3);
    expect(await signInWithCode(user.email, "left-code-2")).toBe("SecondFactorRequiredError");
    for (const [index, code] of ["left-code-1", "left-code-3", "left-code-4"].entries()) {
      expect(await signInWithCode(user.email, code)).toBe("SignInSuccess");
      expect((await storedUser(user.id)).backupCodeCount).toBe(2 - index);
    }
    expectRefusedAsUsed(await updateUser(user.id, { backupCodes: codes }), [0, 1, 2]);
  });
});

describe("updateUser: backup codes need TOTP", () => {
  // Sign-in asks for a code (TOTP or backup) only from a user with TOTP: backup codes without it
  // could never be used.

  const needsTotp = { path: ["input", "backupCodes"], message: expect.stringMatching(/need a TOTP secret \(totpSecret\)/) };

  async function signInWithCode(identifier: string, code?: string) {
    const response = await send(UpdateUserTestSignInMutation, { input: { identifier, password, code } });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.signIn.__typename;
  }

  it("refuses backup codes for a user without TOTP unless the same input sets a totpSecret", async () => {
    const email = uniqueEmail("codes-no-totp");
    const before = await createUser({ emailAddress: [email], password });
    expect(await updateUser(before.id, { name: "Whole Form", backupCodes: ["abcd-1234"] })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [needsTotp],
    });
    expect(await storedUser(before.id)).toEqual(before);
    expect(await server.database.prisma.backupCode.count({ where: { userId: before.id } })).toBe(0);

    // An empty list leaves nothing unusable.
    expect(await updatedUser(before.id, { backupCodes: [] })).toMatchObject({ totpEnabled: false, backupCodeCount: 0 });

    expect(await updatedUser(before.id, { totpSecret: uniqueTotpSecret(), backupCodes: ["abcd-1234"] })).toMatchObject({
      totpEnabled: true,
      backupCodeCount: 1,
    });
    expect(await signInWithCode(email, "abcd-1234")).toBe("SignInSuccess");
  });

  it("refuses new backup codes with totpSecret: null, and changes nothing", async () => {
    const email = uniqueEmail("codes-totp-off");
    const before = await createUser({ emailAddress: [email], password, totpSecret: uniqueTotpSecret(), backupCodes: ["keep-code-1"] });
    expect(await updateUser(before.id, { totpSecret: null, backupCodes: ["new-code-1"] })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [needsTotp],
    });
    expect(await storedUser(before.id)).toEqual(before);
    expect(await signInWithCode(email, "keep-code-1")).toBe("SignInSuccess");
  });

  it("removes the unused backup codes with totpSecret: null and keeps the used ones, so they stay refused", async () => {
    const email = uniqueEmail("totp-off");
    const { id } = await createUser({ emailAddress: [email], password, totpSecret: uniqueTotpSecret(), backupCodes: ["off-code-1", "off-code-2"] });
    expect(await signInWithCode(email, "off-code-2")).toBe("SignInSuccess");

    expect(await updatedUser(id, { totpSecret: null })).toMatchObject({ totpEnabled: false, backupCodeCount: 0 });
    const rows = await server.database.prisma.backupCode.findMany({ where: { userId: id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.usedAt).not.toBeNull();
    expect(await signInWithCode(email)).toBe("SignInSuccess");

    // TOTP on again: the unused code is gone, the used one still cannot be issued again.
    expect(await updatedUser(id, { totpSecret: uniqueTotpSecret() })).toMatchObject({ totpEnabled: true, backupCodeCount: 0 });
    expect(await signInWithCode(email, "off-code-1")).toBe("SecondFactorRequiredError");
    expect(await updateUser(id, { backupCodes: ["off-code-2"] })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "backupCodes", "0"], message: expect.stringMatching(/already used/) }],
    });
  });
});

describe("updateMe", () => {
  async function signedInUser(input: Partial<CreateUserInput> = {}) {
    const email = uniqueEmail("me");
    const user = await createUser({ emailAddress: [email], password, ...input });
    return { user, email, session: await sessionOf(email, password) };
  }

  it("changes the names, username, picture, profile and unsafeMetadata", async () => {
    const { user: before, session } = await signedInUser({ unsafeMetadata: { old: 1 }, privateMetadata: { keep: true } });
    const username = uniqueUsername("Self");
    const result = await updateMe(
      {
        name: "Self Made",
        firstName: "Self",
        lastName: "Made",
        username,
        picture: "https://example.com/self.png",
        profile: { nickname: "selfie", locale: "de-DE", addresses: [{ city: "Berlin", isPrimary: true }] },
        unsafeMetadata: { theme: "dark" },
      },
      session,
    );
    expect(result.__typename).toBe("UpdateMeSuccess");
    if (result.__typename !== "UpdateMeSuccess") return;
    expect(result.user).toMatchObject({
      id: before.id,
      name: "Self Made",
      firstName: "Self",
      lastName: "Made",
      username,
      picture: "https://example.com/self.png",
      profile: { nickname: "selfie", locale: "de-DE", addresses: [expect.objectContaining({ city: "Berlin", isPrimary: true })] },
      unsafeMetadata: { theme: "dark" },
      email: before.email,
    });
    const stored = await storedUser(before.id);
    expect(stored).toMatchObject({ name: "Self Made", username, unsafeMetadata: { theme: "dark" }, privateMetadata: { keep: true } });
    expect(await me(session)).toEqual({ id: before.id, name: "Self Made", username });

    // null clears; absent fields stay.
    const cleared = await updateMe({ name: null, profile: null, unsafeMetadata: null }, session);
    expect(cleared.__typename).toBe("UpdateMeSuccess");
    if (cleared.__typename === "UpdateMeSuccess") {
      expect(cleared.user).toMatchObject({ name: null, profile: null, unsafeMetadata: {}, username, firstName: "Self" });
    }
  });

  it("validates its input and refuses another user's username", async () => {
    const other = await createUser({ username: uniqueUsername("Occupied"), skipPasswordRequirement: true });
    const { user, session } = await signedInUser();
    const invalid = await updateMe({ picture: "javascript:alert(1)", username: "x" }, session);
    expect(invalid.__typename).toBe("ValidationError");
    if (invalid.__typename === "ValidationError") {
      const paths = invalid.fieldErrors.map((error) => error.path);
      expect(paths).toContainEqual(["input", "picture"]);
      expect(paths).toContainEqual(["input", "username"]);
    }
    const conflict = await updateMe({ username: other.username!.toLowerCase(), name: "Not Saved" }, session);
    expect(conflict.__typename).toBe("ConflictError");
    if (conflict.__typename === "ConflictError") expect(conflict.fields).toEqual(["username"]);
    expect(await storedUser(user.id)).toMatchObject({ username: null, name: null, picture: null });
  });

  it("changes the password only with the right currentPassword", async () => {
    const { email, session } = await signedInUser();
    const missing = await updateMe({ password: otherPassword }, session);
    expect(missing).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "currentPassword"], message: "Required to change your password: send your current password." }],
    });
    const wrong = await updateMe({ password: otherPassword, currentPassword: "not my password at all" }, session);
    expect(wrong.__typename).toBe("InvalidCredentialsError");
    // No one's password is that long: said as for `password`, in the house's words.
    expect(await updateMe({ password: otherPassword, currentPassword: "p".repeat(4097) }, session)).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "currentPassword"], message: "Must be at most 4096 characters." }],
    });
    expect((await signIn(email, password)).kind).toBe("SignInSuccess");
    expect((await signIn(email, otherPassword)).kind).toBe("InvalidCredentialsError");

    const right = await updateMe({ password: otherPassword, currentPassword: password }, session);
    expect(right.__typename).toBe("UpdateMeSuccess");
    expect((await signIn(email, otherPassword)).kind).toBe("SignInSuccess");
    expect((await signIn(email, password)).kind).toBe("InvalidCredentialsError");
  });

  it("refuses to remove the password, the only way to sign in, even with the right currentPassword; nothing changes", async () => {
    const { user, email, session } = await signedInUser();
    const elsewhere = await sessionOf(email, password);
    for (const input of [{ password: null, currentPassword: password, name: "Not Saved" }, { password: null }]) {
      const refused = await updateMe(input, session);
      expect(refused.__typename).toBe("ValidationError");
      if (refused.__typename === "ValidationError") {
        expect(refused.fieldErrors).toEqual([
          expect.objectContaining({ path: ["input", "password"], message: "Cannot remove your password: it is the only way you can sign in." }),
        ]);
      }
    }
    expect(await storedUser(user.id)).toMatchObject({ hasPassword: true, name: null, loginAttempts: 0 });
    expect((await me(elsewhere))?.id).toBe(user.id);
    expect((await signIn(email, password)).kind).toBe("SignInSuccess");
  });

  it("takes password: null from a user who has no password (a form sent whole): nothing to remove", async () => {
    const created = await createUser({ emailAddress: [uniqueEmail("no-password")], skipPasswordRequirement: true });
    const { token, tokenHash, expiresAt } = newRandomToken(60_000);
    await server.database.prisma.session.create({ data: { userId: created.id, tokenHash, expiresAt } });
    const result = await updateMe({ password: null, name: "Whole Form" }, { headers: { cookie: `session=${token}` } });
    expect(result).toMatchObject({ __typename: "UpdateMeSuccess", user: { hasPassword: false, name: "Whole Form" } });
  });

  it("keeps a username that is the only identifier: refuses its removal, and renames it only with the current password", async () => {
    const username = uniqueUsername("Only");
    const created = await createUser({ username, password });
    const session = await sessionOf(username, password);

    const removal = await updateMe({ username: null }, session);
    expect(removal.__typename).toBe("ValidationError");
    if (removal.__typename === "ValidationError") {
      expect(removal.fieldErrors).toEqual([
        expect.objectContaining({ path: ["input", "username"], message: "Cannot remove your username: it is the only identifier you can sign in with." }),
      ]);
    }
    const renamed = uniqueUsername("Renamed");
    expect(await updateMe({ username: renamed }, session)).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "currentPassword"], message: "Required to rename the username you sign in with: send your current password." }],
    });
    expect((await updateMe({ username: renamed, currentPassword: "not my password at all" }, session)).__typename).toBe("InvalidCredentialsError");
    // Sent again in another case, it is not renamed: nothing to check.
    expect((await updateMe({ username: username.toUpperCase(), name: "Same Name" }, session)).__typename).toBe("UpdateMeSuccess");
    expect(await storedUser(created.id)).toMatchObject({ username: username.toUpperCase(), name: "Same Name" });

    expect((await updateMe({ username: renamed, currentPassword: password }, session)).__typename).toBe("UpdateMeSuccess");
    expect((await signIn(renamed, password)).kind).toBe("SignInSuccess");
    // With an email address to sign in with, the username is one identifier of two.
    const { user: withEmail, session: emailSession } = await signedInUser({ username: uniqueUsername("Second") });
    expect((await updateMe({ username: uniqueUsername("Free") }, emailSession)).__typename).toBe("UpdateMeSuccess");
    expect((await updateMe({ username: null }, emailSession)).__typename).toBe("UpdateMeSuccess");
    expect(await storedUser(withEmail.id)).toMatchObject({ username: null });
  });

  it("a new password ends the user's other sessions, and keeps the one that changed it", async () => {
    const { user, email, session } = await signedInUser();
    const elsewhere = await sessionOf(email, password);
    const right = await updateMe({ password: otherPassword, currentPassword: password }, session);
    expect(right.__typename).toBe("UpdateMeSuccess");
    expect((await me(session))?.id).toBe(user.id);
    expect(await me(elsewhere)).toBeNull();
    expect(await server.database.prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("counts a wrong currentPassword like a failed sign-in: loginAttempts, and RATE_LIMITED past the limit", async () => {
    const limited = await startTestServer({ SIGN_IN_FAILURES_PER_IDENTIFIER: "3" });
    try {
      const email = uniqueEmail("guessing");
      const user = await limited.createUser({ emailAddress: [email], password });
      const signedIn = await limited.send(UpdateUserTestSignInMutation, { input: { identifier: email, password } });
      const token = /(?:^|[\s,])session=([^;]+)/.exec(signedIn.headers.get("set-cookie") ?? "")?.[1];
      const session = { headers: { cookie: `session=${token}` } };
      const guess = (attempt: number) =>
        limited.send(UpdateUserTestUpdateMeMutation, { input: { password: otherPassword, currentPassword: `guess number ${attempt}` } }, session);
      for (const attempt of [1, 2, 3]) expect((await guess(attempt)).body.data?.updateMe.__typename).toBe("InvalidCredentialsError");
      const refused = await guess(4);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      const stored = await limited.send(UpdateUserTestUserQuery, { id: user.id }, { admin: true });
      expect(stored.body.data?.user).toMatchObject({ loginAttempts: 3, hasPassword: true });
      // The right password is refused too until the window passes: the guesses are not reset by it.
      const right = await limited.send(UpdateUserTestUpdateMeMutation, { input: { password: otherPassword, currentPassword: password } }, session);
      expect(right.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    } finally {
      await limited.close();
    }
  });

  it("counts a username change against the sign-up limit: taken usernames cannot be probed at leisure", async () => {
    const limited = await startTestServer({ SIGN_UPS_PER_IP: "2" });
    try {
      const email = uniqueEmail("probing");
      await limited.createUser({ emailAddress: [email], password });
      const taken = uniqueUsername("taken");
      await limited.createUser({ emailAddress: [uniqueEmail("holder")], username: taken, skipPasswordRequirement: true });
      const signedIn = await limited.send(UpdateUserTestSignInMutation, { input: { identifier: email, password } });
      const token = /(?:^|[\s,])session=([^;]+)/.exec(signedIn.headers.get("set-cookie") ?? "")?.[1];
      const session = { headers: { cookie: `session=${token}` } };
      const probe = (username: string) => limited.send(UpdateUserTestUpdateMeMutation, { input: { username } }, session);
      expect((await probe(taken)).body.data?.updateMe.__typename).toBe("ConflictError");
      expect((await probe(uniqueUsername("free"))).body.data?.updateMe.__typename).toBe("UpdateMeSuccess");
      expect((await probe(taken)).body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      // Other changes are not counted.
      expect((await limited.send(UpdateUserTestUpdateMeMutation, { input: { firstName: "Ada" } }, session)).body.data?.updateMe.__typename).toBe(
        "UpdateMeSuccess",
      );
    } finally {
      await limited.close();
    }
  });

  it("does not count the user's own username sent again, in any case, or its removal against the sign-up limit", async () => {
    const limited = await startTestServer({ SIGN_UPS_PER_IP: "1" });
    try {
      const email = uniqueEmail("whole-form");
      const username = uniqueUsername("Form");
      await limited.createUser({ emailAddress: [email], username, password });
      const signedIn = await limited.send(UpdateUserTestSignInMutation, { input: { identifier: email, password } });
      const token = /(?:^|[\s,])session=([^;]+)/.exec(signedIn.headers.get("set-cookie") ?? "")?.[1];
      const session = { headers: { cookie: `session=${token}` } };
      const save = (input: UpdateMeInput) => limited.send(UpdateUserTestUpdateMeMutation, { input }, session);
      // A profile form sends every field, the username unchanged, on each save.
      for (const sent of [username, username, username.toUpperCase(), username.toLowerCase()]) {
        const saved = await save({ username: sent, firstName: "Ada" });
        expect(saved.body.data?.updateMe, JSON.stringify(saved.body)).toMatchObject({ __typename: "UpdateMeSuccess", user: { username: sent } });
      }
      for (let attempt = 0; attempt < 2; attempt++) expect((await save({ username: null })).body.data?.updateMe.__typename).toBe("UpdateMeSuccess");
      // The one sign-up of the window is still there for a real change, and then used up.
      expect((await save({ username: uniqueUsername("changed") })).body.data?.updateMe.__typename).toBe("UpdateMeSuccess");
      expect((await save({ username: uniqueUsername("again") })).body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    } finally {
      await limited.close();
    }
  });

  /**
   * Starts a change of the password of a new user whose current password takes about a second to
   * check (64 MiB, 16 passes), makes the admin's `change` meanwhile, and returns the change's answer.
   */
  async function changePasswordWhile(prefix: string, change: (userId: string) => Promise<unknown>) {
    const email = uniqueEmail(prefix);
    const slowDigest = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 65536, timeCost: 16, parallelism: 1 });
    const created = await createUser({ emailAddress: [email], passwordDigest: slowDigest, passwordHasher: "ARGON2ID" });
    // Signing in would re-hash the digest; a session written to the database keeps it slow.
    const { token, tokenHash, expiresAt } = newRandomToken(60_000);
    await server.database.prisma.session.create({ data: { userId: created.id, tokenHash, expiresAt } });

    let answered = false;
    const changing = send(UpdateUserTestUpdateMeMutation, { input: { password: otherPassword, currentPassword: password } }, { headers: { cookie: `session=${token}` } }).finally(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await change(created.id);
    expect(answered, "updateMe answered before the admin's change: the check was faster than the window").toBe(false);
    return { email, userId: created.id, answer: await changing };
  }

  it("does not undo an admin's password reset made while the current password was being checked", async () => {
    const resetPassword = "granite harbour reset 5150";
    const { email, answer } = await changePasswordWhile("reset-during-change", (userId) => updatedUser(userId, { password: resetPassword }));
    // The reset ended the session the change came with: nothing is written.
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await signIn(email, resetPassword)).kind).toBe("SignInSuccess");
    expect((await signIn(email, otherPassword)).kind).toBe("InvalidCredentialsError");
    expect((await signIn(email, password)).kind).toBe("InvalidCredentialsError");
  });

  it("does not let the old password set a new one after an admin removed the password meanwhile", async () => {
    const { email, userId, answer } = await changePasswordWhile("removed-during-change", async (id) =>
      expect((await updatedUser(id, { password: null })).hasPassword).toBe(false),
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await storedUser(userId)).hasPassword).toBe(false);
    expect((await signIn(email, otherPassword)).kind).toBe("InvalidCredentialsError");
  });

  it("sets a first password without currentPassword when the account has none", async () => {
    const email = uniqueEmail("first-password");
    const created = await createUser({ emailAddress: [email], skipPasswordRequirement: true });
    // No password to sign in with (an identity provider's sign-in would open it), so a session
    // written straight to the database stands in.
    const { token, tokenHash, expiresAt } = newRandomToken(60_000);
    await server.database.prisma.session.create({ data: { userId: created.id, tokenHash, expiresAt } });
    const session = { headers: { cookie: `session=${token}` } };
    const result = await updateMe({ password: otherPassword }, session);
    expect(result.__typename).toBe("UpdateMeSuccess");
    if (result.__typename === "UpdateMeSuccess") expect(result.user.hasPassword).toBe(true);
    expect((await signIn(email, otherPassword)).kind).toBe("SignInSuccess");
  });

  it("applies the password policy to a new password", async () => {
    const { email, session } = await signedInUser();
    const result = await updateMe({ password: "password123", currentPassword: password }, session);
    expect(result.__typename).toBe("PasswordPolicyError");
    if (result.__typename === "PasswordPolicyError") expect(result.reasons).toEqual([expect.stringMatching(/common/i)]);
    // The names of the profile count, as at sign-up.
    expect((await updateMe({ profile: { givenName: "Zebulon" } }, session)).__typename).toBe("UpdateMeSuccess");
    expect((await updateMe({ password: "zebulon the great", currentPassword: password }, session)).__typename).toBe("PasswordPolicyError");
    expect((await signIn(email, password)).kind).toBe("SignInSuccess");
    expect((await signIn(email, "password123")).kind).toBe("InvalidCredentialsError");
  });

  it("answers UNAUTHENTICATED without a session (or with an unknown one)", async () => {
    for (const options of [{}, { headers: { cookie: `session=${"A".repeat(43)}` } }, { admin: true }] as RequestOptions[]) {
      const response = await send(UpdateUserTestUpdateMeMutation, { input: { name: "Ghost" } }, options);
      expect(response.body.data?.updateMe ?? null).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(options)).toBe("UNAUTHENTICATED");
    }
  });

  it("has no privileged fields: privateMetadata, publicMetadata, blocked, emailAddress are GraphQL validation errors", async () => {
    const { user, session } = await signedInUser({ privateMetadata: { role: "user" } });
    const document = `mutation UpdateMeRaw($input: UpdateMeInput!) { updateMe(input: $input) { __typename } }`;
    const attempts: Array<[string, Record<string, unknown>]> = [
      ["privateMetadata", { privateMetadata: { role: "admin" } }],
      ["publicMetadata", { publicMetadata: { role: "admin" } }],
      ["blocked", { blocked: false, name: "Sneaky" }],
      ["emailAddress", { emailAddress: [uniqueEmail("sneaky")] }],
      ["loginAttempts", { loginAttempts: 0 }],
      ["deleteSelfEnabled", { deleteSelfEnabled: true }],
    ];
    for (const [field, input] of attempts) {
      // Variables that do not fit the input type fail before execution (yoga answers 400).
      const response = await postRaw(document, { input }, session);
      expect(response.status, field).toBe(400);
      expect(response.body.data ?? null, field).toBeNull();
      expect(response.body.errors?.[0]?.message, field).toContain(field);
    }
    // Inline in the document too: a validation error of the document (GraphQL over HTTP with
    // application/json answers those with 200, hence no status check beyond "not a fault").
    const inline = await postRaw(`mutation { updateMe(input: { privateMetadata: { role: "admin" } }) { __typename } }`, {}, session);
    expect(inline.body.data ?? null).toBeNull();
    expect(inline.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(inline.body.errors?.[0]?.message).toContain("privateMetadata");
    expect(await storedUser(user.id)).toMatchObject({ privateMetadata: { role: "user" }, name: null, blocked: false });
  });
});

describe("updateUser racing other writes", () => {
  // argon2id at 64 MiB and 16 passes: hashing the new password takes about a second, a wide window
  // for another write to land between reading the user and writing the update.
  let slowServer: TestServer;
  beforeAll(async () => {
    slowServer = await startTestServer({ RATE_LIMITS: "off", ARGON2_MEMORY_KIB: "65536", ARGON2_ITERATIONS: "16" });
  });
  afterAll(() => slowServer.close());

  async function slowUpdate(id: string, input: UpdateUserInput, meanwhile: () => Promise<unknown>) {
    let answered = false;
    const updating = slowServer
      .send(UpdateUserTestUpdateMutation, { id, input }, { admin: true })
      .finally(() => {
        answered = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await meanwhile();
    expect(answered, "updateUser answered before the other write: the hash was faster than the window").toBe(false);
    const response = await updating;
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    return response.body.data!.updateUser;
  }

  const slowServerUser = async (email: string) =>
    (await slowServer.createUser({ emailAddress: [email], skipPasswordRequirement: true })).id;

  it("keeps a verification that lands while the update hashes, for an address that stays", async () => {
    const [email, other] = [uniqueEmail("verified-meanwhile"), uniqueEmail("added")];
    const userId = await slowServerUser(email);
    const result = await slowUpdate(userId, { emailAddress: [email, other], password: "a new password nobody guesses" }, () =>
      slowServer.database.prisma.emailAddress.updateMany({ where: { userId }, data: { verified: true } }),
    );
    expect(result.__typename).toBe("UpdateUserSuccess");
    const addresses = await slowServer.database.prisma.emailAddress.findMany({ where: { userId }, orderBy: { primary: "desc" } });
    expect(addresses.map(({ email: address, verified }) => [address, verified])).toEqual([
      [email, true],
      [other, false],
    ]);
  });

  it("refuses a backup code used while the update hashes when the new list has it again", async () => {
    const digests = await Promise.all(["race-code-1", "race-code-2"].map((code) => bcrypt.hash(code, 4)));
    const { prisma } = slowServer.database;
    const email = uniqueEmail("used-meanwhile");
    const { id: userId } = await slowServer.createUser({
      emailAddress: [email],
      skipPasswordRequirement: true,
      totpSecret: uniqueTotpSecret(),
      backupCodes: digests,
    });
    // What a sign-in with race-code-1 writes, after the update compared its list with the used codes.
    const result = await slowUpdate(userId, { backupCodes: digests, password: "a new password nobody guesses" }, () =>
      prisma.backupCode.updateMany({ where: { userId, digest: digests[0]! }, data: { usedAt: new Date() } }),
    );
    expect(result).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "backupCodes", "0"] }] });
    expect(await prisma.backupCode.count({ where: { userId, usedAt: null } })).toBe(1);
    expect(await prisma.passwordCredential.count({ where: { userId } })).toBe(0);
  });

  it("refuses new backup codes when TOTP is turned off while the update hashes", async () => {
    const { prisma } = slowServer.database;
    const { id: userId } = await slowServer.createUser({
      emailAddress: [uniqueEmail("totp-off-meanwhile")],
      skipPasswordRequirement: true,
      totpSecret: uniqueTotpSecret(),
    });
    const result = await slowUpdate(userId, { backupCodes: ["late-code-1"], password: "a new password nobody guesses" }, async () => {
      const turnedOff = await slowServer.send(UpdateUserTestUpdateMutation, { id: userId, input: { totpSecret: null } }, { admin: true });
      expect(turnedOff.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    });
    expect(result).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "backupCodes"] }] });
    expect(await prisma.backupCode.count({ where: { userId } })).toBe(0);
    expect(await prisma.passwordCredential.count({ where: { userId } })).toBe(0);
  });

  it("refuses a password when the user's last email address goes while the update hashes, as it would have afterwards", async () => {
    const email = uniqueEmail("identifier-meanwhile");
    const { id: userId } = await slowServer.createUser({ emailAddress: [email], username: uniqueUsername(), skipPasswordRequirement: true });
    // Read before the update's transaction, the user still had the address: what another update
    // removing it writes lands after that read.
    const result = await slowUpdate(userId, { username: null, password: "a new password nobody guesses" }, () =>
      slowServer.database.prisma.emailAddress.deleteMany({ where: { userId } }),
    );
    expect(result).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "password"], message: "A password needs an email address, a phone number or a username to sign in with." }],
    });
    expect(await slowServer.database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true } })).toEqual({
      username: expect.any(String),
    });
    expect(await slowServer.database.prisma.passwordCredential.count({ where: { userId } })).toBe(0);
  });

  it("refuses updateMe's removal of a username that became the only identifier while the update hashed", async () => {
    const email = uniqueEmail("me-identifier-meanwhile");
    const { id: userId } = await slowServer.createUser({ emailAddress: [email], username: uniqueUsername(), password });
    const signedIn = await slowServer.send(UpdateUserTestSignInMutation, { input: { identifier: email, password } });
    const session = { headers: { cookie: `session=${/(?:^|[\s,])session=([^;]+)/.exec(signedIn.headers.get("set-cookie") ?? "")?.[1]}` } };
    let answered = false;
    const updating = slowServer
      .send(UpdateUserTestUpdateMeMutation, { input: { username: null, password: otherPassword, currentPassword: password } }, session)
      .finally(() => (answered = true));
    // After the user was read, while the current password is checked and the new one hashed (about two seconds).
    await new Promise((resolve) => setTimeout(resolve, 150));
    await slowServer.database.prisma.emailAddress.deleteMany({ where: { userId } });
    expect(answered, "updateMe answered before the address was removed").toBe(false);
    const response = await updating;
    expect(response.body.data?.updateMe).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "username"], message: "Cannot remove your username: it is the only identifier you can sign in with." }],
    });
    expect(await slowServer.database.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true } })).toEqual({
      username: expect.any(String),
    });
  });

  it("answers NotFoundError when the user is deleted while the update hashes", async () => {
    const userId = await slowServerUser(uniqueEmail("deleted-meanwhile"));
    const result = await slowUpdate(userId, { password: "a new password nobody guesses" }, () =>
      slowServer.database.prisma.user.delete({ where: { id: userId } }),
    );
    expect(result).toMatchObject({ __typename: "NotFoundError", resource: "user" });
  });

  it("answers each of two updates of one user sent at once with the user as its own update left them", async () => {
    const { id } = await server.createUser({ emailAddress: [uniqueEmail("two-updates")], skipPasswordRequirement: true });
    const names = ["Update One", "Update Two", "Update Three"];
    // A batch runs its operations at once.
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminApiKey}` },
      body: JSON.stringify(names.map((name) => ({ query: print(UpdateUserTestNameMutation), variables: { id, input: { name } } }))),
    });
    const answers = (await response.json()) as Array<{ data: { updateUser: { user: { name: string; updatedAt: string } } } }>;
    expect(answers.map((answer) => answer.data.updateUser.user.name)).toEqual(names);
    expect(new Set(answers.map((answer) => answer.data.updateUser.user.updatedAt)).size).toBe(names.length);
  });
});

// Two updates at once, each taking away one of the user's two identifiers: each read the user with
// the other one left, and only the check under the row lock sees that the first took it. Queued
// deterministically behind a row lock the test holds: PostgreSQL only (the embedded database runs
// one transaction at a time, so the second update reads the user only after the first committed).
describe.skipIf(process.env.TEST_DATABASE !== "postgres")("a password needs an identifier, under concurrent updates", () => {
  /** Queues `writes` behind a row lock the test holds, in the order given: released, they take it in that order. */
  const queuedBehindTheRow = <Answers extends unknown[]>(id: string, writes: { [Index in keyof Answers]: () => Promise<Answers[Index]> }) =>
    queuedBehind<Answers>(server.database, `SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`, [id], writes);

  const identifiersOf = async (id: string) => {
    const { prisma } = server.database;
    return {
      emails: await prisma.emailAddress.count({ where: { userId: id } }),
      phones: await prisma.phoneNumber.count({ where: { userId: id } }),
      username: (await prisma.user.findUniqueOrThrow({ where: { id }, select: { username: true } })).username,
      passwords: await prisma.passwordCredential.count({ where: { userId: id } }),
    };
  };

  it("refuses one of two updateUser calls that each remove a different identifier, and the user keeps the other", async () => {
    const user = await createUser({ emailAddress: [uniqueEmail("skew")], phoneNumber: [uniquePhone().e164], password });
    const answers = await queuedBehindTheRow(user.id, [
      () => send(UpdateUserTestUpdateMutation, { id: user.id, input: { emailAddress: null } }, { admin: true }),
      () => send(UpdateUserTestUpdateMutation, { id: user.id, input: { phoneNumber: null } }, { admin: true }),
    ]);
    const results = answers.map((answer) => answer.body.data?.updateUser);
    expect(results.map((result) => result?.__typename).sort()).toEqual(["UpdateUserSuccess", "ValidationError"]);
    expect(results.find((result) => result?.__typename === "ValidationError")).toMatchObject({
      fieldErrors: [{ path: ["input", expect.stringMatching(/^(emailAddress|phoneNumber)$/)], message: expect.stringMatching(/^Cannot leave a user who has a password no email address/) }],
    });
    const left = await identifiersOf(user.id);
    expect(left.passwords).toBe(1);
    expect(left.emails + left.phones).toBe(1);
  });

  it("refuses updateMe's removal of the username or the admin's removal of the email address, whichever comes second", async () => {
    const email = uniqueEmail("me-skew");
    const user = await createUser({ emailAddress: [email], username: uniqueUsername(), password });
    const session = await sessionOf(email, password);
    const answers = await queuedBehindTheRow(user.id, [
      () => send(UpdateUserTestUpdateMutation, { id: user.id, input: { emailAddress: null } }, { admin: true }),
      () => send(UpdateUserTestUpdateMeMutation, { input: { username: null } }, session),
    ]);
    const kinds = [answers[0]!.body.data?.updateUser.__typename, answers[1]!.body.data?.updateMe.__typename];
    expect([...kinds].sort()).toEqual(kinds[0] === "ValidationError" ? ["UpdateMeSuccess", "ValidationError"] : ["UpdateUserSuccess", "ValidationError"]);
    const left = await identifiersOf(user.id);
    expect(left.passwords).toBe(1);
    expect(left.emails > 0 || left.username !== null).toBe(true);
  });

  it("does not write an updateMe whose session a block ended while it waited, and answers it UNAUTHENTICATED", async () => {
    const email = uniqueEmail("blocked-meanwhile");
    const user = await createUser({ emailAddress: [email], password, name: "Before Block" });
    const session = await sessionOf(email, password);
    const [blocking, updating] = await queuedBehindTheRow(user.id, [
      () => send(UpdateUserTestUpdateMutation, { id: user.id, input: { blocked: true } }, { admin: true }),
      () => send(UpdateUserTestUpdateMeMutation, { input: { name: "After Block" } }, session),
    ]);
    expect(blocking.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    expect(updating.status).toBe(401);
    expect(updating.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(updating.body.data?.updateMe ?? null).toBeNull();
    const stored = await storedUser(user.id);
    expect({ name: stored.name, blocked: stored.blocked }).toEqual({ name: "Before Block", blocked: true });
  });

  it("does not write an updateMe whose session a password reset ended while it waited", async () => {
    const email = uniqueEmail("reset-meanwhile");
    const user = await createUser({ emailAddress: [email], password, name: "Before Reset" });
    const session = await sessionOf(email, password);
    const [resetting, updating] = await queuedBehindTheRow(user.id, [
      () => send(UpdateUserTestUpdateMutation, { id: user.id, input: { password: otherPassword } }, { admin: true }),
      () => send(UpdateUserTestUpdateMeMutation, { input: { name: "After Reset" } }, session),
    ]);
    expect(resetting.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    expect(updating.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await storedUser(user.id)).name).toBe("Before Reset");
  });

  it("writes an updateMe queued before a block, and the block then ends the session", async () => {
    const email = uniqueEmail("before-block");
    const user = await createUser({ emailAddress: [email], password, name: "Before" });
    const session = await sessionOf(email, password);
    const [updating, blocking] = await queuedBehindTheRow(user.id, [
      () => send(UpdateUserTestUpdateMeMutation, { input: { name: "Written First" } }, session),
      () => send(UpdateUserTestUpdateMutation, { id: user.id, input: { blocked: true } }, { admin: true }),
    ]);
    expect(updating.body.data?.updateMe.__typename).toBe("UpdateMeSuccess");
    expect(blocking.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    expect((await storedUser(user.id)).name).toBe("Written First");
    expect(await me(session)).toBeNull();
  });
});
