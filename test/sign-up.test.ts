import { createHash, pbkdf2Sync } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import argon2 from "argon2";
import bcrypt from "bcrypt";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignUpMutation, SignUpWithAdminFieldsMutation } from "./documents.ts";
import { graphql } from "./generated/gql.ts";
import type { IdentityProvider, IdentityType, SignUpInput } from "./generated/graphql.ts";
import { adminApiKey, startTestServer, type RequestOptions, type Response, type TestServer } from "./helpers/server.ts";
import { tableCounts } from "./helpers/table-counts.ts";

// Reads a user back from the database through the API (admin), to see what was stored.
const StoredUserQuery = graphql(`
  query SignUpStoredUser($id: ID!) {
    user(id: $id) { ...UserFields loginAttempts }
  }
`);

const SignUpMeQuery = graphql(`
  query SignUpMe {
    me { id email }
  }
`);

let server: TestServer;
beforeAll(async () => {
  // RATE_LIMITS=off: this file signs up far more users from one IP than a public limit allows.
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server.close());

let counter = 0;
/** A value no other test of this file uses. */
const unique = (prefix: string) => `${prefix}${++counter}`;
const uniqueEmail = (prefix = "user") => `${unique(prefix)}@example.com`;

const goodPassword = "analytical engine notes 1843";

interface RawResponse<Data> extends Response<Data> {
  /** The response body exactly as the server sent it. */
  text: string;
}

/** Like `server.request`, but keeps the raw response text, so tests can search it for secrets. */
async function post<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  options: RequestOptions = {},
): Promise<RawResponse<Data>> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.admin ? { authorization: `Bearer ${adminApiKey}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

function sessionTokenOf(headers: Headers): string | undefined {
  return /(?:^|[\s,])session=([^;]*)/.exec(headers.get("set-cookie") ?? "")?.[1] || undefined;
}

/**
 * Every response of a sign-up goes through here: no 500, and no password, salt, stored digest or
 * session token anywhere in the raw text.
 */
async function expectNoSecretsIn(response: RawResponse<unknown>, input: SignUpInput) {
  expect(response.status).toBeLessThan(500);
  const secrets = [input.password, input.salt].filter((value): value is string => typeof value === "string" && value.length >= 8);
  for (const secret of secrets) {
    expect(response.text).not.toContain(secret);
    expect(response.text).not.toContain(JSON.stringify(secret).slice(1, -1));
  }
  const digests = await server.database.prisma.passwordCredential.findMany({ select: { digest: true } });
  for (const { digest } of digests) {
    expect(response.text).not.toContain(digest);
    // The hash part alone (after the last "$") is no less secret.
    const hashPart = digest.slice(digest.lastIndexOf("$") + 1);
    if (hashPart.length >= 16) expect(response.text).not.toContain(hashPart);
  }
  const token = sessionTokenOf(response.headers);
  if (token) expect(response.text).not.toContain(token);
}

async function signUp(input: SignUpInput, options: RequestOptions = {}) {
  const response = await post(SignUpMutation, { input }, options);
  await expectNoSecretsIn(response, input);
  return response;
}

async function signUpWithAdminFields(input: SignUpInput, options: RequestOptions = {}) {
  const response = await post(SignUpWithAdminFieldsMutation, { input }, options);
  await expectNoSecretsIn(response, input);
  return response;
}

/** The result of a sign-up that must have succeeded. */
async function signUpOk(input: SignUpInput, options: RequestOptions = {}) {
  const response = await signUp(input, options);
  const result = response.body.data?.signUp;
  if (result?.__typename !== "SignUpSuccess") {
    throw new Error(`expected SignUpSuccess, got ${JSON.stringify(response.body)}`);
  }
  return { response, user: result.user };
}

async function storedUser(id: string) {
  const response = await server.request(StoredUserQuery, { id }, { admin: true });
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  const user = response.body.data?.user;
  if (!user) throw new Error(`user ${id} not found`);
  return user;
}

async function digestOf(userId: string) {
  const credential = await server.database.prisma.passwordCredential.findFirst({ where: { userId } });
  if (!credential) throw new Error(`no password credential for ${userId}`);
  return credential;
}

/** An argon2id PHC string with the OWASP parameters (m=19456 KiB, t=2, p=1), in whatever order. */
function expectArgon2idDigest(digest: string) {
  const [empty, id, version, params, salt, hash] = digest.split("$");
  expect(empty).toBe("");
  expect(id).toBe("argon2id");
  expect(version).toBe("v=19");
  expect(Object.fromEntries(params!.split(",").map((param) => param.split("=")))).toEqual({ m: "19456", t: "2", p: "1" });
  expect(salt).toMatch(/^[A-Za-z0-9+/]{11,}$/);
  expect(hash).toMatch(/^[A-Za-z0-9+/]{43}$/);
}

const countRows = () => tableCounts(server.database.prisma);

// Every value of the schema's enums; the type checks fail when the schema gains one that is missing here.
const allProviders = [
  "TWILIO", "VONAGE", "NETGSM", "THREE_G_BILISIM", "DATAPORT", "MESSAGEBIRD", "CUSTOM", "HOTP", "TOTP", "NATIVE",
  "EXPO", "ONE_SIGNAL", "AWS_SES", "POSTMARK", "SENDGRID", "SPARKPOST", "SMTP", "CUSTOM_OAUTH2", "AMAZON", "APPLE",
  "E_DEVLET", "DRIBBBLE", "DROPBOX", "FACEBOOK", "GITHUB", "GOOGLE", "LINKEDIN", "MICROSOFT", "SLACK", "SPOTIFY",
  "TWITTER", "SAML", "LDAP",
] as const satisfies readonly IdentityProvider[];
const allTypes = ["SMS", "OTP", "PUSH", "EMAIL", "SOCIAL", "ENTERPRISE"] as const satisfies readonly IdentityType[];
const everyProviderListed: [Exclude<IdentityProvider, (typeof allProviders)[number]>] extends [never] ? true : false = true;
const everyTypeListed: [Exclude<IdentityType, (typeof allTypes)[number]>] extends [never] ? true : false = true;

describe("signUp", () => {
  it("creates the user, signs them in with an HttpOnly session cookie, and returns them", async () => {
    const response = await server.request(SignUpMutation, {
      input: { email: "  Ada.Lovelace@Example.COM ", password: "analytical engine notes 1843" },
    });
    expect(response.status).toBe(200);
    const result = response.body.data?.signUp;
    expect(result?.__typename).toBe("SignUpSuccess");
    if (result?.__typename !== "SignUpSuccess") return;
    expect(result.user.email).toBe("Ada.Lovelace@example.com");
    expect(result.user.emailVerified).toBe(false);
    expect(result.user.hasPassword).toBe(true);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("stamps createdAt, updatedAt and lastSignInAt with one instant: the new user is signed in", async () => {
    const response = await server.request(SignUpMutation, { input: { email: uniqueEmail(), password: "analytical engine notes 1843" } });
    const result = response.body.data?.signUp;
    if (result?.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(response.body));
    expect(result.user.updatedAt).toBe(result.user.createdAt);
    expect(result.user.lastSignInAt).toBe(result.user.createdAt);
  });
});

describe("signUp stores and returns every seed-000 field", () => {
  it("stores every field of the input, normalized, and returns it", async () => {
    const n = unique("");
    const input = {
      email: `  Grace.Hopper${n}@Navy.Example.COM `,
      password: "cobol compiler 1959 flowmatic",
      username: `Grace_Hopper-${n}`,
      name: "Grace Brewster Hopper",
      phoneNumber: "+1 (201) 555-0123",
      picture: "https://cdn.example.com/avatars/grace.png",
      metadata: { plan: "pro", visits: 3, ratio: 0.5, beta: true, referrer: null, empty: "" },
      profile: {
        addresses: [
          {
            id: "Delivery Address",
            isPrimary: true,
            firstName: "Grace",
            lastName: "Hopper",
            streetAddress: "1 Navy Yard Road\nBuilding 7",
            streetAddress2: "Office 42",
            city: "Arlington",
            state: "VA",
            zipCode: "22202",
            country: "US",
          },
          { id: "Billing", isPrimary: false, city: "New York", country: "US" },
          { streetAddress: "Unlabelled street 3" },
        ],
        birthdate: "1906-12-09",
        familyName: "Hopper",
        gender: "female",
        givenName: "Grace",
        locale: "en-US",
        middleName: "Brewster",
        nickname: "Amazing Grace",
        profilePage: "https://example.com/people/grace",
        website: "http://grace.example.org/",
        zoneinfo: "America/New_York",
      },
      identities: [
        {
          connection: "github",
          provider: "GITHUB" as const,
          type: "SOCIAL" as const,
          id: `gh-${n}`,
          details: { login: "ghopper", followers: 1000, orgs: ["navy", "yale"], nested: { a: { b: true } }, bio: null },
        },
        { connection: "sms-login", provider: "TWILIO" as const, type: "SMS" as const, details: {} },
      ],
    } satisfies SignUpInput;

    const { response, user } = await signUpOk(input);
    const expected = {
      email: `Grace.Hopper${n}@navy.example.com`,
      emailVerified: false,
      emailAddresses: [{ email: `Grace.Hopper${n}@navy.example.com`, verified: false, primary: true }],
      phoneNumber: "+12015550123",
      phoneNumberVerified: false,
      phoneNumbers: [{ phoneNumber: "+12015550123", verified: false, primary: true }],
      web3Wallets: [],
      username: `Grace_Hopper-${n}`,
      name: "Grace Brewster Hopper",
      picture: "https://cdn.example.com/avatars/grace.png",
      metadata: input.metadata,
      profile: {
        ...input.profile,
        addresses: [
          input.profile.addresses[0],
          {
            id: "Billing",
            isPrimary: false,
            firstName: null,
            lastName: null,
            streetAddress: null,
            streetAddress2: null,
            city: "New York",
            state: null,
            zipCode: null,
            country: "US",
          },
          {
            id: null,
            isPrimary: false,
            firstName: null,
            lastName: null,
            streetAddress: "Unlabelled street 3",
            streetAddress2: null,
            city: null,
            state: null,
            zipCode: null,
            country: null,
          },
        ],
      },
      identities: [input.identities[0], { ...input.identities[1], id: null }],
      blocked: false,
      hasPassword: true,
      totpEnabled: false,
    };
    expect(user).toMatchObject(expected);
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);

    // Read back from the database, not from the mutation's own result.
    const stored = await storedUser(user.id);
    expect(stored).toMatchObject(expected);
    expect(stored.loginAttempts).toBe(0);
    const emailRow = await server.database.prisma.emailAddress.findFirst({ where: { userId: user.id } });
    expect(emailRow?.email).toBe(`Grace.Hopper${n}@navy.example.com`);
    expect(emailRow?.emailNormalized).toBe(`grace.hopper${n}@navy.example.com`);
    expectArgon2idDigest((await digestOf(user.id)).digest);
    expect(response.headers.get("set-cookie")).toMatch(/^session=/);
  });

  it("stores gender as an integer and the birthdate forms 0000-MM-DD and YYYY", async () => {
    const cases: Array<{ gender: string | number; birthdate: string }> = [
      { gender: -3, birthdate: "0000-02-29" },
      { gender: 10, birthdate: "1984" },
      { gender: -10, birthdate: "2000-02-29" },
      { gender: 0, birthdate: "0000-12-31" },
      { gender: "x", birthdate: "1970-01-01" },
    ];
    for (const profile of cases) {
      const { user } = await signUpOk({ email: uniqueEmail("gender"), password: goodPassword, profile });
      expect(user.profile).toMatchObject(profile);
      const stored = await storedUser(user.id);
      expect(stored.profile?.gender).toStrictEqual(profile.gender);
      expect(stored.profile?.birthdate).toBe(profile.birthdate);
      // Kept with its JSON type: an integer stays a number, a code stays a string.
      const row = await server.database.prisma.profile.findUnique({ where: { userId: user.id } });
      expect(row?.gender).toStrictEqual(profile.gender);
    }
  });

  it("stores a phone number given in any parseable international form as E.164", async () => {
    const forms: Array<[string, string]> = [
      ["+33 6 12 34 56 78", "+33612345678"],
      ["tel:+44-7911-123456", "+447911123456"],
      ["+49 (30) 1234-5678", "+493012345678"],
      ["  +90 532 123 45 67  ", "+905321234567"],
      ["+1.212.456.7890", "+12124567890"],
      ["+44 (0) 20 7946 0958", "+442079460958"],
    ];
    for (const [given, e164] of forms) {
      const { user } = await signUpOk({ phoneNumber: given, password: goodPassword, username: unique("phone") });
      expect(user.phoneNumber).toBe(e164);
      expect(user.phoneNumbers).toEqual([{ phoneNumber: e164, verified: false, primary: true }]);
      const row = await server.database.prisma.phoneNumber.findFirst({ where: { userId: user.id } });
      expect(row?.phoneNumber).toBe(e164);
    }
  });

  it("signs up with only a username, or only a phone number", async () => {
    const byUsername = await signUpOk({ username: unique("OnlyName"), password: goodPassword });
    expect(byUsername.user).toMatchObject({ email: null, phoneNumber: null, emailAddresses: [], phoneNumbers: [] });
    const byPhone = await signUpOk({ phoneNumber: "+33 1 23 45 67 89", password: goodPassword });
    expect(byPhone.user).toMatchObject({ email: null, username: null, phoneNumber: "+33123456789" });
  });

  it("needs a password from a public caller, identities or not: sign-in takes one", async () => {
    const identity = { connection: "github", provider: "GITHUB" as const, type: "SOCIAL" as const, id: unique("no-password-"), details: {} };
    for (const input of [{ email: uniqueEmail("no-password") }, { email: uniqueEmail("no-password"), identities: [identity] }]) {
      const response = await signUp(input);
      expect(response.body.data?.signUp).toMatchObject({
        __typename: "ValidationError",
        fieldErrors: [{ path: ["input", "password"], message: "Required: a password is how users sign in." }],
      });
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    expect(await server.database.prisma.identity.count({ where: { providerUserId: identity.id } })).toBe(0);
  });

  it("accepts every IdentityProvider and every IdentityType, without a password from an admin", async () => {
    expect(everyProviderListed && everyTypeListed).toBe(true);
    for (const [index, provider] of allProviders.entries()) {
      const type = allTypes[index % allTypes.length]!;
      const identity = {
        connection: `conn-${provider.toLowerCase()}`,
        provider,
        type,
        id: unique(`${provider}-`),
        details: { provider, index, tags: [type], profile: { verified: index % 2 === 0 } },
      };
      const { user } = await signUpOk({ username: unique("identity-user"), identities: [identity] }, { admin: true });
      expect(user.identities).toEqual([identity]);
      expect(user.hasPassword).toBe(false);
      const stored = await storedUser(user.id);
      expect(stored.identities).toEqual([identity]);
    }
  });

  it("accepts verifyEmail: true with an email address", async () => {
    const { user } = await signUpOk({ email: uniqueEmail("verify"), password: goodPassword, verifyEmail: true });
    expect(user.emailVerified).toBe(false);
    const noVerify = await signUpOk({ email: uniqueEmail("verify"), password: goodPassword, verifyEmail: false });
    expect(noVerify.user.emailVerified).toBe(false);
  });
});

describe("signUp session cookie", () => {
  it("sets session: HttpOnly, SameSite=Lax, Path=/, Secure outside development; stores only the token's SHA-256", async () => {
    const { response, user } = await signUpOk({ email: uniqueEmail("cookie"), password: goodPassword });
    const header = response.headers.get("set-cookie") ?? "";
    const [pair, ...attributes] = header.split(";").map((part) => part.trim());
    expect(pair).toMatch(/^session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).toContain("HttpOnly");
    expect(attributes).toContain("SameSite=Lax");
    expect(attributes).toContain("Path=/");
    expect(attributes).toContain("Secure");
    const expires = attributes.find((attribute) => attribute.startsWith("Expires="));
    expect(expires).toBeDefined();
    expect(Date.parse(expires!.slice("Expires=".length))).toBeGreaterThan(Date.now());

    const token = pair!.slice("session=".length);
    const tokenHash = createHash("sha256").update(token).digest("hex");
    const sessions = await server.database.prisma.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.tokenHash).toBe(tokenHash);
    expect(sessions[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await server.database.prisma.session.count({ where: { tokenHash: token } })).toBe(0);

    // The cookie signs the user in.
    const me = await server.request(SignUpMeQuery, {}, { headers: { cookie: `session=${token}` } });
    expect(me.body.data?.me?.id).toBe(user.id);
  });

  it("leaves Secure off in development, where the app may be served over plain http from another host", async () => {
    const development = await startTestServer({ NODE_ENV: "development", RATE_LIMITS: "off" });
    try {
      const response = await development.send(SignUpMutation, { input: { email: uniqueEmail("dev-cookie"), password: goodPassword } });
      expect(response.body.data?.signUp.__typename).toBe("SignUpSuccess");
      const attributes = (response.headers.get("set-cookie") ?? "").split(";").map((part) => part.trim().toLowerCase());
      expect(attributes).toContain("httponly");
      expect(attributes).not.toContain("secure");
    } finally {
      await development.close();
    }
  });

  it("sets no cookie and creates no session when the sign-up fails", async () => {
    const before = await countRows();
    const response = await signUp({ email: "not-an-email", password: goodPassword });
    expect(response.body.data?.signUp.__typename).toBe("ValidationError");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await countRows()).toEqual(before);
  });

  it("ends the session the request's cookie held in the statement that writes the user: both or neither", async () => {
    const { response: first } = await signUpOk({ email: uniqueEmail("replaced"), password: goodPassword });
    const token = /^session=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")![1]!;
    const tokenHash = createHash("sha256").update(token).digest("hex");
    const withCookie = { headers: { cookie: `session=${token}` } };
    // A database that refuses to end that session: the sign-up must not be written without it.
    const { prisma } = server.database;
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_session_end() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD."tokenHash" = '${tokenHash}' THEN RAISE EXCEPTION 'session end refused by the test'; END IF;
        RETURN OLD;
      END $$`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_session_end BEFORE DELETE ON "Session" FOR EACH ROW EXECUTE FUNCTION refuse_session_end()`);
    try {
      const before = await countRows();
      const refused = await signUp({ email: uniqueEmail("not-written"), password: goodPassword }, withCookie);
      expect(refused.body.data?.signUp).toBeFalsy();
      expect(await countRows()).toEqual(before);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_session_end ON "Session"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION refuse_session_end()`);
    }

    const { response: second } = await signUpOk({ email: uniqueEmail("replacing"), password: goodPassword }, withCookie);
    expect(second.headers.get("set-cookie")).toMatch(/^session=/);
    expect(await prisma.session.count({ where: { tokenHash } })).toBe(0);
  });
});

