import type { PrismaClient } from "../../generated/prisma/client.ts";
import { InvalidCredentialsError, SecondFactorRequiredError, UserBlockedError } from "../errors.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import { isBelowSettings, upgradedDigest, verifyPassword } from "../passwords/verify-password.ts";
import { unusedBackupCode, type MatchedBackupCode } from "../second-factor/unused-backup-code.ts";
import { matchingTotpStep } from "../second-factor/totp.ts";
import { identifierKeys, type IdentifierKeys } from "../users/find-user-by-identifier.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import type { RequestOrigin } from "../rate-limits/rate-limits.ts";
import { countedAgainstAccount, countedAsSignInAttempt, maximumIdentifierLength } from "./sign-in-limits.ts";
import { sessionOrigin, type SessionOrigin } from "./session-origin.ts";
import { hashToken, newRandomToken, type RandomToken } from "../random-tokens.ts";
import type { DriverStatements } from "../../db/bulk-rows.ts";
import { retryingDeadlocks } from "../../db/errors.ts";
import type { WrittenUser } from "../users/new-user.ts";
import { uuidV7 } from "../users/uuid-v7.ts";
import { untilElapsed } from "../elapsed-time.ts";

export interface SignInInput {
  identifier: string;
  password: string;
  code?: string | null;
}

export interface SignInResult {
  userId: string;
  session: RandomToken;
  /** The user as the sign-in left them; absent if they were deleted the moment after. */
  user?: WrittenUser;
}

export interface SignInRequest {
  /** The sessions the request's cookies held: the new session replaces them. */
  replacedSessionTokens?: readonly string[];
}

/** What the statement that opens the session needs of the request. */
interface OpeningRequest extends SignInRequest {
  /** Where the request came from, which the session keeps. */
  opener: SessionOrigin;
}

// seed 000 `login_attempts`: 0..20000.
const maximumLoginAttempts = 20_000;
// A longer password is no one's: it is refused without any verification, whatever the account, so
// the refusal tells nothing. (An identifier over `maximumIdentifierLength` names no one; it still
// costs a dummy verification, like any unknown identifier.)
const maximumPasswordLength = 4096;

/**
 * Signs a user in with an identifier and a password (and a second factor when they have TOTP).
 * The order of checks is what keeps accounts private: nothing about blocking or the second factor
 * is said before the password was right, and an unknown identifier costs one argon2id verification
 * like a wrong password does. Rate limits count the attempt against the client address and the
 * identifier before anything is looked up, and against the account the identifier names once it is
 * found; they keep it counted only when it fails (`RateLimitedError` once too many did).
 *
 * An imported digest can take far longer to check than that argon2id verification (a cost-12
 * bcrypt ~0.26 s, a Django PBKDF2 ~0.6 s), which would tell an unknown identifier from such an
 * account. So InvalidCredentialsError is answered no sooner than `signInFailureMinimumMilliseconds`
 * after the attempt began: a timer, not work, so it costs no CPU.
 */
export async function signIn(
  dependencies: ServiceDependencies,
  input: SignInInput,
  origin: RequestOrigin,
  request: SignInRequest = {},
): Promise<SignInResult> {
  const startedAt = performance.now();
  try {
    return await countedAsSignInAttempt(dependencies.rateLimits, origin, input.identifier, (failed) =>
      verifyAndOpenSession(dependencies, input, { ...request, opener: sessionOrigin(origin) }, failed),
    );
  } catch (error) {
    if (error instanceof InvalidCredentialsError) await untilElapsed(startedAt, dependencies.signInFailureMinimumMilliseconds);
    throw error;
  }
}

// A sign-in whose account changed while it was checked runs again against the account as it is
// (another sign-in's upgrade of the same password, most often); this many checks at most.
const maximumPasswordChecks = 3;

