import { randomBytes } from "node:crypto";
import bcrypt from "bcrypt";
import { print } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, newRandomToken } from "../src/domain/random-tokens.ts";
import { CreateUserMutation, SignUpMutation } from "./documents.ts";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput, PasswordHasher, SignUpInput } from "./generated/graphql.ts";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";
import { uniqueEmail } from "./helpers/unique-values.ts";

// SPEC section 4b: no field ever exposes a password, digest, salt, TOTP secret, backup code or
// session token; privateMetadata is readable only with an admin key. Checked on the raw text of
// every response, so no field, error message or extension can carry one.

const SecretsUserByIdQuery = graphql(`
  query SecretsUserById($id: ID!) {
    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }
  }
`);

const SecretsMeQuery = graphql(`
  query SecretsMe {
    me { ...UserFields loginAttempts privateMetadata backupCodeCount }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server?.close());


interface RawResponse {
  status: number;
  text: string;
  setCookie: string | null;
}

/** Sends an operation over HTTP and keeps the response body exactly as the server wrote it. */
async function rawRequest<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const text = await response.text();
  expect(response.status).toBeLessThan(500);
  return { status: response.status, text, setCookie: response.headers.get("set-cookie") };
}

const admin = { authorization: `Bearer ${adminApiKey}` };

/** Every secret the server was given or made, and every response text it sent. */
const secrets = new Set<string>();
const responses: Array<{ label: string; text: string }> = [];
const keep = (label: string, response: RawResponse) => {
  responses.push({ label, text: response.text });
  return response;
};
function addSecret(secret: string) {
  secrets.add(secret);
  // A digest's own parts (salt, hash) are secrets too; long ones cannot match by accident.
  for (const part of secret.split(/[$:,]/)) if (part.length >= 16) secrets.add(part);
}

function sessionTokenOf(response: RawResponse): string {
  const token = /^session=([^;]+)/.exec(response.setCookie ?? "")?.[1];
  expect(token, "a session cookie").toBeDefined();
  return token!;
}

function userIdOf(response: RawResponse, operation: "signUp" | "createUser"): string {
  const body = JSON.parse(response.text) as { data?: Record<string, { __typename: string; user?: { id: string } }> };
  const result = body.data?.[operation];
  expect(result?.__typename, response.text).toMatch(/Success$/);
  return result!.user!.id;
}

// The values handed to the server.
const passwordForCreate = `orchid-${randomBytes(6).toString("hex")}-lantern`;
const totpSecret = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA";
const plainBackupCodes = [`bk${randomBytes(4).toString("hex")}`, `bk${randomBytes(4).toString("hex")}`, `bk-${randomBytes(5).toString("hex")}`];
const digestedBackupCode = `bd${randomBytes(4).toString("hex")}`;
const privateNote = `private-${randomBytes(8).toString("hex")}`;
const importedDigests: Array<[PasswordHasher, string]> = [
  ["BCRYPT", "$2b$04$Nz/vDQPPTlEh6tDPhgQm/eAQCC1roDivxU86myykFov8NoPC8XpL2"],
  ["MD5", "9cc2ae8a1ba7a93da39b46fc1019c481"],
  ["SHA256", "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a"],
  ["PBKDF2_SHA256", "pbkdf2_sha256$1000$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60="],
  ["PHPASS", "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0"],
  [
    "SCRYPT_FIREBASE",
    "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$42xEC+ixf3L2lw==$" +
      "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==$Bw==$8$14",
  ],
  ["ARGON2ID", "$argon2id$v=19$m=256,t=2,p=2$c2FsdHNhbHQxMjM0NTY3OA$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs"],
];
const saltedSignUps: Array<{ hashFn: NonNullable<SignUpInput["hashFn"]>; salt: string }> = [
  { hashFn: "PBKDF2", salt: `pbkdf2salt${randomBytes(4).toString("hex")}` },
  { hashFn: "ARGON2", salt: `argonsalt${randomBytes(4).toString("hex")}` },
  // bcrypt's own salt: 22 characters of its alphabet, the last one of ".Oeu".
  { hashFn: "BCRYPT", salt: `${randomBytes(16).toString("base64").replace(/[^A-Za-z0-9]/g, "x").slice(0, 21)}e` },
];

/** Users made in beforeAll: their ids, and the cookie of each that has a session. */
const users: Array<{ label: string; id: string; cookie?: string; hasPrivateNote?: boolean }> = [];

beforeAll(async () => {
  addSecret(passwordForCreate);
  addSecret(totpSecret);
  addSecret(totpSecret.toLowerCase());
  for (const code of [...plainBackupCodes, digestedBackupCode]) secrets.add(code);
  const givenBackupDigest = await bcrypt.hash(digestedBackupCode, 4);
  addSecret(givenBackupDigest);
  addSecret(adminApiKey);

  // createUser: password, TOTP, backup codes (plain and digested), private metadata.
  const full = keep(
    "createUser (password, TOTP, backup codes)",
    await rawRequest(
      CreateUserMutation,
      {
        input: {
          emailAddress: [uniqueEmail("secret-full")],
          password: passwordForCreate,
          totpSecret,
          backupCodes: [...plainBackupCodes, givenBackupDigest],
          privateMetadata: { note: privateNote },
        },
      },
      admin,
    ),
  );
  users.push({ label: "createUser with password", id: userIdOf(full, "createUser"), hasPrivateNote: true });

  // createUser: imported digests of several hashers.
  for (const [hasher, digest] of importedDigests) {
    addSecret(digest);
    const response = keep(
      `createUser (${hasher} digest)`,
      await rawRequest(
        CreateUserMutation,
        { input: { emailAddress: [uniqueEmail(`secret-${hasher.toLowerCase()}`)], passwordDigest: digest, passwordHasher: hasher, privateMetadata: { note: privateNote } } },
        admin,
      ),
    );
    users.push({ label: `createUser with ${hasher} digest`, id: userIdOf(response, "createUser"), hasPrivateNote: true });
  }

  // Admin signUp with a salt for each hash function; the sign-up signs the user in.
  for (const { hashFn, salt } of saltedSignUps) {
    addSecret(salt);
    addSecret(Buffer.from(salt).toString("base64"));
    addSecret(Buffer.from(salt).toString("base64").replace(/=+$/, ""));
    const password = `salted-${hashFn.toLowerCase()}-${randomBytes(6).toString("hex")}`;
    addSecret(password);
    const response = keep(
      `admin signUp (${hashFn} with salt)`,
      await rawRequest(SignUpMutation, { input: { email: uniqueEmail(`salted-${hashFn.toLowerCase()}`), password, hashFn, salt } }, admin),
    );
    const token = sessionTokenOf(response);
    addSecret(token);
    addSecret(hashToken(token));
    users.push({ label: `admin signUp ${hashFn}`, id: userIdOf(response, "signUp"), cookie: `session=${token}` });
  }

  // Public signUp.
  const publicPassword = `public-${randomBytes(6).toString("hex")}-meadow`;
  addSecret(publicPassword);
  const publicSignUp = keep(
    "public signUp",
    await rawRequest(SignUpMutation, { input: { email: uniqueEmail("secret-public"), password: publicPassword } }),
  );
  const publicToken = sessionTokenOf(publicSignUp);
  addSecret(publicToken);
  addSecret(hashToken(publicToken));
  users.push({ label: "public signUp", id: userIdOf(publicSignUp, "signUp"), cookie: `session=${publicToken}` });

  // Users made by createUser get a session as sign-in would write it, to ask `me` as them.
  for (const user of users.filter((candidate) => candidate.cookie === undefined)) {
    const session = newRandomToken(60 * 60 * 1000);
    await server.database.prisma.session.create({ data: { userId: user.id, tokenHash: session.tokenHash, expiresAt: session.expiresAt } });
    addSecret(session.token);
    addSecret(session.tokenHash);
    user.cookie = `session=${session.token}`;
  }

  // Everything the server itself stored: digests of passwords and backup codes, TOTP ciphertexts.
  const prisma = server.database.prisma;
  for (const { digest } of await prisma.passwordCredential.findMany()) addSecret(digest);
  for (const { digest } of await prisma.backupCode.findMany()) addSecret(digest);
  for (const { encryptedSecret } of await prisma.totpCredential.findMany()) addSecret(encryptedSecret);
});

function expectNoSecretIn(label: string, text: string) {
  for (const secret of secrets) {
    expect(text.includes(secret), `${label} contains the secret ${secret}`).toBe(false);
  }
}

describe("no response ever carries a secret", () => {
  it("made every kind of secret", async () => {
    const prisma = server.database.prisma;
    expect(users.length).toBe(1 + importedDigests.length + saltedSignUps.length + 1);
    expect(secrets.size).toBeGreaterThan(40);
    expect(await prisma.totpCredential.count()).toBe(1);
    expect(await prisma.backupCode.count()).toBe(4);
    expect(await prisma.passwordCredential.count()).toBe(users.length);
    // The salts were used: each appears in its digest in some form.
    const digests = (await prisma.passwordCredential.findMany()).map((credential) => credential.digest).join("\n");
    for (const { salt } of saltedSignUps) {
      const forms = [salt, Buffer.from(salt).toString("base64"), Buffer.from(salt).toString("base64").replace(/=+$/, "")];
      expect(forms.some((form) => digests.includes(form)), `salt ${salt} in a stored digest`).toBe(true);
    }
  });

  it("signUp and createUser responses", () => {
    expect(responses.length).toBeGreaterThan(0);
    for (const { label, text } of responses) expectNoSecretIn(label, text);
  });

  it("`user(id)` as admin, selecting every User field", async () => {
    for (const user of users) {
      const response = await rawRequest(SecretsUserByIdQuery, { id: user.id }, admin);
      const body = JSON.parse(response.text) as { data?: { user?: { id: string; privateMetadata?: unknown } }; errors?: unknown };
      expect(body.errors, response.text).toBeUndefined();
      expect(body.data?.user?.id).toBe(user.id);
      expectNoSecretIn(`user(id) for ${user.label}`, response.text);
      // privateMetadata is there for the admin.
      if (user.hasPrivateNote) {
        expect(body.data?.user?.privateMetadata).toEqual({ note: privateNote });
        expect(response.text).toContain(privateNote);
      }
    }
  });

  it("`me` as each signed-in user, selecting every User field; privateMetadata only for the admin", async () => {
    for (const user of users) {
      const response = await rawRequest(SecretsMeQuery, {}, { cookie: user.cookie! });
      const body = JSON.parse(response.text) as {
        data?: { me?: { id: string; privateMetadata: unknown; loginAttempts: unknown; backupCodeCount: unknown } };
        errors?: Array<{ path?: string[] }>;
      };
      expect(body.data?.me?.id, response.text).toBe(user.id);
      expectNoSecretIn(`me for ${user.label}`, response.text);
      expect(body.data?.me?.privateMetadata).toBeNull();
      expect(response.text).not.toContain(privateNote);
      expect((body.errors ?? []).map((error) => (error.path ?? []).join("."))).toContain("me.privateMetadata");
    }
  });

  it("error results do not echo a rejected secret", async () => {
    const badDigest = `$2b$04$${"Q".repeat(52)}`;
    const badTotp = `${totpSecret.slice(0, 20)}0189`;
    const weakPassword = "password123";
    const checks: Array<[string, CreateUserInput, string[]]> = [
      ["malformed digest", { emailAddress: [uniqueEmail("bad")], passwordDigest: badDigest, passwordHasher: "BCRYPT" }, [badDigest]],
      ["bad TOTP secret", { emailAddress: [uniqueEmail("bad")], skipPasswordRequirement: true, totpSecret: badTotp }, [badTotp]],
      [
        "bad backup code",
        { emailAddress: [uniqueEmail("bad")], skipPasswordRequirement: true, totpSecret: "JBSWY3DPEHPK3PXP", backupCodes: ["secret code!"] },
        ["secret code!", "JBSWY3DPEHPK3PXP"],
      ],
      ["common password", { emailAddress: [uniqueEmail("bad")], password: weakPassword }, [weakPassword]],
      [
        "password with digest",
        { emailAddress: [uniqueEmail("bad")], password: passwordForCreate, passwordDigest: importedDigests[1]![1], passwordHasher: "MD5" },
        [passwordForCreate, importedDigests[1]![1]],
      ],
    ];
    for (const [label, input, rejected] of checks) {
      const response = await rawRequest(CreateUserMutation, { input }, admin);
      expect(response.text, label).toMatch(/"__typename":"(ValidationError|PasswordPolicyError)"/);
      for (const secret of rejected) expect(response.text.includes(secret), `${label} echoes ${secret}`).toBe(false);
      expectNoSecretIn(label, response.text);
    }
  });

  it("a session token never appears in a response body, including the sign-up that made it", async () => {
    const response = await rawRequest(SignUpMutation, { input: { email: uniqueEmail("token"), password: "sapphire-kettle-orbit-71" } });
    const token = sessionTokenOf(response);
    expect(response.text).not.toContain(token);
    expect(response.text).not.toContain(hashToken(token));
    const me = await rawRequest(SecretsMeQuery, {}, { cookie: `session=${token}` });
    expect(me.text).not.toContain(token);
    expect(me.text).not.toContain(hashToken(token));
  });
});
