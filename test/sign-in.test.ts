import argon2 from "argon2";
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateUserMutation, SignUpMutation, SignUpWithAdminFieldsMutation } from "./documents.ts";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput, PasswordHasher, SignInInput, SignUpInput } from "./generated/graphql.ts";
import { startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";
import { untilAStatementWaitsForALock } from "./helpers/lock-waits.ts";

// signIn (SPEC sections 7 and 8): every imported digest format, the transparent upgrade to
// argon2id, identifier forms, failed-attempt counting and blocked users, over real HTTP.
// Second factors are in sign-in-second-factor.test.ts, sessions in sessions.test.ts.

const SignInMutation = graphql(`
  mutation SignInTestSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { id email username phoneNumber lastSignInAt } }
      ... on SecondFactorRequiredError { codeWasGiven }
      ... on Error { message }
    }
  }
`);

const AdminUserQuery = graphql(`
  query SignInTestUser($id: ID!) {
    user(id: $id) { id loginAttempts lastSignInAt blocked }
  }
`);

const MeQuery = graphql(`
  query SignInTestMe {
    me { id }
  }
`);

let server: TestServer;
beforeAll(async () => {
  // RATE_LIMITS=off: this file fails far more sign-ins from one IP than the public limits allow.
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server.close());

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}`;
const uniqueEmail = (prefix = "user") => `${unique(prefix.replace(/[^a-z0-9]/gi, "-"))}@example.com`;

const horse = "correct horse battery staple";
const umlauts = "pässwörd ✓";
const goodPassword = "analytical engine notes 1843";
const invalidCredentialsMessage = "The identifier or the password is not correct.";

/** Every request of this file: never a server fault. */
const send: TestServer["send"] = (document, variables, options) => server.send(document, variables, options);

async function signIn(input: SignInInput, options?: RequestOptions) {
  const response = await send(SignInMutation, { input }, options);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const result = response.body.data?.signIn;
  if (!result) throw new Error(`no signIn result: ${JSON.stringify(response.body)}`);
  return { response, result, cookies: response.headers.getSetCookie() };
}

async function expectSignedIn(input: SignInInput, userId: string) {
  const { response, result } = await signIn(input);
  if (result.__typename !== "SignInSuccess") throw new Error(`expected SignInSuccess for ${JSON.stringify(input.identifier)}, got ${JSON.stringify(result)}`);
  expect(result.user.id).toBe(userId);
  return { response, user: result.user, cookie: sessionCookieOf(response.headers) };
}

async function expectInvalidCredentials(input: SignInInput) {
  const { result, cookies } = await signIn(input);
  expect(result.__typename).toBe("InvalidCredentialsError");
  if (result.__typename !== "InvalidCredentialsError") return;
  expect(result.message).toBe(invalidCredentialsMessage);
  expect(cookies.filter((cookie) => cookie.startsWith("session="))).toEqual([]);
}

/** The `session` Set-Cookie of a response, split into its token and attributes. */
function sessionCookieOf(headers: Headers) {
  const header = headers.getSetCookie().find((cookie) => cookie.startsWith("session="));
  if (!header) throw new Error("no session cookie was set");
  const [pair, ...attributes] = header.split(";").map((part) => part.trim());
  return {
    token: decodeURIComponent(pair!.slice("session=".length)),
    attributes: attributes.map((attribute) => attribute.toLowerCase()),
  };
}

async function createUser(input: CreateUserInput): Promise<string> {
  const response = await send(CreateUserMutation, { input }, { admin: true });
  const result = response.body.data?.createUser;
  if (result?.__typename !== "CreateUserSuccess") throw new Error(`createUser failed: ${JSON.stringify(response.body)}`);
  return result.user.id;
}

async function adminUser(id: string) {
  const response = await send(AdminUserQuery, { id }, { admin: true });
  expect(response.body.errors).toBeUndefined();
  const user = response.body.data?.user;
  if (!user) throw new Error(`user ${id} not found`);
  return user;
}

async function storedCredential(userId: string) {
  const credential = await server.database.prisma.passwordCredential.findUnique({ where: { userId } });
  if (!credential) throw new Error(`no password credential for ${userId}`);
  return { algorithm: credential.algorithm, digest: credential.digest };
}

/**
 * The parameters of an argon2id PHC string, in whatever order they are written: the reference
 * implementation writes m,t,p (`$argon2id$v=19$m=19456,t=2,p=1$...`), node's argon2 package 0.45
 * writes m,p,t (`$argon2id$v=19$m=19456,p=1,t=2$...`); both mean the same.
 */
function argon2idParameters(digest: string) {
  const [empty, id, version, parameters, salt, hash] = digest.split("$");
  expect(empty).toBe("");
  expect(id).toBe("argon2id");
  expect(version).toBe("v=19");
  expect(salt).toMatch(/^[A-Za-z0-9+/]{11,}$/);
  expect(hash).toMatch(/^[A-Za-z0-9+/]{43}$/);
  return Object.fromEntries(parameters!.split(",").map((parameter) => parameter.split("=")));
}

/** The current settings, as the server is configured (SPEC: OWASP m = 19 MiB, t = 2, p = 1). */
const currentArgon2id = { m: "19456", t: "2", p: "1" };

async function expectCurrentArgon2id(userId: string, password: string) {
  const credential = await storedCredential(userId);
  expect(credential.algorithm).toBe("argon2id");
  expect(argon2idParameters(credential.digest), credential.digest).toEqual(currentArgon2id);
  // Checked by the argon2 package itself, not by our verifier.
  expect(await argon2.verify(credential.digest, password)).toBe(true);
  return credential;
}

// ---------------------------------------------------------------------------------------------
// Vectors copied from test/passwords/digest-formats.test.ts (which does not export them), with the
// same notes on how each digest was made. There: Python is Debian 12's python3 (3.11) with
// python3-passlib 1.7.4, python3-django 3.2.25, python3-bcrypt 3.2.2 and python3-argon2
// (argon2-cffi) 21.1.0; PHP is Debian's 8.2 CLI; `argon2` is Debian's argon2 CLI 0~20171227.
// `django` means after `from django.conf import settings; settings.configure(); django.setup()`.
// ---------------------------------------------------------------------------------------------
interface Vector {
  hasher: string;
  password: string;
  digest: string;
  /** How the digest was made: never by our own code. */
  madeBy: string;
}
const firebaseSignerKey = "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==";
const vectors: Vector[] = [
  { hasher: "bcrypt", password: horse, digest: "$2a$04$Gw8fzZJRKW5S5DKStPhxGOsZCox0IwYe.So6wJ5DU/0prdfWABd/G", madeBy: `python3: bcrypt.hashpw(b"${horse}", bcrypt.gensalt(rounds=4, prefix=b"2a"))` },
  { hasher: "bcrypt", password: horse, digest: "$2b$04$Nz/vDQPPTlEh6tDPhgQm/eAQCC1roDivxU86myykFov8NoPC8XpL2", madeBy: `python3: bcrypt.hashpw(b"${horse}", bcrypt.gensalt(rounds=4, prefix=b"2b"))` },
  { hasher: "bcrypt", password: horse, digest: "$2y$04$BADWdBr3N2zJSBACoRqhqOGuA7OEOj7Rn5G4CaeRp8c53cVasxA3y", madeBy: `php -r 'echo password_hash("${horse}", PASSWORD_BCRYPT, ["cost" => 4]);'` },
  { hasher: "bcrypt", password: umlauts, digest: "$2y$04$UiQBtiSFtM71emgMcU8wSOq/bYtvCr8Fmb.ybSUadkupRrVjWdDZS", madeBy: `php -r 'echo password_hash("${umlauts}", PASSWORD_BCRYPT, ["cost" => 4]);'` },
  { hasher: "bcrypt_sha256_django", password: horse, digest: "bcrypt_sha256$$2b$05$6tghc8miEeX3VueyTZalWOLoPrTTwWr/CtxWVGHkX4qqFVpSh2RdK", madeBy: `django: class Fast(BCryptSHA256PasswordHasher): rounds = 5; make_password("${horse}", hasher=Fast())` },
  { hasher: "bcrypt_sha256_django", password: umlauts, digest: "bcrypt_sha256$$2b$05$i1.0vQ.x2kz6GO9IPA3sr.7B1Et2h68AgOhp3Gp9PvbeJkA8oYhHm", madeBy: `django: make_password("${umlauts}", hasher=Fast()) with Fast as above` },
  { hasher: "bcrypt_sha256_django", password: horse, digest: "bcrypt_sha256$$2a$05$AXxIHC5HOqP1Hb.ItxlurOgMnnyqNnmIUrpeUuBudDTCbFSuflZxi", madeBy: `django: Fast as above but salt() returns bcrypt.gensalt(5, prefix=b"2a"); make_password("${horse}", hasher=Legacy2a())` },
  { hasher: "md5", password: horse, digest: "9cc2ae8a1ba7a93da39b46fc1019c481", madeBy: `python3: hashlib.md5("${horse}".encode()).hexdigest()` },
  { hasher: "md5", password: umlauts, digest: "424F0ACB4DEF3F5D2DB59084752CE66D", madeBy: `python3: hashlib.md5("${umlauts}".encode()).hexdigest().upper()` },
  { hasher: "sha256", password: horse, digest: "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a", madeBy: `python3: hashlib.sha256("${horse}".encode()).hexdigest()` },
  { hasher: "sha256", password: umlauts, digest: "F754375CCC77531A8B1FF6B2E42646A035FE6A5E88C66A2A0842768628BC3AF8", madeBy: `python3: hashlib.sha256("${umlauts}".encode()).hexdigest().upper()` },
  { hasher: "pbkdf2_sha256", password: horse, digest: "pbkdf2_sha256$1000$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60=", madeBy: `python3: passlib.hash.pbkdf2_sha256.using(rounds=1000).hash("${horse}"), salt and hash re-encoded as standard base64` },
  { hasher: "pbkdf2_sha256", password: umlauts, digest: "pbkdf2_sha256$1000$LkUoxbiXEsJ4r1UKYex9zw==$Qdri4ceog+r/miEoFJiTIoEj4mFbWnvBz+w11nMW1r0=", madeBy: `python3: passlib.hash.pbkdf2_sha256.using(rounds=1000).hash("${umlauts}"), re-encoded as above` },
  { hasher: "pbkdf2_sha256_django", password: horse, digest: "pbkdf2_sha256$1000$L19UDQHy5BwMCAqoYX5dgU$Dkh3u1rfwTKeJVTXdz/KX3nY43sIbxN4Lq+jC89ARFU=", madeBy: `django: h = PBKDF2PasswordHasher(); h.encode("${horse}", h.salt(), iterations=1000)` },
  { hasher: "pbkdf2_sha256_django", password: horse, digest: "pbkdf2_sha256$260000$eJYSGwOYsUmgYwggVVzoPx$2+VCxStGO3Mpw9X7KD6iOp6mVobx/ugq9Np8ltXjSus=", madeBy: `django: make_password("${horse}", hasher="pbkdf2_sha256") (Django 3.2's default 260000 iterations)` },
  { hasher: "pbkdf2_sha1", password: horse, digest: "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$33c28465f20d1249029486dc3991276b240ebd6b", madeBy: `django: h = PBKDF2SHA1PasswordHasher(); h.encode("${horse}", h.salt(), iterations=1000); hash field turned into Clerk's hex` },
  { hasher: "pbkdf2_sha1", password: horse, digest: "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$M8KEZfINEkkClIbcOZEnayQOvWs=", madeBy: "django: the same h.encode(...) output as above, unchanged (Django's own base64 form)" },
  { hasher: "pbkdf2_sha1", password: umlauts, digest: "pbkdf2_sha1$1000$lgBE064zQ8MhVidgp3uiDU$7d1351845f6cbf6e6b8b78348bad2dfb05087485", madeBy: `django: h.encode("${umlauts}", h.salt(), iterations=1000); hash turned into hex as above` },
  { hasher: "phpass", password: horse, digest: "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0", madeBy: `php with WordPress 6.1.9's class-phpass.php: (new PasswordHash(8, true))->HashPassword("${horse}")` },
  { hasher: "phpass", password: umlauts, digest: "$P$B.C0j2HpsAsSajD0sfGboIewCztsxp/", madeBy: `php with WordPress's class-phpass.php: (new PasswordHash(8, true))->HashPassword("${umlauts}")` },
  { hasher: "phpass", password: horse, digest: "$P$6ERfUIMmpIHd1FQ/beTVFVbNQqjEy61", madeBy: `python3: passlib.hash.phpass.using(ident="P", rounds=8).hash("${horse}")` },
  { hasher: "phpass", password: horse, digest: "$H$9NrlahUwLxFNtLOqrVlrXrWgmjS.DV1", madeBy: `python3: passlib.hash.phpass.using(ident="H", rounds=11).hash("${horse}") (phpBB 3's prefix and rounds)` },
  {
    hasher: "scrypt_firebase",
    password: "user1password",
    digest: `lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$42xEC+ixf3L2lw==$${firebaseSignerKey}$Bw==$8$14`,
    madeBy: "the published example in github.com/firebase/scrypt README.md (password, salt, hash and project parameters)",
  },
  {
    hasher: "scrypt_firebase",
    password: "user1password",
    digest: `lSrfV15cpx95_sZS2W9c9Kp6i_LVgQNDNC_qzrCnh1SAyZvqmZqAjTdn3aoItz-VHjoZilo78198JAdRuid5lQ==$42xEC-ixf3L2lw==$${firebaseSignerKey}$Bw==$8$14`,
    madeBy: "the published example above with hash and salt in the URL-safe alphabet the Admin SDK uses (tr '+/' '-_')",
  },
  {
    hasher: "scrypt_firebase",
    password: umlauts,
    digest: `EUks9dr2oHn0FivrMQsfMl42xj2WvfwoCvl6a9AzrsDtcTt4TWT13iT16JW+ayWN3iIfIVy4SB6o3+sbElVVMg==$O1GXQr8ip+bv4A==$${firebaseSignerKey}$Bw==$2$10`,
    madeBy: `github.com/firebase/scrypt's utility: ./scrypt "<signer key>" "O1GXQr8ip+bv4A==" "Bw==" 2 10 -P <<< "${umlauts}"`,
  },
  {
    hasher: "scrypt_werkzeug",
    password: horse,
    digest: "scrypt:1024:8:1$ME4pKqJDHr4n8pn5$a179456163a91999c7789c41f5bcaacb6b232922ceaf56f29cdf0a9ebd330d6db222908a32c3c375a5151fc6c883443a590dc35c4252eb853521bc3efcfbece1",
    madeBy: `python3 with Werkzeug 3.1.8's security.py: generate_password_hash("${horse}", method="scrypt:1024:8:1")`,
  },
  {
    hasher: "scrypt_werkzeug",
    password: umlauts,
    digest: "scrypt:1024:8:1$YclKfPtzRZug8SgX$8cf5d5bc3d1851a5b1452f521a9647330da706620b6c41c7c43b4868e3b5c2c18138afdd12e1499552b332550e77144a872ce6bfad54d9c28a9e19ef37f358e6",
    madeBy: `Werkzeug 3.1.8: generate_password_hash("${umlauts}", method="scrypt:1024:8:1")`,
  },
  {
    hasher: "scrypt_werkzeug",
    password: horse,
    digest: "scrypt:32768:8:1$yW8vDHXzaEVlTZUU$33ce36406dbb32887e3bc650683033eeb4ea86bf99b01c55fd0276e5ccfc61487d3fffd6854085d09cd2cab34ac268fec80cffdae7264aee35f84a193f443247",
    madeBy: `Werkzeug 3.1.8: generate_password_hash("${horse}", method="scrypt") (the default, scrypt:32768:8:1)`,
  },
  {
    hasher: "scrypt_werkzeug",
    password: horse,
    digest: "scrypt:1024:8:1$ETKY-vWDmlPqIOphlsuYPA$4feaaaf8eb08dba689cca6fd20ae231c950d6ee76266279303124a276f990741d2cec37232e47872d21e869a64af2c6afc264463878167670dfaeab096597e39",
    madeBy: `pallets/werkzeug main's security.py (commit 1b00618e, salt from secrets.token_urlsafe): generate_password_hash("${horse}", method="scrypt:1024:8:1")`,
  },
  { hasher: "argon2i", password: horse, digest: "$argon2i$v=19$m=256,t=2,p=1$c2FsdHNhbHQxMjM0NTY3OA$KriFaKuSeIXHGJAuLCa71QWS56yf4bWKeo4bAgI20x8", madeBy: `echo -n '${horse}' | argon2 saltsalt12345678 -i -t 2 -m 8 -p 1 -e` },
  { hasher: "argon2i", password: horse, digest: "$argon2i$v=16$m=256,t=2,p=1$c2FsdHNhbHQxMjM0NTY3OA$FH5kRx+8qMhPO6fzj4fL32OXisuL3ymZ5jiCKQwaEMI", madeBy: `echo -n '${horse}' | argon2 saltsalt12345678 -i -t 2 -m 8 -p 1 -v 10 -e` },
  { hasher: "argon2i", password: umlauts, digest: "$argon2i$v=19$m=1024,t=2,p=2$IISOx1g4I7bIVdBD2HOD6w$hUBKlk3CaSRq4yKjNbS8+w", madeBy: `python3: argon2.PasswordHasher(time_cost=2, memory_cost=1024, parallelism=2, type=Type.I).hash("${umlauts}")` },
  { hasher: "argon2id", password: horse, digest: "$argon2id$v=19$m=256,t=2,p=2$c2FsdHNhbHQxMjM0NTY3OA$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs", madeBy: `echo -n '${horse}' | argon2 saltsalt12345678 -id -t 2 -m 8 -p 2 -e` },
  { hasher: "argon2id", password: horse, digest: "$argon2id$v=16$m=256,t=2,p=1$c2FsdHNhbHQxMjM0NTY3OA$o+abbVJKIppEINT5bbCRSJki+A0FqU5XZF9yk03U62k", madeBy: `echo -n '${horse}' | argon2 saltsalt12345678 -id -t 2 -m 8 -p 1 -v 10 -e` },
  { hasher: "argon2id", password: horse, digest: "$argon2id$v=19$m=1024,t=2,p=2$x9yvdsErBye3Rmigb3qQpQ$+5RcgwCo39kgwEXAKCZ++Q", madeBy: `python3: argon2.PasswordHasher(time_cost=2, memory_cost=1024, parallelism=2, type=Type.ID).hash("${horse}")` },
  { hasher: "argon2id", password: umlauts, digest: "$argon2id$v=19$m=1024,t=2,p=2$y1nuLQjfAHEUjCuVoMH8Bg$TPiZkRqo4wqDwflw2BcHbA", madeBy: `python3: argon2.PasswordHasher(time_cost=2, memory_cost=1024, parallelism=2, type=Type.ID).hash("${umlauts}")` },
];

const allHashers = [
  "BCRYPT", "BCRYPT_SHA256_DJANGO", "MD5", "PBKDF2_SHA1", "PBKDF2_SHA256", "PBKDF2_SHA256_DJANGO", "PHPASS",
  "SCRYPT_FIREBASE", "SCRYPT_WERKZEUG", "SHA256", "ARGON2I", "ARGON2ID",
] as const satisfies readonly PasswordHasher[];
const everyHasherListed: [Exclude<PasswordHasher, (typeof allHashers)[number]>] extends [never] ? true : false = true;

describe("signIn with every imported digest format", () => {
  it("has a vector for every PasswordHasher", () => {
    expect(everyHasherListed).toBe(true);
    expect(server.config.password.argon2).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(new Set(vectors.map((vector) => vector.hasher.toUpperCase()))).toEqual(new Set(allHashers));
  });

  it.each(vectors)("$hasher $digest: wrong password counted, right one signs in and upgrades to argon2id once", async ({ hasher, password, digest }) => {
    const email = uniqueEmail(hasher);
    const userId = await createUser({ emailAddress: [email], passwordDigest: digest, passwordHasher: hasher.toUpperCase() as PasswordHasher });
    const imported = await storedCredential(userId);
    expect(imported.algorithm).toBe(hasher);

    await expectInvalidCredentials({ identifier: email, password: `${password}!` });
    expect((await adminUser(userId)).loginAttempts).toBe(1);
    expect(await storedCredential(userId)).toEqual(imported);

    const startedAt = Date.now();
    const { user, cookie } = await expectSignedIn({ identifier: email, password }, userId);
    expect(user.email).toBe(email);
    expect(cookie.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(cookie.attributes).toContain("httponly");
    expect(cookie.attributes).toContain("samesite=lax");
    const afterSignIn = await adminUser(userId);
    expect(afterSignIn.loginAttempts).toBe(0);
    expect(afterSignIn.lastSignInAt).not.toBeNull();
    expect(new Date(afterSignIn.lastSignInAt!).getTime()).toBeGreaterThanOrEqual(startedAt - 2000);
    expect(new Date(afterSignIn.lastSignInAt!).getTime()).toBeLessThanOrEqual(Date.now() + 2000);
    expect(user.lastSignInAt).toBe(afterSignIn.lastSignInAt);

    const upgraded = await expectCurrentArgon2id(userId, password);
    expect(upgraded.digest).not.toBe(digest);

    // The upgraded digest still accepts the password, is not rewritten again, and still refuses others.
    await expectSignedIn({ identifier: email, password }, userId);
    expect(await storedCredential(userId)).toEqual(upgraded);
    await expectInvalidCredentials({ identifier: email, password: `${password}!` });
    expect(await storedCredential(userId)).toEqual(upgraded);
  });

  it("keeps a bcrypt digest that 72 bytes or more matched: what follows byte 72 was never checked", async () => {
    const email = uniqueEmail("bcrypt-long");
    const password = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs!!";
    expect(Buffer.byteLength(password)).toBe(86);
    const digest = await bcrypt.hash(password, 4);
    const userId = await createUser({ emailAddress: [email], passwordDigest: digest, passwordHasher: "BCRYPT" });
    // bcrypt reads 72 bytes: a slip after them still matches, as it did at the provider that made the digest.
    await expectSignedIn({ identifier: email, password: `${password} typo` }, userId);
    expect(await storedCredential(userId)).toEqual({ algorithm: "bcrypt", digest });
    // The first 72 bytes alone (a client that cuts passwords there) match too, and must not replace
    // the digest with theirs: the whole password would stop working.
    await expectSignedIn({ identifier: email, password: password.slice(0, 72) }, userId);
    expect(await storedCredential(userId)).toEqual({ algorithm: "bcrypt", digest });
    await expectSignedIn({ identifier: email, password }, userId);
    expect(await storedCredential(userId)).toEqual({ algorithm: "bcrypt", digest });
    // One byte less was all checked: that upgrades as usual.
    const shorterEmail = uniqueEmail("bcrypt-71");
    const shorter = await createUser({ emailAddress: [shorterEmail], passwordDigest: await bcrypt.hash(password.slice(0, 71), 4), passwordHasher: "BCRYPT" });
    await expectSignedIn({ identifier: shorterEmail, password: password.slice(0, 71) }, shorter);
    expect((await storedCredential(shorter)).algorithm).toBe("argon2id");
  });

  it("keeps an argon2id digest that is stronger than the current settings (never weaker)", async () => {
    for (const options of [
      { memoryCost: 65536, timeCost: 3, parallelism: 1 },
      { memoryCost: 19456, timeCost: 2, parallelism: 1 }, // exactly the current settings
      { memoryCost: 32768, timeCost: 2, parallelism: 2 },
    ]) {
      const digest = await argon2.hash(goodPassword, { type: argon2.argon2id, ...options });
      const email = uniqueEmail("strong-argon2id");
      const userId = await createUser({ emailAddress: [email], passwordDigest: digest, passwordHasher: "ARGON2ID" });
      await expectSignedIn({ identifier: email, password: goodPassword }, userId);
      expect(await storedCredential(userId)).toEqual({ algorithm: "argon2id", digest });
      await expectSignedIn({ identifier: email, password: goodPassword }, userId);
      expect(await storedCredential(userId)).toEqual({ algorithm: "argon2id", digest });
    }
  });

  it("upgrades an argon2id digest with fewer passes or less memory than the settings", async () => {
    for (const options of [
      { memoryCost: 19456, timeCost: 1, parallelism: 1 },
      { memoryCost: 8192, timeCost: 2, parallelism: 1 },
    ]) {
      const digest = await argon2.hash(goodPassword, { type: argon2.argon2id, ...options });
      const email = uniqueEmail("weak-argon2id");
      const userId = await createUser({ emailAddress: [email], passwordDigest: digest, passwordHasher: "ARGON2ID" });
      await expectSignedIn({ identifier: email, password: goodPassword }, userId);
      await expectCurrentArgon2id(userId, goodPassword);
    }
  });

  it("a plain password given to createUser is stored as argon2id and signs in without a rewrite", async () => {
    const email = uniqueEmail("plain");
    const userId = await createUser({ emailAddress: [email], password: goodPassword });
    const stored = await expectCurrentArgon2id(userId, goodPassword);
    await expectSignedIn({ identifier: email, password: goodPassword }, userId);
    expect(await storedCredential(userId)).toEqual(stored);
  });
});

describe("signIn identifier forms", () => {
  let userId: string;
  const n = unique("");
  beforeAll(async () => {
    userId = await createUser({
      emailAddress: [`Grace.Hopper${n}@Navy.Example.COM`],
      phoneNumber: ["+1 415 555 2671"],
      username: `GraceH${n}`,
      password: goodPassword,
    });
  });

  it.each([
    ["the email as stored", () => `Grace.Hopper${n}@navy.example.com`],
    ["the email in lower case", () => `grace.hopper${n}@navy.example.com`],
    ["the email in upper case", () => `GRACE.HOPPER${n}@NAVY.EXAMPLE.COM`],
    ["the phone in E.164", () => "+14155552671"],
    ["the phone with parentheses and hyphen", () => "+1 (415) 555-2671"],
    ["the phone with spaces", () => "+1 415 555 2671"],
    ["the phone with dots", () => "+1.415.555.2671"],
    ["the username as stored", () => `GraceH${n}`],
    ["the username in lower case", () => `graceh${n}`],
    ["the username in upper case", () => `GRACEH${n}`],
  ])("accepts %s", async (_name, identifier) => {
    const { user } = await expectSignedIn({ identifier: identifier(), password: goodPassword }, userId);
    expect(user.phoneNumber).toBe("+14155552671");
    expect(user.username).toBe(`GraceH${n}`);
  });

  it("matches a Unicode username case-insensitively and in either normalization form", async () => {
    const id = await createUser({ username: `Ünal${n}`, password: goodPassword, skipPasswordChecks: true });
    for (const identifier of [`ünal${n}`, `ÜNAL${n}`, `U\u0308nal${n}`, `u\u0308nal${n}`]) {
      await expectSignedIn({ identifier, password: goodPassword }, id);
    }
  });

  it("matches a username in any spelling that folds to it: fullwidth, sharp s, final sigma", async () => {
    const straße = await createUser({ username: `straße${n}`, password: goodPassword, skipPasswordChecks: true });
    for (const identifier of [`STRASSE${n}`, `strasse${n}`, `STRAẞE${n}`, `ｓｔｒａßｅ${n}`]) await expectSignedIn({ identifier, password: goodPassword }, straße);
    const sofos = await createUser({ username: `Σοφος${n}`, password: goodPassword, skipPasswordChecks: true });
    for (const identifier of [`σοφοσ${n}`, `ΣΟΦΟΣ${n}`]) await expectSignedIn({ identifier, password: goodPassword }, sofos);
  });

  it("answers an unknown identifier exactly like a wrong password", async () => {
    const wrongPassword = await signIn({ identifier: `grace.hopper${n}@navy.example.com`, password: "not the password at all" });
    expect(wrongPassword.result.__typename).toBe("InvalidCredentialsError");
    for (const identifier of [`nobody${n}@navy.example.com`, `nobody${n}`, "+14155550199"]) {
      const unknown = await signIn({ identifier, password: goodPassword });
      expect(unknown.result).toEqual(wrongPassword.result);
      expect(unknown.response.status).toBe(wrongPassword.response.status);
      expect(unknown.cookies).toEqual([]);
    }
  });

  it.each([
    ["an empty identifier", { identifier: "", password: goodPassword }],
    ["a blank identifier", { identifier: "   ", password: goodPassword }],
    ["a 10,000-character identifier", { identifier: "g".repeat(10_000), password: goodPassword }],
    ["a 10,000-character email", { identifier: `${"g".repeat(10_000)}@navy.example.com`, password: goodPassword }],
    ["a 10,000-character phone", { identifier: `+1${"4".repeat(10_000)}`, password: goodPassword }],
    ["an identifier with a NUL character", { identifier: "graceh\u0000", password: goodPassword }],
    ["an email with a NUL character", { identifier: "grace\u0000@navy.example.com", password: goodPassword }],
    ["an identifier with a lone surrogate", { identifier: "grace\ud800", password: goodPassword }],
    ["an empty password", { identifier: "known", password: "" }],
    ["a 100,000-character password", { identifier: "known", password: "p".repeat(100_000) }],
    ["a 100,000-character password and identifier", { identifier: "q".repeat(100_000), password: "p".repeat(100_000) }],
  ])("answers %s with InvalidCredentialsError, never a fault", async (_name, input) => {
    const identifier = input.identifier === "known" ? `graceh${n}` : input.identifier;
    await expectInvalidCredentials({ identifier, password: input.password });
  });

  it("signs in with the right password after a 100,000-character one (no lasting harm)", async () => {
    await expectInvalidCredentials({ identifier: `graceh${n}`, password: `${goodPassword}${"x".repeat(100_000)}` });
    await expectSignedIn({ identifier: `graceh${n}`, password: goodPassword }, userId);
  });
});

describe("signIn counters and blocked users", () => {
  it("counts every failed attempt and resets the count on success", async () => {
    const email = uniqueEmail("counted");
    const userId = await createUser({ emailAddress: [email], password: goodPassword, loginAttempts: 5 });
    for (const expected of [6, 7, 8]) {
      await expectInvalidCredentials({ identifier: email, password: `wrong ${expected}` });
      expect((await adminUser(userId)).loginAttempts).toBe(expected);
    }
    await expectSignedIn({ identifier: email, password: goodPassword }, userId);
    expect((await adminUser(userId)).loginAttempts).toBe(0);
  });

  it("records the sign-in and the session's expiry in UTC whatever the process's time zone", async () => {
    const email = uniqueEmail("zoned");
    const userId = await createUser({ emailAddress: [email], password: goodPassword });
    const zone = process.env.TZ;
    // Node reads TZ again when it changes; UTC-5 would shift local-time values by five hours.
    process.env.TZ = "America/New_York";
    try {
      const startedAt = Date.now();
      await expectSignedIn({ identifier: email, password: goodPassword }, userId);
      const { lastSignInAt } = await adminUser(userId);
      expect(Math.abs(new Date(lastSignInAt!).getTime() - startedAt)).toBeLessThan(60_000);
      const session = await server.database.prisma.session.findFirstOrThrow({ where: { userId } });
      const thirtyDays = 30 * 24 * 60 * 60 * 1000;
      expect(Math.abs(session.expiresAt.getTime() - (startedAt + thirtyDays))).toBeLessThan(60_000);
      expect(Math.abs(session.lastSeenAt.getTime() - startedAt)).toBeLessThan(60_000);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("caps loginAttempts at 20000", async () => {
    const email = uniqueEmail("capped");
    const userId = await createUser({ emailAddress: [email], password: goodPassword, loginAttempts: 20_000 });
    expect((await adminUser(userId)).loginAttempts).toBe(20_000);
    await expectInvalidCredentials({ identifier: email, password: "wrong once" });
    expect((await adminUser(userId)).loginAttempts).toBe(20_000);
    await expectInvalidCredentials({ identifier: email, password: "wrong twice" });
    expect((await adminUser(userId)).loginAttempts).toBe(20_000);
    await expectSignedIn({ identifier: email, password: goodPassword }, userId);
    expect((await adminUser(userId)).loginAttempts).toBe(0);
  });

  it("says UserBlockedError only after the right password, and opens no session", async () => {
    const email = uniqueEmail("blocked");
    const userId = await createUser({ emailAddress: [email], password: goodPassword, blocked: true });
    const right = await signIn({ identifier: email, password: goodPassword });
    expect(right.result.__typename).toBe("UserBlockedError");
    expect(right.cookies).toEqual([]);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
    expect((await adminUser(userId)).lastSignInAt).toBeNull();

    // A wrong password says nothing about the block: the same answer as for an unknown identifier.
    const wrong = await signIn({ identifier: email, password: "not the password" });
    const unknown = await signIn({ identifier: uniqueEmail("nobody"), password: "not the password" });
    expect(wrong.result).toEqual({ __typename: "InvalidCredentialsError", message: invalidCredentialsMessage });
    expect(unknown.result).toEqual(wrong.result);
  });

  it("ends the sessions of a user who gets blocked", async () => {
    const email = uniqueEmail("blocked-later");
    const userId = await createUser({ emailAddress: [email], password: goodPassword });
    const { cookie } = await expectSignedIn({ identifier: email, password: goodPassword }, userId);
    const headers = { cookie: `session=${cookie.token}` };
    expect((await send(MeQuery, {}, { headers })).body.data?.me?.id).toBe(userId);

    await server.database.prisma.user.update({ where: { id: userId }, data: { blocked: true } });
    const me = await send(MeQuery, {}, { headers });
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data?.me).toBeNull();
  });
});

describe("signIn racing an admin's change", () => {
  /** Starts a sign-in, makes `change` while its password check runs, and returns the sign-in's answer. */
  async function signInWhile(input: SignInInput, change: () => Promise<unknown>) {
    let answered = false;
    const signingIn = signIn(input).finally(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await change();
    expect(answered, "signIn answered before the change: the check was faster than the window").toBe(false);
    return signingIn;
  }

  it("refuses the sign-in, and its digest upgrade does not write over a password set during the check", async () => {
    const email = uniqueEmail("reset-meanwhile");
    // bcrypt at cost 14: a check of about a second, and a digest that sign-in upgrades to argon2id.
    const userId = await createUser({ emailAddress: [email], passwordDigest: await bcrypt.hash(horse, 14), passwordHasher: "BCRYPT" });
    const newDigest = await argon2.hash(goodPassword, { type: argon2.argon2id });
    const { result, cookies } = await signInWhile({ identifier: email, password: horse }, () =>
      server.database.prisma.passwordCredential.update({ where: { userId }, data: { algorithm: "argon2id", digest: newDigest } }),
    );
    expect(result).toEqual({ __typename: "InvalidCredentialsError", message: invalidCredentialsMessage });
    expect(cookies.filter((cookie) => cookie.startsWith("session="))).toEqual([]);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
    expect((await server.database.prisma.passwordCredential.findUnique({ where: { userId } }))?.digest).toBe(newDigest);
    await expectInvalidCredentials({ identifier: email, password: horse });
    await expectSignedIn({ identifier: email, password: goodPassword }, userId);
  });

  it("answers UserBlockedError and leaves no session when the user is blocked during the check", async () => {
    const email = uniqueEmail("blocked-meanwhile");
    const slowDigest = await argon2.hash(horse, { type: argon2.argon2id, memoryCost: 65536, timeCost: 16, parallelism: 1 });
    const userId = await createUser({ emailAddress: [email], passwordDigest: slowDigest, passwordHasher: "ARGON2ID" });
    const { result, cookies } = await signInWhile({ identifier: email, password: horse }, () =>
      server.database.prisma.user.update({ where: { id: userId }, data: { blocked: true } }),
    );
    expect(result.__typename).toBe("UserBlockedError");
    expect(cookies.filter((cookie) => cookie.startsWith("session="))).toEqual([]);
    // Nothing for an unblocking to bring back to life.
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
  });
});

describe("signIn racing another sign-in of the same account", () => {
  const md5OfHorse = "9cc2ae8a1ba7a93da39b46fc1019c481";

  it("signs both in when each upgrades the imported digest: the later one checks the password against the new digest", async () => {
    const email = uniqueEmail("double-submit");
    const userId = await createUser({ emailAddress: [email], passwordDigest: md5OfHorse, passwordHasher: "MD5" });
    const answers = await Promise.all(Array.from({ length: 4 }, () => signIn({ identifier: email, password: horse })));
    expect(answers.map(({ result }) => result.__typename)).toEqual(Array(4).fill("SignInSuccess"));
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(4);
    expect((await adminUser(userId)).loginAttempts).toBe(0);
    await expectCurrentArgon2id(userId, horse);
  });

  it("does not ask again for the second factor whose code the first check spent", async () => {
    const email = uniqueEmail("double-submit-codes");
    const userId = await createUser({
      emailAddress: [email],
      passwordDigest: md5OfHorse,
      passwordHasher: "MD5",
      totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
      backupCodes: ["first-code-1", "second-code-2"],
    });
    const answers = await Promise.all(
      ["first-code-1", "second-code-2"].map((code) => signIn({ identifier: email, password: horse, code })),
    );
    expect(answers.map(({ result }) => result.__typename)).toEqual(["SignInSuccess", "SignInSuccess"]);
    expect(await server.database.prisma.backupCode.count({ where: { userId, usedAt: null } })).toBe(0);
    await expectCurrentArgon2id(userId, horse);
  });
});

// Two connections at once: PostgreSQL only (the embedded database has one).
describe.skipIf(process.env.TEST_DATABASE !== "postgres")("signIn meeting a password change in the database", () => {
  it("waits for it without a deadlock, and answers InvalidCredentialsError for the old password", async () => {
    const email = uniqueEmail("deadlock");
    const userId = await createUser({ emailAddress: [email], password: goodPassword });
    const newDigest = await argon2.hash(horse, { type: argon2.argon2id });
    let takeCredential!: () => void;
    const credentialMayBeTaken = new Promise<void>((resolve) => (takeCredential = resolve));
    // What updateUser does for a new password: the user's row first, then the credential's. The
    // sign-in's statement, started in between, must wait for the user's row before it takes the
    // credential's: holding that one, it would deadlock with the change, which with this short
    // deadlock_timeout would be the one PostgreSQL ends.
    const change = server.database.prisma.$transaction(
      async (transaction) => {
        await transaction.$executeRawUnsafe("SET LOCAL deadlock_timeout = '10ms'");
        await transaction.user.updateMany({ where: { id: userId }, data: { updatedAt: new Date() } });
        await credentialMayBeTaken;
        await transaction.passwordCredential.update({ where: { userId }, data: { algorithm: "argon2id", digest: newDigest } });
        await transaction.session.deleteMany({ where: { userId } });
      },
      { timeout: 30_000 },
    );
    const signingIn = signIn({ identifier: email, password: goodPassword });
    await untilAStatementWaitsForALock(server.database);
    takeCredential();
    await change;

    const { response, result, cookies } = await signingIn;
    expect(response.status).toBe(200);
    expect(result).toEqual({ __typename: "InvalidCredentialsError", message: invalidCredentialsMessage });
    expect(cookies.filter((cookie) => cookie.startsWith("session="))).toEqual([]);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
    await expectSignedIn({ identifier: email, password: horse }, userId);
  });
});

describe("signIn racing a deletion", () => {
  it("answers InvalidCredentialsError and opens no session when the user is deleted during the password check", async () => {
    const email = uniqueEmail("deleted-meanwhile");
    // 64 MiB and 16 passes (the most an imported digest may ask for): the check takes about a
    // second, a wide window to delete the user in.
    const slowDigest = await argon2.hash(horse, { type: argon2.argon2id, memoryCost: 65536, timeCost: 16, parallelism: 1 });
    const userId = await createUser({ emailAddress: [email], passwordDigest: slowDigest, passwordHasher: "ARGON2ID" });

    let answered = false;
    const signingIn = signIn({ identifier: email, password: horse }).finally(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await server.database.prisma.user.delete({ where: { id: userId } });
    expect(answered, "signIn answered before the user was deleted: the check was faster than the window").toBe(false);

    const { result, cookies } = await signingIn;
    expect(result).toEqual({ __typename: "InvalidCredentialsError", message: invalidCredentialsMessage });
    expect(cookies.filter((cookie) => cookie.startsWith("session="))).toEqual([]);
    expect(await server.database.prisma.session.count({ where: { userId } })).toBe(0);
  });
});

describe("sign-up then sign-in", () => {
  it("a public sign-up (argon2id) signs in with its email, and its digest is kept", async () => {
    const email = uniqueEmail("signed-up");
    const response = await send(SignUpMutation, { input: { email, password: goodPassword } });
    const result = response.body.data?.signUp;
    if (result?.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(response.body));
    const stored = await expectCurrentArgon2id(result.user.id, goodPassword);
    await expectSignedIn({ identifier: email.toUpperCase(), password: goodPassword }, result.user.id);
    expect(await storedCredential(result.user.id)).toEqual(stored);
  });

  it.each([
    ["BCRYPT", undefined, "bcrypt", "$2b$12$"],
    ["BCRYPT", "abcdefghijklmnopqrstuu", "bcrypt", "$2b$12$abcdefghijklmnopqrstuu"],
    ["PBKDF2", undefined, "pbkdf2_sha256", "pbkdf2_sha256$600000$"],
    ["PBKDF2", "pepper-and-salt-16", "pbkdf2_sha256", "pbkdf2_sha256$600000$"],
    ["ARGON2", undefined, "argon2id", "$argon2id$v=19$"],
  ] as const)("an admin sign-up with hashFn %s (salt %s) signs in and ends up argon2id", async (hashFn, salt, algorithm, prefix) => {
    const email = uniqueEmail(`hashfn-${hashFn}`);
    const input: SignUpInput = { email, password: goodPassword, hashFn, ...(salt ? { salt } : {}) };
    const response = await send(SignUpWithAdminFieldsMutation, { input }, { admin: true });
    const result = response.body.data?.signUp;
    if (result?.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(response.body));
    const before = await storedCredential(result.user.id);
    expect(before.algorithm).toBe(algorithm);
    expect(before.digest.startsWith(prefix), before.digest).toBe(true);

    await expectInvalidCredentials({ identifier: email, password: `${goodPassword}!` });
    await expectSignedIn({ identifier: email, password: goodPassword }, result.user.id);
    const after = await expectCurrentArgon2id(result.user.id, goodPassword);
    if (hashFn === "ARGON2") expect(after).toEqual(before);
    else expect(after.digest).not.toBe(before.digest);
    await expectSignedIn({ identifier: email, password: goodPassword }, result.user.id);
    expect(await storedCredential(result.user.id)).toEqual(after);
  });
});

describe("signIn with a password in another Unicode form (NFKC)", () => {
  // Written with escapes: an editor or a copy could otherwise change the form of these very strings.
  const composed = "Caf\u00e9 cr\u00e8me au lait 42";
  const decomposed = "Cafe\u0301 cre\u0300me au lait 42";
  const compatible = "\ufb01nancial \uff50\uff4c\uff41\uff4e \uff12\uff10\uff12\uff14"; // "ﬁnancial ｐｌａｎ ２０２４"
  const plain = "financial plan 2024";

  async function signUpWith(password: string) {
    const email = uniqueEmail("unicode");
    const response = await send(SignUpMutation, { input: { email, password } });
    const result = response.body.data?.signUp;
    if (result?.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(response.body));
    return { userId: result.user.id, email };
  }

  it.each([
    ["composed (NFC)", "decomposed (NFD)", composed, decomposed],
    ["decomposed (NFD)", "composed (NFC)", decomposed, composed],
    ["with a ligature and fullwidth letters", "plain", compatible, plain],
    ["plain", "with a ligature and fullwidth letters", plain, compatible],
  ])("signs up %s and signs in %s, and in the first form, without rewriting the digest", async (_signedUpForm, _otherForm, signedUpWith, signsInWith) => {
    expect(signsInWith).not.toBe(signedUpWith);
    expect(signsInWith.normalize("NFKC")).toBe(signedUpWith.normalize("NFKC"));
    const { userId, email } = await signUpWith(signedUpWith);
    const stored = await expectCurrentArgon2id(userId, signedUpWith.normalize("NFKC"));
    await expectSignedIn({ identifier: email, password: signsInWith }, userId);
    await expectSignedIn({ identifier: email, password: signedUpWith }, userId);
    expect(await storedCredential(userId)).toEqual(stored);
    await expectInvalidCredentials({ identifier: email, password: `${signsInWith}!` });
  });

  it("hashes a password given to createUser in its NFKC form", async () => {
    const email = uniqueEmail("unicode-admin");
    const userId = await createUser({ emailAddress: [email], password: decomposed });
    await expectCurrentArgon2id(userId, composed);
    await expectSignedIn({ identifier: email, password: composed }, userId);
  });

  // A digest made elsewhere (or here before passwords were normalized) is of the text as it was
  // typed there: that text still signs in, and the sign-in re-hashes it from the NFKC form.
  it.each([
    ["bcrypt", "decomposed", decomposed, () => bcrypt.hash(decomposed, 4)],
    ["argon2id below the settings", "fullwidth", compatible, () => argon2.hash(compatible, { type: argon2.argon2id, memoryCost: 8192, timeCost: 1, parallelism: 1 })],
    ["argon2id at the settings (as stored here before)", "decomposed", decomposed, () => argon2.hash(decomposed, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 })],
  ] as const)("an imported %s digest of %s text signs in with that text, then in any form", async (hasher, _form, raw, makeDigest) => {
    const normalized = raw.normalize("NFKC");
    const email = uniqueEmail("unicode-imported");
    const digest = await makeDigest();
    const userId = await createUser({ emailAddress: [email], passwordDigest: digest, passwordHasher: hasher === "bcrypt" ? "BCRYPT" : "ARGON2ID" });
    // The digest is of other bytes: the NFKC form cannot match it yet.
    await expectInvalidCredentials({ identifier: email, password: normalized });
    expect((await storedCredential(userId)).digest).toBe(digest);

    await expectSignedIn({ identifier: email, password: raw }, userId);
    const upgraded = await expectCurrentArgon2id(userId, normalized);
    expect(upgraded.digest).not.toBe(digest);
    await expectSignedIn({ identifier: email, password: normalized }, userId);
    await expectSignedIn({ identifier: email, password: raw }, userId);
    expect(await storedCredential(userId)).toEqual(upgraded);
  });

  it("re-hashes an imported argon2id digest stronger than the settings at its own parameters, never weaker", async () => {
    const email = uniqueEmail("unicode-strong");
    const digest = await argon2.hash(compatible, { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 2 });
    const userId = await createUser({ emailAddress: [email], passwordDigest: digest, passwordHasher: "ARGON2ID" });
    await expectSignedIn({ identifier: email, password: compatible }, userId);
    const upgraded = await storedCredential(userId);
    expect(upgraded.digest).not.toBe(digest);
    expect(argon2idParameters(upgraded.digest)).toEqual({ m: "65536", t: "3", p: "2" });
    expect(await argon2.verify(upgraded.digest, plain)).toBe(true);
    await expectSignedIn({ identifier: email, password: plain }, userId);
    expect(await storedCredential(userId)).toEqual(upgraded);
  });
});

describe("signIn's answer time for an imported fast digest", () => {
  // Correctness, not speed: with the server's argon2id at 64 MiB and 16 passes, checking a wrong password
  // against an MD5 digest alone would answer in microseconds. It must also run the dummy argon2id
  // verification, so it cannot answer sooner than that verification's CPU time (a lower bound,
  // which a busy machine only makes longer).
  let slowServer: TestServer;
  beforeAll(async () => {
    slowServer = await startTestServer({ RATE_LIMITS: "off", ARGON2_MEMORY_KIB: "65536", ARGON2_ITERATIONS: "16" });
  });
  afterAll(() => slowServer.close());

  it.each([
    ["MD5", "9cc2ae8a1ba7a93da39b46fc1019c481"],
    // argon2id, but of far less memory than the settings: checked far quicker than the dummy.
    ["ARGON2ID", "$argon2id$v=19$m=256,t=2,p=2$c2FsdHNhbHQxMjM0NTY3OA$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs"],
  ] as const)("takes at least one argon2id verification for %s, like an unknown identifier", async (passwordHasher, passwordDigest) => {
    const email = uniqueEmail("fast-digest-timing");
    const created = await slowServer.send(
      CreateUserMutation,
      { input: { emailAddress: [email], passwordDigest, passwordHasher } },
      { admin: true },
    );
    expect(created.body.data?.createUser.__typename).toBe("CreateUserSuccess");
    const settings = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 16, parallelism: 1 } as const;
    const digest = await argon2.hash("a dummy", settings);
    let verification = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      await argon2.verify(digest, "another");
      verification = Math.min(verification, performance.now() - started);
    }
    const started = performance.now();
    const wrong = await slowServer.send(SignInMutation, { input: { identifier: email, password: "not the password" } });
    const elapsed = performance.now() - started;
    expect(wrong.body.data?.signIn.__typename).toBe("InvalidCredentialsError");
    expect(elapsed).toBeGreaterThan(verification * 0.8);
    const right = await slowServer.send(SignInMutation, { input: { identifier: email, password: horse } });
    expect(right.body.data?.signIn.__typename).toBe("SignInSuccess");
  });
});

describe("signIn's answer time with SIGN_IN_FAILURE_MINIMUM_MILLISECONDS", () => {
  // A cost-12 bcrypt check takes ~0.26 s here, an argon2id one at the test settings milliseconds:
  // without the floor, a wrong password for an imported bcrypt user answers far later than an
  // unknown identifier, which says the account exists. Lower bounds only: a busy machine only
  // makes answers later.
  const minimum = 2000;
  let flooredServer: TestServer;
  beforeAll(async () => {
    flooredServer = await startTestServer({ RATE_LIMITS: "off", SIGN_IN_FAILURE_MINIMUM_MILLISECONDS: String(minimum) });
  });
  afterAll(() => flooredServer.close());

  async function timedSignIn(input: SignInInput) {
    const started = performance.now();
    const response = await flooredServer.send(SignInMutation, { input });
    return { typename: response.body.data?.signIn.__typename, elapsed: performance.now() - started };
  }

  it("answers an unknown identifier and a wrong password for any digest no sooner than the minimum", async () => {
    const bcryptEmail = uniqueEmail("bcrypt-floor");
    const argon2Email = uniqueEmail("argon2-floor");
    for (const input of [
      { emailAddress: [bcryptEmail], passwordDigest: await bcrypt.hash(horse, 12), passwordHasher: "BCRYPT" as const },
      { emailAddress: [argon2Email], password: horse, skipPasswordChecks: true },
    ]) {
      const created = await flooredServer.send(CreateUserMutation, { input }, { admin: true });
      expect(created.body.data?.createUser.__typename).toBe("CreateUserSuccess");
    }
    const refused = await Promise.all([
      timedSignIn({ identifier: uniqueEmail("nobody-floor"), password: horse }),
      timedSignIn({ identifier: bcryptEmail, password: "not the password" }),
      timedSignIn({ identifier: argon2Email, password: "not the password" }),
    ]);
    for (const { typename, elapsed } of refused) {
      expect(typename).toBe("InvalidCredentialsError");
      expect(elapsed).toBeGreaterThanOrEqual(minimum - 1);
    }
  });

  it("does not hold back a successful sign-in", async () => {
    const email = uniqueEmail("floor-success");
    await flooredServer.createUser({ emailAddress: [email], password: horse, skipPasswordChecks: true });
    const { typename, elapsed } = await timedSignIn({ identifier: email, password: horse });
    expect(typename).toBe("SignInSuccess");
    expect(elapsed).toBeLessThan(minimum);
  });
});