async function verifyAndOpenSession(
  dependencies: ServiceDependencies,
  input: SignInInput,
  request: OpeningRequest,
  failed: () => void,
): Promise<SignInResult> {
  const keys = input.identifier.length <= maximumIdentifierLength && input.identifier.trim() !== "" ? identifierKeys(input.identifier) : undefined;
  const found = keys && (await findSigningInUser(dependencies.statements, keys));
  if (keys === undefined || found === undefined) return checkAndOpenSession(dependencies, input, request, undefined, failed);
  return countedAgainstAccount(dependencies.rateLimits, found.id, async (failedForAccount) => {
    const failedBoth = () => {
      failed();
      failedForAccount();
    };
    let user = found;
    let accepted: AcceptedCode | undefined;
    for (let check = 1; ; check++) {
      try {
        return await checkAndOpenSession(dependencies, input, request, user, failedBoth, accepted);
      } catch (error) {
        if (!(error instanceof AccountChangedMeanwhile)) throw error;
        const again = check < maximumPasswordChecks ? await findSigningInUser(dependencies.statements, keys) : undefined;
        // The identifier names another account now, or none: what was checked is no one's.
        if (again?.id !== user.id) throw new InvalidCredentialsError();
        user = again;
        accepted = error.accepted;
      }
    }
  });
}

/**
 * The second factor a code was accepted for (its sealed secret, null for none), not asked for again
 * when the sign-in is checked again: a TOTP code was spent when it was accepted, a backup code is
 * carried along to be spent by the statement that opens the session.
 */
interface AcceptedCode {
  secondFactor: string | null;
  backupCode?: MatchedBackupCode;
}

/**
 * The session was not opened, or was closed again, because the password was replaced or removed, or
 * the second factor removed, after the account was read: the sign-in is checked again as it is now.
 */
class AccountChangedMeanwhile extends Error {
  /** `accepted`: the code accepted for the account as it was, if it still counts. */
  constructor(readonly accepted?: AcceptedCode) {
    super("The account changed while the sign-in checked it.");
  }
}

