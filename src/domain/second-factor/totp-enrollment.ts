import type { ServiceDependencies } from "../dependencies.ts";
import { InvalidCodeError, NoTotpEnrollmentError, SessionEndedError, TotpAlreadyEnabledError } from "../errors.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import type { ReadInUpdate } from "../users/update-user.ts";
import { digestBackupCodes, newBackupCodes } from "./backup-codes.ts";
import { checkOwnPassword, lockOwnAccount, writeAccountChange, type OwnAccountCaller } from "../users/own-account-changes.ts";
import { endOtherSessions } from "./own-second-factor.ts";
import { matchingTotpStep, newTotpSecret, totpKeyUri } from "./totp.ts";

// A signed-in user sets up TOTP in two steps, as with Clerk, Auth0 or Better Auth: a new secret is
// made and shown (beginTotpEnrollment), and becomes their second factor once they type a code their
// authenticator app makes from it (confirmTotpEnrollment), which proves the app holds it. Until
// then nothing about signing in changes.

/** Long enough to scan a QR code and type a code; short, since the row holds a secret that is not in use. */
export const totpEnrollmentTimeToLiveMilliseconds = 10 * 60 * 1000;

/** A new secret waiting for its first code: the only answer that carries a TOTP secret, to its owner, once. */
export interface BegunTotpEnrollment {
  /** Base32, for typing into an authenticator app. */
  secret: string;
  /** The otpauth:// URI, for a QR code. */
  otpauthUri: string;
  expiresAt: Date;
}

/**
 * Makes a new random secret for the signed-in user, kept sealed (SecretBox) as their one pending
 * enrollment: another beginning replaces it, so only the secret shown last can be confirmed. Needs
 * the current password when the user has one; refused while TOTP is on.
 */
export async function beginTotpEnrollment(
  dependencies: ServiceDependencies,
  caller: OwnAccountCaller,
  currentPassword: string | null | undefined,
  now = new Date(),
): Promise<BegunTotpEnrollment> {
  const { prisma } = dependencies;
  const user = await prisma.user.findUnique({
    where: { id: caller.userId },
    select: {
      id: true,
      username: true,
      passwordCredential: { select: { algorithm: true, digest: true } },
      totpCredential: { select: { userId: true } },
      emailAddresses: { where: { primary: true }, select: { email: true } },
    },
  });
  // Deleted since the session was resolved: its sessions went with it.
  if (!user) throw new SessionEndedError();
  if (user.totpCredential) throw new TotpAlreadyEnabledError();
  await checkOwnPassword(dependencies, caller, currentPassword, user.passwordCredential as StoredDigest | null, "set up TOTP");
  const secret = newTotpSecret();
  const expiresAt = new Date(now.getTime() + totpEnrollmentTimeToLiveMilliseconds);
  await prisma.$transaction(async (transaction) => {
    await lockOwnAccount(transaction, caller);
    // Checked again under the lock: an admin may have set a secret since.
    if ((await transaction.totpCredential.count({ where: { userId: caller.userId } })) > 0) throw new TotpAlreadyEnabledError();
    const enrollment = { encryptedSecret: dependencies.secretBox.encrypt(secret), expiresAt, createdAt: now };
    await transaction.totpEnrollment.upsert({ where: { userId: caller.userId }, create: { userId: caller.userId, ...enrollment }, update: enrollment });
  });
  // The name the app shows the code under: what the user signs in with.
  const account = user.emailAddresses[0]?.email ?? user.username ?? user.id;
  return { secret, otpauthUri: totpKeyUri(secret, dependencies.totpIssuer, account), expiresAt };
}

export interface ConfirmedTotpEnrollment<Read> {
  userId: string;
  /** What `readBack` read, if given. */
  read: Read | undefined;
  /** The new backup codes, plain: shown once, stored only as digests. */
  backupCodes: string[];
}

/**
 * Turns the pending enrollment into the user's TOTP when `code` is a current code of its secret: in
 * one transaction, holding the user's row (so of two confirmations at once one succeeds), the
 * secret becomes their TotpCredential, the enrollment goes, ten new backup codes replace any unused
 * ones, the code's step is recorded as used (it opens no sign-in afterwards), the user's row is
 * written, and their other sessions end.
 *
 * A wrong code is not counted as a failed sign-in: it is checked against a secret the caller was
 * just shown, so guessing it opens nothing.
 */
export async function confirmTotpEnrollment<Read = undefined>(
  dependencies: ServiceDependencies,
  caller: OwnAccountCaller,
  code: string,
  readBack?: ReadInUpdate<Read>,
  now = new Date(),
): Promise<ConfirmedTotpEnrollment<Read>> {
  const { prisma } = dependencies;
  const { userId } = caller;
  const enrollment = await prisma.totpEnrollment.findUnique({ where: { userId }, select: { encryptedSecret: true, expiresAt: true } });
  if (!enrollment || enrollment.expiresAt <= now) throw new NoTotpEnrollmentError();
  // Sealed under another SECRET_KEY (changed since it began): it can be begun again, not confirmed.
  const secret = dependencies.secretBox.tryDecrypt(enrollment.encryptedSecret);
  if (secret === undefined) throw new NoTotpEnrollmentError();
  const step = matchingTotpStep(secret, code.trim(), now);
  if (step === undefined) throw new InvalidCodeError("new-secret");
  const backupCodes = newBackupCodes();
  // Hashed before the transaction: ten bcrypt hashes would hold the user's row for half a second.
  const digests = await digestBackupCodes(backupCodes);
  const read = await prisma.$transaction(async (transaction) => {
    const locked = await lockOwnAccount(transaction, caller);
    // Turned on meanwhile: by an admin, or by this user's own confirmation sent twice.
    if ((await transaction.totpCredential.count({ where: { userId } })) > 0) throw new TotpAlreadyEnabledError();
    // The enrollment the code was checked against, still pending: not one a new beginning replaced meanwhile.
    const { count } = await transaction.totpEnrollment.deleteMany({ where: { userId, encryptedSecret: enrollment.encryptedSecret, expiresAt: { gt: now } } });
    if (count === 0) throw new NoTotpEnrollmentError();
    // The step is the user's, across secrets (see `totpLastUsedStep`): a code used with a secret
    // they had before is not accepted again.
    if (locked.totpLastUsedStep !== null && BigInt(step) <= locked.totpLastUsedStep) throw new InvalidCodeError("new-secret");
    await transaction.totpCredential.create({ data: { userId, encryptedSecret: enrollment.encryptedSecret } });
    // Used codes stay, so that no later list can issue one of them again (as updateUser keeps them).
    await transaction.backupCode.deleteMany({ where: { userId, usedAt: null } });
    await transaction.backupCode.createMany({ data: digests.map((digest) => ({ userId, digest })) });
    await writeAccountChange(transaction, userId, locked, { totpLastUsedStep: step });
    await endOtherSessions(transaction, caller);
    return readBack?.(transaction, userId);
  });
  return { userId, read, backupCodes };
}