describe("signUp privileged fields", () => {
  const privileged = {
    blocked: true,
    emailVerified: true,
    phoneNumberVerified: true,
    loginAttempts: 3,
    hashFn: "BCRYPT" as const,
    salt: "abcdefghijklmnopqrstuu",
  };

  it("refuses every privileged field from a public caller, naming exactly the fields sent, and writes nothing", async () => {
    const email = uniqueEmail("forbidden");
    const phoneNumber = "+44 7911 123450";
    const before = await countRows();
    const all = await signUp({ email, phoneNumber, password: goodPassword, ...privileged });
    const result = all.body.data?.signUp;
    expect(result?.__typename).toBe("ForbiddenError");
    if (result?.__typename !== "ForbiddenError") return;
    expect([...result.fields].sort()).toEqual(Object.keys(privileged).sort());
    expect(result.message).toBeTruthy();
    expect(all.headers.get("set-cookie")).toBeNull();

    for (const field of Object.keys(privileged) as Array<keyof typeof privileged>) {
      const one = await signUp({ email, phoneNumber, password: goodPassword, [field]: privileged[field] });
      const oneResult = one.body.data?.signUp;
      expect(oneResult?.__typename, field).toBe("ForbiddenError");
      if (oneResult?.__typename === "ForbiddenError") expect(oneResult.fields).toEqual([field]);
    }

    // Even a harmless value is refused, not silently dropped.
    const falseOnes = await signUp({ email, password: goodPassword, blocked: false, emailVerified: false, loginAttempts: 0 });
    const falseResult = falseOnes.body.data?.signUp;
    expect(falseResult?.__typename).toBe("ForbiddenError");
    if (falseResult?.__typename === "ForbiddenError") {
      expect([...falseResult.fields].sort()).toEqual(["blocked", "emailVerified", "loginAttempts"]);
    }

    expect(await countRows()).toEqual(before);
    const later = await signUpOk({ email, phoneNumber, password: goodPassword });
    expect(later.user.blocked).toBe(false);
    expect(later.user.emailVerified).toBe(false);
  });

  it("signs in no user an admin signs up blocked: no cookie, no session to wake when unblocked", async () => {
    const { response, user } = await signUpOk({ email: uniqueEmail("blocked"), password: goodPassword, blocked: true }, { admin: true });
    expect(user.blocked).toBe(true);
    expect(response.headers.getSetCookie().filter((cookie) => cookie.startsWith("session="))).toEqual([]);
    expect(await server.database.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("lets an admin set blocked, emailVerified, phoneNumberVerified and loginAttempts", async () => {
    const { user } = await signUpOk(
      { email: uniqueEmail("admin"), phoneNumber: "+44 7911 123451", password: goodPassword, blocked: true, emailVerified: true, phoneNumberVerified: true },
      { admin: true },
    );
    expect(user).toMatchObject({
      blocked: true,
      emailVerified: true,
      emailAddresses: [{ verified: true, primary: true }],
      phoneNumberVerified: true,
      phoneNumbers: [{ phoneNumber: "+447911123451", verified: true, primary: true }],
    });
    expect(await storedUser(user.id)).toMatchObject({ blocked: true, emailVerified: true, phoneNumberVerified: true });

    for (const loginAttempts of [0, 7, 20_000]) {
      const response = await signUpWithAdminFields(
        { email: uniqueEmail("attempts"), password: goodPassword, loginAttempts },
        { admin: true },
      );
      const result = response.body.data?.signUp;
      expect(result?.__typename).toBe("SignUpSuccess");
      if (result?.__typename !== "SignUpSuccess") continue;
      expect(result.user.loginAttempts).toBe(loginAttempts);
      expect((await storedUser(result.user.id)).loginAttempts).toBe(loginAttempts);
    }

    const explicitFalse = await signUpOk(
      { email: uniqueEmail("admin"), password: goodPassword, blocked: false, emailVerified: false },
      { admin: true },
    );
    expect(explicitFalse.user).toMatchObject({ blocked: false, emailVerified: false });
  });

  it("refuses loginAttempts outside 0..20000 from an admin with a field error", async () => {
    for (const loginAttempts of [-1, 20_001]) {
      const response = await signUp({ email: uniqueEmail("attempts"), password: goodPassword, loginAttempts }, { admin: true });
      const result = response.body.data?.signUp;
      expect(result?.__typename).toBe("ValidationError");
      if (result?.__typename === "ValidationError") {
        expect(result.fieldErrors.map((error) => error.path)).toEqual([["input", "loginAttempts"]]);
      }
    }
  });

  describe("hashFn and salt (admin)", () => {
    const password = "ship of theseus 2718";

    it("hashes with bcrypt (cost 12) and a random salt", async () => {
      const { user } = await signUpOk({ email: uniqueEmail("bcrypt"), password, hashFn: "BCRYPT" }, { admin: true });
      const credential = await digestOf(user.id);
      expect(credential.algorithm).toBe("bcrypt");
      expect(credential.digest).toMatch(/^\$2b\$12\$[./A-Za-z0-9]{53}$/);
      expect(await bcrypt.compare(password, credential.digest)).toBe(true);
      expect(await bcrypt.compare(`${password}!`, credential.digest)).toBe(false);
    });

    it("hashes with bcrypt and the given salt", async () => {
      const salt = "abcdefghijklmnopqrstuu";
      const { user } = await signUpOk({ email: uniqueEmail("bcrypt-salt"), password, hashFn: "BCRYPT", salt }, { admin: true });
      const { digest } = await digestOf(user.id);
      expect(digest.startsWith(`$2b$12$${salt}`)).toBe(true);
      expect(digest).toHaveLength(60);
      expect(await bcrypt.compare(password, digest)).toBe(true);
      expect(digest).toBe(await bcrypt.hash(password, `$2b$12$${salt}`));
    });

    it("hashes with argon2id (m=19456,t=2,p=1) by default and with hashFn ARGON2", async () => {
      for (const hashFn of [undefined, "ARGON2" as const]) {
        const { user } = await signUpOk({ email: uniqueEmail("argon2"), password, ...(hashFn ? { hashFn } : {}) }, { admin: true });
        const credential = await digestOf(user.id);
        expect(credential.algorithm).toBe("argon2id");
        expectArgon2idDigest(credential.digest);
        expect(await argon2.verify(credential.digest, password)).toBe(true);
        expect(await argon2.verify(credential.digest, `${password}!`)).toBe(false);
      }
    });

    // node-argon2 0.45 writes "m=19456,p=1,t=2"; the reference encoding "m=<m>,t=<t>,p=<p>" is what
    // libargon2's decoder (PHP password_verify, libsodium) requires when the digests are exported.
    it("stores argon2id digests in the canonical PHC form $argon2id$v=19$m=19456,t=2,p=1$", async () => {
      for (const hashFn of [undefined, "ARGON2" as const]) {
        const { user } = await signUpOk({ email: uniqueEmail("argon2-phc"), password, ...(hashFn ? { hashFn } : {}) }, { admin: true });
        expect((await digestOf(user.id)).digest).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
      }
    });

    it("hashes with argon2id and the given salt (the PHC salt segment is its unpadded base64)", async () => {
      const salt = "NaCl-salt-0123456789";
      const { user } = await signUpOk({ email: uniqueEmail("argon2-salt"), password, hashFn: "ARGON2", salt }, { admin: true });
      const { digest } = await digestOf(user.id);
      expectArgon2idDigest(digest);
      expect(digest.split("$")[4]).toBe(Buffer.from(salt, "utf8").toString("base64").replace(/=+$/, ""));
      expect(await argon2.verify(digest, password)).toBe(true);
    });

    it("hashes with PBKDF2-HMAC-SHA256 (600000 iterations), random or given salt", async () => {
      const random = await signUpOk({ email: uniqueEmail("pbkdf2"), password, hashFn: "PBKDF2" }, { admin: true });
      const randomCredential = await digestOf(random.user.id);
      expect(randomCredential.algorithm).toBe("pbkdf2_sha256");
      const [scheme, iterations, saltB64, hashB64] = randomCredential.digest.split("$");
      expect(`${scheme}$${iterations}$`).toBe("pbkdf2_sha256$600000$");
      expect(Buffer.from(saltB64!, "base64").length).toBeGreaterThanOrEqual(16);
      expect(pbkdf2Sync(password, Buffer.from(saltB64!, "base64"), 600_000, 32, "sha256").toString("base64")).toBe(hashB64);

      const salt = "pepper-and-salt!";
      const given = await signUpOk({ email: uniqueEmail("pbkdf2-salt"), password, hashFn: "PBKDF2", salt }, { admin: true });
      const { digest } = await digestOf(given.user.id);
      const parts = digest.split("$");
      expect(digest.startsWith("pbkdf2_sha256$600000$")).toBe(true);
      expect(parts[2]).toBe(Buffer.from(salt, "utf8").toString("base64"));
      expect(parts[3]).toBe(pbkdf2Sync(password, Buffer.from(salt, "utf8"), 600_000, 32, "sha256").toString("base64"));
    });

    it("rejects unusable salts with a field error on input.salt and writes nothing", async () => {
      const before = await countRows();
      const bad: Array<Pick<SignUpInput, "hashFn" | "salt" | "password" | "identities">> = [
        { hashFn: "BCRYPT", salt: "tooShort" },
        { hashFn: "BCRYPT", salt: "abcdefghijklmnopqrstuvw" }, // 23 characters
        { hashFn: "BCRYPT", salt: "abcdefghijklmnopqrst!u" }, // not bcrypt's base64 alphabet
        { hashFn: "BCRYPT", salt: "abcdefghijklmnopqrstua" }, // last character bcrypt would silently change
        { hashFn: "ARGON2", salt: "short" }, // 5 bytes
        { salt: "short" }, // the default function is argon2id
        { hashFn: "PBKDF2", salt: "1234567" },
        { hashFn: "PBKDF2", salt: "s".repeat(65) },
        { hashFn: "ARGON2", salt: "s".repeat(129) },
        { hashFn: "ARGON2", salt: "NUL\u0000in-the-salt" },
      ];
      for (const fields of bad) {
        const response = await signUp({ email: uniqueEmail("bad-salt"), password, ...fields }, { admin: true });
        const result = response.body.data?.signUp;
        expect(result?.__typename, JSON.stringify(fields)).toBe("ValidationError");
        if (result?.__typename === "ValidationError") {
          expect(result.fieldErrors.map((error) => error.path), JSON.stringify(fields)).toContainEqual(["input", "salt"]);
          expect(result.fieldErrors.every((error) => error.message.length > 0)).toBe(true);
          // The rule is told whole: a salt ending in a character bcrypt would change is refused for that.
          if (fields.hashFn === "BCRYPT") expect(result.fieldErrors[0]?.message).toContain("the last of them one of . O e u");
        }
      }
      // A salt (or hashFn) without a password has nothing to hash.
      const identityOnly = await signUp(
        {
          username: unique("salt-without-password"),
          hashFn: "ARGON2",
          salt: "NaCl-salt-0123456789",
          identities: [{ connection: "c", provider: "CUSTOM", type: "SOCIAL", details: {} }],
        },
        { admin: true },
      );
      const identityOnlyResult = identityOnly.body.data?.signUp;
      expect(identityOnlyResult?.__typename).toBe("ValidationError");
      if (identityOnlyResult?.__typename === "ValidationError") {
        const paths = identityOnlyResult.fieldErrors.map((error) => error.path);
        expect(paths).toContainEqual(["input", "salt"]);
        expect(paths).toContainEqual(["input", "hashFn"]);
      }
      expect(await countRows()).toEqual(before);
    });

    it("refuses a bcrypt password over 72 bytes with a field error instead of truncating it", async () => {
      const before = await countRows();
      const tooLong = [
        "correct horse battery staple ".repeat(3).slice(0, 73), // 73 ASCII bytes
        "äöü".repeat(13), // 39 characters, 78 bytes
      ];
      for (const longPassword of tooLong) {
        expect(Buffer.byteLength(longPassword)).toBeGreaterThan(72);
        const response = await signUp({ email: uniqueEmail("bcrypt-long"), password: longPassword, hashFn: "BCRYPT" }, { admin: true });
        const result = response.body.data?.signUp;
        expect(result?.__typename).toBe("ValidationError");
        if (result?.__typename === "ValidationError") {
          expect(result.fieldErrors.map((error) => error.path)).toEqual([["input", "password"]]);
        }
      }
      expect(await countRows()).toEqual(before);

      // Exactly 72 bytes is fine, and every byte counts.
      const longest = "correct horse battery staple ".repeat(3).slice(0, 72);
      const { user } = await signUpOk({ email: uniqueEmail("bcrypt-72"), password: longest, hashFn: "BCRYPT" }, { admin: true });
      const { digest } = await digestOf(user.id);
      expect(await bcrypt.compare(longest, digest)).toBe(true);
      expect(await bcrypt.compare(`${longest.slice(0, 71)}X`, digest)).toBe(false);
    });
  });

  it("answers a wrong admin key with an UNAUTHENTICATED GraphQL error and writes nothing", async () => {
    const before = await countRows();
    const email = uniqueEmail("wrong-key");
    const wrongKeys = [`Bearer ${"wrong-key-".repeat(5)}`, `Bearer ${adminApiKey}x`, "Bearer"];
    for (const authorization of wrongKeys) {
      for (const input of [
        { email, password: goodPassword, blocked: true },
        { email, password: goodPassword },
      ] satisfies SignUpInput[]) {
        const response = await signUp(input, { headers: { authorization } });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.body.data?.signUp ?? null).toBeNull();
        expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
        // The same words as every other operation that refuses a wrong key.
        expect(response.body.errors?.[0]?.message).toBe("The admin API key is not valid.");
        expect(response.headers.get("set-cookie")).toBeNull();
      }
    }
    expect(await countRows()).toEqual(before);
    await signUpOk({ email, password: goodPassword });
  });

  it("takes a browser's basic-auth credentials (a protected staging site) as no key at all", async () => {
    const headers = { authorization: "Basic dXNlcjpwYXNz" };
    const privileged = await signUp({ email: uniqueEmail("basic-auth-admin"), password: goodPassword, blocked: true }, { headers });
    expect(privileged.body.data?.signUp?.__typename).toBe("ForbiddenError");
    const email = uniqueEmail("basic-auth");
    const publicSignUp = await signUp({ email, password: goodPassword }, { headers });
    expect(publicSignUp.body.data?.signUp).toMatchObject({ __typename: "SignUpSuccess", user: { email } });
  });
});

describe("signUp password policy", () => {
  async function policyReasons(input: SignUpInput): Promise<string[]> {
    const response = await signUp(input);
    const result = response.body.data?.signUp;
    expect(result?.__typename, JSON.stringify(input)).toBe("PasswordPolicyError");
    if (result?.__typename !== "PasswordPolicyError") return [];
    expect(result.message).toBeTruthy();
    return result.reasons;
  }

  const short = /at least 8/;
  const long = /at most 256/;
  const common = /common/i;
  const personal = /email address, username or name/;

  it("refuses a password that is too short", async () => {
    const reasons = await policyReasons({ email: uniqueEmail("policy"), password: "Zq7#kP2" });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(short);
    // Eight characters is enough; length counts code points, so emoji count once.
    await signUpOk({ email: uniqueEmail("policy"), password: "Zq7#kP2w" });
    const emoji = await policyReasons({ email: uniqueEmail("policy"), password: "🦄🦄🦄🦄🦄🦄🦄" });
    expect(emoji).toEqual([expect.stringMatching(short)]);
  });

  it("refuses a password over 256 characters, and accepts 256", async () => {
    const reasons = await policyReasons({ email: uniqueEmail("policy"), password: "Zq7#kP2w".repeat(32) + "x" });
    expect(reasons).toEqual([expect.stringMatching(long)]);
    await signUpOk({ email: uniqueEmail("policy"), password: "Zq7#kP2w".repeat(32) });
  });

  it("refuses common passwords, whatever their case", async () => {
    for (const password of ["password123", "qwerty123", "iloveyou", "Sunshine", "TRUSTNO1"]) {
      const reasons = await policyReasons({ email: uniqueEmail("policy"), password });
      expect(reasons, password).toEqual([expect.stringMatching(common)]);
    }
  });

  it("refuses a password containing the email address's local part, the username or a name", async () => {
    const n = unique("");
    const cases: SignUpInput[] = [
      { email: `margaret.hamilton${n}@example.com`, password: `Apollo-margaret.hamilton${n}-11` },
      { email: `margaret.hamilton${n}@example.com`, password: `x MARGARET.HAMILTON${n}@EXAMPLE.COM y` },
      { email: uniqueEmail("policy"), username: `apollo_guidance${n}`, password: `my Apollo_Guidance${n} computer` },
      { email: uniqueEmail("policy"), name: "Katherine Johnson", password: "orbital katherine math" },
      { email: uniqueEmail("policy"), name: "Dorothy Vaughan", password: "fortran-vaughan-fortran" },
      { email: uniqueEmail("policy"), profile: { givenName: "Mary", familyName: "Jacksonville" }, password: "wind tunnel jacksonville" },
      { email: uniqueEmail("policy"), profile: { nickname: "Stardust" }, password: "lunar stardust orbit" },
    ];
    for (const input of cases) {
      expect(await policyReasons(input), input.password!).toEqual([expect.stringMatching(personal)]);
    }
  });

  it("sees a common password, a username or a name in any case, width or accents", async () => {
    expect(await policyReasons({ email: uniqueEmail("policy"), password: "ｐａｓｓｗｏｒｄ１２３" })).toEqual([expect.stringMatching(common)]);
    const n = unique("");
    const cases: SignUpInput[] = [
      { email: uniqueEmail("policy"), username: `straße${n}`, password: `STRASSE${n} forever and ever` },
      { email: uniqueEmail("policy"), name: "İlker Başbuğ", password: "ilker loves rainy days" },
      { email: uniqueEmail("policy"), name: "José Núñez", password: "jose\u0301 nu\u0301n\u0303ez at the beach" },
      { email: uniqueEmail("policy"), name: "Zoë Quinn", password: "zoe likes long walks" },
    ];
    for (const input of cases) {
      expect(await policyReasons(input), input.password!).toEqual([expect.stringMatching(personal)]);
    }
  });

  it("lists one reason per broken rule, several at once", async () => {
    const n = unique("");
    // Too short, common, and the username.
    const three = await policyReasons({ email: uniqueEmail("policy"), username: "dragon", password: "dragon" });
    expect(three).toHaveLength(3);
    expect(three).toEqual(expect.arrayContaining([expect.stringMatching(short), expect.stringMatching(common), expect.stringMatching(personal)]));
    // Too long and the email address's local part.
    const two = await policyReasons({ email: `ellen.ochoa${n}@example.com`, password: `ellen.ochoa${n} `.repeat(20) });
    expect(two).toHaveLength(2);
    expect(two).toEqual(expect.arrayContaining([expect.stringMatching(long), expect.stringMatching(personal)]));
    // Too short and common.
    const shortCommon = await policyReasons({ email: uniqueEmail("policy"), password: "abc123" });
    expect(shortCommon).toHaveLength(2);
    expect(shortCommon).toEqual(expect.arrayContaining([expect.stringMatching(short), expect.stringMatching(common)]));
  });

  it("writes nothing when the policy refuses the password", async () => {
    const email = uniqueEmail("policy-nothing");
    const before = await countRows();
    await policyReasons({ email, password: "password123", profile: { addresses: [{ city: "Paris" }] } });
    expect(await countRows()).toEqual(before);
    await signUpOk({ email, password: goodPassword });
  });
});

describe("signUp conflicts", () => {
  async function conflictFields(input: SignUpInput): Promise<string[]> {
    const response = await signUp(input);
    const result = response.body.data?.signUp;
    expect(result?.__typename, JSON.stringify(input)).toBe("ConflictError");
    expect(response.headers.get("set-cookie")).toBeNull();
    return result?.__typename === "ConflictError" ? [...result.fields].sort() : [];
  }

  it("refuses the same email address in another case", async () => {
    const n = unique("");
    await signUpOk({ email: `Rear.Admiral${n}@Example.org`, password: goodPassword });
    expect(await conflictFields({ email: ` rear.admiral${n}@EXAMPLE.ORG`, password: goodPassword })).toEqual(["email"]);
    expect(await conflictFields({ email: `REAR.ADMIRAL${n}@example.org`, password: goodPassword })).toEqual(["email"]);
  });

  it("refuses the same phone number in another format", async () => {
    await signUpOk({ phoneNumber: "+33 6 98 76 54 32", password: goodPassword });
    for (const phoneNumber of ["+33698765432", "tel:+33-6-98-76-54-32", "+33 (6) 98.76.54.32"]) {
      expect(await conflictFields({ phoneNumber, password: goodPassword })).toEqual(["phoneNumber"]);
    }
  });

  it("refuses the same username in another case", async () => {
    const n = unique("");
    await signUpOk({ username: `NavyGrace${n}`, password: goodPassword });
    expect(await conflictFields({ username: `navygrace${n}`, password: goodPassword })).toEqual(["username"]);
    expect(await conflictFields({ username: ` NAVYGRACE${n} `, password: goodPassword })).toEqual(["username"]);
  });

  it("refuses the same identity (provider, id), but not the same id at another provider", async () => {
    const id = unique("google-");
    const identity = { connection: "google-oauth2", provider: "GOOGLE" as const, type: "SOCIAL" as const, id, details: { sub: id } };
    await signUpOk({ username: unique("ident"), identities: [identity], password: goodPassword });
    expect(await conflictFields({ username: unique("ident"), identities: [{ ...identity, connection: "other", details: {} }], password: goodPassword })).toEqual([
      "identities",
    ]);
    await signUpOk({ username: unique("ident"), identities: [{ ...identity, provider: "FACEBOOK" }], password: goodPassword });
    // Identities without an id are not unique.
    const noId = { connection: "sms", provider: "TWILIO" as const, type: "SMS" as const, details: {} };
    await signUpOk({ username: unique("ident"), identities: [noId], password: goodPassword });
    await signUpOk({ username: unique("ident"), identities: [noId], password: goodPassword });
  });

  it("names every taken field, and writes nothing of the user (rows in every table unchanged)", async () => {
    const n = unique("");
    const first = {
      email: `Taken${n}@Example.com`,
      username: `taken${n}`,
      phoneNumber: "+44 7911 123452",
      password: goodPassword,
    };
    await signUpOk(first);
    const before = await countRows();
    // Everything a user can have, with one taken value each time.
    const full = (taken: Partial<SignUpInput>): SignUpInput => ({
      email: uniqueEmail("fresh"),
      username: unique("fresh"),
      phoneNumber: "+44 7911 123453",
      password: "fresh password for everyone",
      name: "Ingrid Person",
      picture: "https://example.com/p.png",
      metadata: { a: 1 },
      profile: { givenName: "Ingrid", birthdate: "1999", addresses: [{ id: "Home", isPrimary: true, city: "Oslo" }, { city: "Bergen" }] },
      identities: [{ connection: "gh", provider: "GITHUB", type: "SOCIAL", id: unique("fresh-gh-"), details: { a: 1 } }],
      ...taken,
    });
    expect(await conflictFields(full({ email: `TAKEN${n}@example.COM` }))).toEqual(["email"]);
    expect(await conflictFields(full({ username: `TAKEN${n}` }))).toEqual(["username"]);
    expect(await conflictFields(full({ phoneNumber: "+447911123452" }))).toEqual(["phoneNumber"]);
    expect(
      await conflictFields(full({ email: `taken${n}@example.com`, username: `Taken${n}`, phoneNumber: "tel:+44-7911-123452" })),
    ).toEqual(["email", "phoneNumber", "username"]);
    expect(await countRows()).toEqual(before);
    // The values of the refused sign-ups stay free.
    await signUpOk(full({}));
  });

  it("lets exactly one of two concurrent sign-ups with the same email address win", async () => {
    const email = uniqueEmail("race");
    const [a, b] = await Promise.all([
      signUp({ email, password: goodPassword }),
      signUp({ email: email.toUpperCase(), password: goodPassword }),
    ]);
    const kinds = [a.body.data?.signUp.__typename, b.body.data?.signUp.__typename].sort();
    expect(kinds).toEqual(["ConflictError", "SignUpSuccess"]);
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: email } })).toBe(1);
  });
});

describe("signUp leaks no secret", () => {
  it("never returns the password, salt, digest or session token, on success or failure", async () => {
    // Every sign-up of this file has already been checked by `expectNoSecretsIn`; this one selects
    // everything a User has and uses every privileged field at once.
    const password = "unmistakable secret 31415";
    const salt = "unmistakable-salt-2718";
    const input = { email: uniqueEmail("secret"), password, hashFn: "PBKDF2" as const, salt, loginAttempts: 1 };
    const response = await signUpWithAdminFields(input, { admin: true });
    expect(response.body.data?.signUp.__typename).toBe("SignUpSuccess");
    const full = await signUp({ ...input, email: uniqueEmail("secret"), hashFn: "ARGON2" }, { admin: true });
    expect(full.body.data?.signUp.__typename).toBe("SignUpSuccess");
    const failed = await signUp({ ...input, email: "bad", hashFn: "ARGON2" }, { admin: true });
    expect(failed.body.data?.signUp.__typename).toBe("ValidationError");
    for (const text of [response.text, full.text, failed.text]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(salt);
      expect(text).not.toMatch(/\$argon2id\$|pbkdf2_sha256\$|\$2b\$/);
    }
  });
});