async function checkAndOpenSession(
  dependencies: ServiceDependencies,
  input: SignInInput,
  request: OpeningRequest,
  user: SigningInUser | undefined,
  failed: () => void,
  accepted?: AcceptedCode,
): Promise<SignInResult> {
  const { prisma } = dependencies;
  const stored: StoredDigest | undefined =
    user?.algorithm != null && user.digest != null ? { algorithm: user.algorithm as StoredDigest["algorithm"], digest: user.digest } : undefined;
  // A password that NFKC changes costs a second verification when the first fails, against the
  // dummy digest as against a real one: what it costs depends on the password typed, which the
  // caller knows, and never on the account.
  const verifiable = input.password.length <= maximumPasswordLength;
  const match = verifiable ? await verifyPassword(input.password, stored ?? (await dependencies.timingDummyDigest)) : undefined;
  if (!user || !stored || !match) {
    // An imported digest (MD5, SHA-256, PBKDF2…, or an argon2id of lower cost) is checked quicker
    // than the dummy digest: without a dummy verification too, a quick refusal would say the
    // account exists.
    if (verifiable && stored && isBelowSettings(stored, dependencies.passwords.argon2)) {
      await verifyPassword(input.password, await dependencies.timingDummyDigest);
    }
    failed();
    if (user) await countFailedAttempt(prisma, user.id);
    throw new InvalidCredentialsError();
  }
  if (user.blocked) throw new UserBlockedError();
  let backupCode = accepted?.secondFactor === user.encryptedSecret ? accepted.backupCode : undefined;
  if (user.encryptedSecret !== null && user.encryptedSecret !== accepted?.secondFactor) {
    const code = input.code?.trim();
    if (!code) throw new SecondFactorRequiredError(false);
    const totpCode = await acceptTotpCode(dependencies, user.id, user.encryptedSecret, code);
    backupCode = totpCode.accepted ? undefined : await unusedBackupCode(prisma, user.id, code);
    if (!totpCode.accepted && !backupCode) {
      // The code met no second factor to accept it because it was removed or replaced meanwhile
      // (by an admin, or by the user in another session): no failure of whoever signs in. Removed,
      // the sign-in is checked again as the account is now; replaced, the new one is asked for.
      const current = await prisma.user.findUnique({
        where: { id: user.id },
        select: { totpLastUsedStep: true, totpCredential: { select: { encryptedSecret: true } } },
      });
      if (!current?.totpCredential) throw new AccountChangedMeanwhile({ secondFactor: null });
      if (current.totpCredential.encryptedSecret !== user.encryptedSecret) throw new SecondFactorRequiredError(true);
      // A code of a step already accepted with this secret (sent twice at once by a double click, or
      // sent again later) is refused all the same, but is no failure: whoever sent it knows a valid
      // code, so not counting it lets no guess through, while counting it would spend the user's own
      // limits and `loginAttempts` on their double submit. The last accepted step only grows, so
      // reading it after the statement that refused the step still shows it.
      if (totpCode.step !== undefined && current.totpLastUsedStep !== null && current.totpLastUsedStep >= BigInt(totpCode.step)) {
        throw new SecondFactorRequiredError(true);
      }
      failed();
      await countFailedAttempt(prisma, user.id);
      throw new SecondFactorRequiredError(true);
    }
  }
  // Transparent upgrade: the password is known right now, so an imported or outdated digest, or one
  // of the password as typed rather than its NFKC form, is replaced by argon2id in the same write
  // that opens the session.
  const upgraded = await upgradedDigest(stored, match, dependencies.passwords.argon2);
  const session = newRandomToken(dependencies.sessionTimeToLiveMilliseconds);
  // The second factor the code was checked against (its sealed secret), or null when there was none.
  const checkedSecondFactor = user.encryptedSecret;
  // Times as UTC text: node-postgres would send a Date in the process's time zone, with an offset
  // that PostgreSQL drops for a timestamp without time zone (Prisma's columns).
  const parameters = [
    user.id,
    new Date().toISOString(),
    upgraded?.algorithm ?? null,
    upgraded?.digest ?? null,
    uuidV7(),
    session.tokenHash,
    session.expiresAt.toISOString(),
    stored.digest,
    checkedSecondFactor,
    (request.replacedSessionTokens ?? []).map(hashToken),
    backupCode?.id ?? null,
    backupCode?.usedCodeSha256 ?? null,
    request.opener.userAgent,
    request.opener.ipAddress,
  ];
  // The statement takes the user's row first, as every change of the account does: a deadlock is
  // left only with what locks rows in another order (unique index entries, say), and run again.
  const [opened] = await retryingDeadlocks(() => dependencies.statements.query<OpenedSession>(openSessionStatement, parameters));
  if (opened && !opened.changedMeanwhile) {
    const { sessionId: _sessionId, changedMeanwhile: _changedMeanwhile, ...userColumns } = opened;
    return { userId: user.id, session, user: userAsLeft(userColumns) };
  }
  // Read again after the statement. A second factor set up by a change that held the user's row
  // while the statement waited for it is a row the statement's snapshot does not have: it commits
  // unseen, after its own ending of the user's sessions.
  const [latest] = await dependencies.statements.query<AccountState>(accountStateQuery, [user.id]);
  const secondFactorChanged = (latest?.encryptedSecret ?? null) !== checkedSecondFactor;
  if (opened && !secondFactorChanged) {
    if (!latest) return { userId: user.id, session };
    const { encryptedSecret: _secret, ...userColumns } = latest;
    return { userId: user.id, session, user: userAsLeft(userColumns) };
  }
  // deleteMany: the change, or a block, may have ended it already.
  if (opened) await prisma.session.deleteMany({ where: { id: opened.sessionId } });
  // Blocked while the password was being checked (the block's own statement ends the sessions it
  // sees; this one it would not have seen).
  if (latest?.blocked) throw new UserBlockedError();
  // A second factor set up or replaced meanwhile (by an admin, or by the user in another session) is asked for.
  if (secondFactorChanged && latest?.encryptedSecret != null) throw new SecondFactorRequiredError(checkedSecondFactor !== null);
  // Deleted: what was checked is no one's.
  if (!latest) throw new InvalidCredentialsError();
  // A session opened spent its own code: the account changed after the statement.
  if (backupCode && !opened) {
    const code = await prisma.backupCode.findUnique({ where: { id: backupCode.id }, select: { usedAt: true } });
    // Used by another sign-in in the meantime (the same code sent twice at once): as if used before.
    if (code?.usedAt != null) {
      failed();
      await countFailedAttempt(prisma, user.id);
      throw new SecondFactorRequiredError(true);
    }
    // Deleted with the list it was in, replaced meanwhile (by an admin, or by the user in another
    // session): the code typed is checked again, against the codes the user has now.
    if (code === null) throw new AccountChangedMeanwhile();
  }
  // The password was replaced or removed, or the second factor removed, meanwhile: checked again
  // against what the account has now.
  throw new AccountChangedMeanwhile({ secondFactor: checkedSecondFactor, ...(backupCode ? { backupCode } : {}) });
}

interface SigningInUser {
  id: string;
  blocked: boolean;
  /** Null without a password (a user of a social identity only). */
  algorithm: string | null;
  digest: string | null;
  /** The sealed TOTP secret; null without a second factor. */
  encryptedSecret: string | null;
}

// What a sign-in checks, by any of the identifier's keys ($1 email, $2 username, $3 phone; null
// for a form it is not), in one query through the driver: the hottest read there is, and Prisma's
// client would add its own work on the event loop and a heavier statement for PostgreSQL.
const signingInUserQuery = `
  SELECT u.id, u.blocked, p.algorithm, p.digest, t."encryptedSecret"
  FROM "User" u
  LEFT JOIN "PasswordCredential" p ON p."userId" = u.id
  LEFT JOIN "TotpCredential" t ON t."userId" = u.id
  WHERE u.id IN (
    SELECT "userId" FROM "EmailAddress" WHERE "emailNormalized" = $1
    UNION ALL SELECT id FROM "User" WHERE "usernameNormalized" = $2
    UNION ALL SELECT "userId" FROM "PhoneNumber" WHERE "phoneNumber" = $3
  )
  LIMIT 1`;

async function findSigningInUser(statements: DriverStatements, keys: IdentifierKeys): Promise<SigningInUser | undefined> {
  if (!keys.emailNormalized && !keys.usernameNormalized && !keys.phoneNumber) return undefined;
  const [user] = await statements.query<SigningInUser>(signingInUserQuery, [
    keys.emailNormalized ?? null,
    keys.usernameNormalized ?? null,
    keys.phoneNumber ?? null,
  ]);
  return user;
}

// The user as a sign-in leaves them, for the answer, from `u` (a "User" row): times as timestamptz,
// which the driver reads as the instant it is whatever the process's time zone; the Long as text,
// which each driver reads alike (a bigint column is a string in one, a number or a bigint in the
// other); the primary email address and phone number.
const userAsLeftColumns = `
    u.id, u."externalId", u.username, u.name, u."firstName", u."lastName", u.picture,
    u.blocked, u."loginAttempts", u."deleteSelfEnabled", u."createOrganizationEnabled",
    u."createOrganizationsLimit"::text AS "createOrganizationsLimit",
    u."legalAcceptedAt" AT TIME ZONE 'UTC' AS "legalAcceptedAt", u."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
    u."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt", u."lastSignInAt" AT TIME ZONE 'UTC' AS "lastSignInAt",
    e.email, e.verified AS "emailVerified", p."phoneNumber", p.verified AS "phoneNumberVerified"`;
const primaryAddressesOfUser = `
  LEFT JOIN LATERAL (SELECT email, verified FROM "EmailAddress" WHERE "userId" = u.id AND "primary" LIMIT 1) e ON true
  LEFT JOIN LATERAL (SELECT "phoneNumber", verified FROM "PhoneNumber" WHERE "userId" = u.id AND "primary" LIMIT 1) p ON true`;

// The account as it is after a statement that opened no session, or waited for a change of the
// account: blocked meanwhile, or its second factor changed; and the user as the sign-in left them.
const accountStateQuery = `
  SELECT t."encryptedSecret", ${userAsLeftColumns}
  FROM "User" u
  LEFT JOIN "TotpCredential" t ON t."userId" = u.id
  ${primaryAddressesOfUser}
  WHERE u.id = $1`;

/** The user's columns as `userAsLeftColumns` reads them. */
type UserAsLeftRow = Omit<WrittenUser["columns"], "createOrganizationsLimit"> & {
  createOrganizationsLimit: string;
  email: string | null;
  emailVerified: boolean | null;
  phoneNumber: string | null;
  phoneNumberVerified: boolean | null;
};

type AccountState = UserAsLeftRow & { encryptedSecret: string | null };

type OpenedSession = UserAsLeftRow & {
  sessionId: string;
  /** A change of the user's row committed after the statement began: it waited for that change. */
  changedMeanwhile: boolean;
};

function userAsLeft({ email, emailVerified, phoneNumber, phoneNumberVerified, createOrganizationsLimit, ...columns }: UserAsLeftRow): WrittenUser {
  return {
    columns: { ...columns, createOrganizationsLimit: BigInt(createOrganizationsLimit) },
    primaryEmailAddress: email === null ? null : { email, verified: emailVerified === true },
    primaryPhoneNumber: phoneNumber === null ? null : { phoneNumber, verified: phoneNumberVerified === true },
  };
}

// One statement, one round trip, all or nothing: clear the failure count, record the sign-in,
// replace the digest when it is upgraded ($3/$4 null otherwise), open the session (with where it
// was opened from, $13/$14) and end those the request came with ($10), which the new cookie
// replaces. Sign-in is the hottest write there is; through Prisma this was a transaction of four
// statements.
// It happens only while the account is as it was checked: the digest that was verified ($8) is
// still the stored one (locked here, so a password set concurrently either waits for this
// statement, and then ends its session, or is seen and wins: an upgrade never writes over it), the
// user still exists and is not blocked (the row lock makes a concurrent block wait, or be seen),
// its second factor is the one checked ($9: the sealed secret, null for none), and the backup code
// typed ($11, null for none) is still unused: it is spent here, so a sign-in that opens no session
// spends none, and of two sign-ins with the same code the one that locks it first has it.
// The user's row is locked before anything else (`account`, whose id the other locks look up with),
// in the order updateUser, blocking and deleteUser take the rows: taken the other way round, a
// sign-in and a password change would each hold what the other waits for. The rows it then checks
// are locked too, so that a change it waited for is seen as committed, not as the statement's
// snapshot had them: a second factor replaced meanwhile (its row deleted) opens no session, and
// spends no backup code.
// It answers the session and the user as the sign-in left them, with `changedMeanwhile`: whether a
// transaction that committed after the statement began changed the user's row (its version as
// locked, against the one the snapshot has), which means the statement waited for it. Every change
// of the account writes that row (updateUser sets `updatedAt`, blocking sets `blocked`), so only
// then can a row the snapshot does not have, a second factor set up meanwhile, have been missed,
// and only then is the account read again.
const openSessionStatement = `
  WITH account AS (
    SELECT id, xmin AS version FROM "User" WHERE id = $1 FOR NO KEY UPDATE
  ), checked AS (
    SELECT "userId" FROM "PasswordCredential" WHERE "userId" = (SELECT id FROM account) AND digest = $8 FOR UPDATE
  ), backup_code AS (
    SELECT id FROM "BackupCode" WHERE id = $11::uuid AND "userId" = (SELECT id FROM account) AND "usedAt" IS NULL FOR UPDATE
  ), signed_in AS (
    UPDATE "User" SET "loginAttempts" = 0, "lastSignInAt" = $2, "updatedAt" = $2
    WHERE id = $1 AND NOT blocked AND EXISTS (SELECT 1 FROM checked)
      AND (SELECT "encryptedSecret" FROM "TotpCredential" WHERE "userId" = (SELECT id FROM account) FOR SHARE) IS NOT DISTINCT FROM $9::text
      AND ($11::uuid IS NULL OR EXISTS (SELECT 1 FROM backup_code))
    RETURNING *
  ), spent AS (
    UPDATE "BackupCode" SET "usedAt" = $2, "usedCodeSha256" = $12 WHERE id = $11::uuid AND EXISTS (SELECT 1 FROM signed_in)
  ), upgraded AS (
    UPDATE "PasswordCredential" SET algorithm = $3, digest = $4, "updatedAt" = $2
    WHERE "userId" = $1 AND $4::text IS NOT NULL AND EXISTS (SELECT 1 FROM signed_in)
  ), replaced AS (
    DELETE FROM "Session" WHERE "tokenHash" = ANY($10::text[]) AND EXISTS (SELECT 1 FROM signed_in)
  ), opened AS (
    INSERT INTO "Session" (id, "userId", "tokenHash", "expiresAt", "userAgent", "ipAddress")
    SELECT $5, id, $6, $7, $13::text, $14::text FROM signed_in
    RETURNING id
  )
  SELECT o.id AS "sessionId",
    (SELECT version FROM account)::text IS DISTINCT FROM (SELECT xmin FROM "User" WHERE id = $1)::text AS "changedMeanwhile",
    ${userAsLeftColumns}
  FROM opened o CROSS JOIN signed_in u
  ${primaryAddressesOfUser}`;

export async function countFailedAttempt(prisma: PrismaClient, userId: string): Promise<void> {
  await prisma.user.updateMany({
    where: { id: userId, loginAttempts: { lt: maximumLoginAttempts } },
    data: { loginAttempts: { increment: 1 } },
  });
}

// Records step $3 as the user's last accepted one if it is later than that, and only while their
// credential holds the sealed secret the code was checked against ($2): a secret replaced or removed
// meanwhile records nothing. The step is the user's, not the credential's, so that it outlives the
// credential: a secret set again (S, S2, none, S) does not accept a code used with it once more.
// The user's row is locked first, in the order updateUser takes the rows (the other way round, each
// would hold what the other waits for): the credential is looked up by `account`'s id, since a
// lookup by $1 would run, and lock, before anything else. It is locked too, so that a change this
// waited for is seen as committed, not as the statement's snapshot had it. Of two sign-ins with the
// same code, the second waits for the user's row and then finds the step recorded.
const acceptTotpStepStatement = `
  WITH account AS (
    SELECT id FROM "User" WHERE id = $1 FOR NO KEY UPDATE
  )
  UPDATE "User" SET "totpLastUsedStep" = $3
  WHERE id = (SELECT id FROM account)
    AND ("totpLastUsedStep" IS NULL OR "totpLastUsedStep" < $3)
    AND EXISTS (SELECT 1 FROM "TotpCredential" WHERE "userId" = (SELECT id FROM account) AND "encryptedSecret" = $2 FOR SHARE)
  RETURNING id`;

/** Whether a TOTP code was accepted, and the time step it is the code of (undefined: none within the drift). */
interface TotpCodeCheck {
  accepted: boolean;
  step?: number;
}

/**
 * A TOTP code is accepted once per user, also across a secret replaced and set again: the step it
 * belongs to must be later than the last accepted one, checked and recorded in one statement
 * (`acceptTotpStepStatement`) so two requests cannot both use it.
 */
async function acceptTotpCode(
  dependencies: ServiceDependencies,
  userId: string,
  encryptedSecret: string,
  code: string,
): Promise<TotpCodeCheck> {
  const secret = dependencies.secretBox.tryDecrypt(encryptedSecret);
  // Sealed under another SECRET_KEY (the start refuses one that opens no stored secret): no code can
  // match, and a backup code still may.
  if (secret === undefined) return { accepted: false };
  const step = matchingTotpStep(secret, code);
  if (step === undefined) return { accepted: false };
  const recorded = await dependencies.statements.query<{ id: string }>(acceptTotpStepStatement, [userId, encryptedSecret, step]);
  return { accepted: recorded.length === 1, step };
}
