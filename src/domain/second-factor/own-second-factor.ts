import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { InvalidCodeError, SessionEndedError, ValidationError } from "../errors.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import { hashToken } from "../random-tokens.ts";
import type { RequestOrigin } from "../rate-limits/rate-limits.ts";
import { checkCurrentPassword } from "../sessions/current-password.ts";
import { countFailedAttempt } from "../sessions/sign-in.ts";
import { countedAsCurrentPasswordAttempt } from "../sessions/sign-in-limits.ts";
import { nextUpdatedAt } from "../users/updated-at.ts";
import { matchingTotpStep } from "./totp.ts";
import { unusedBackupCode, type MatchedBackupCode } from "./unused-backup-code.ts";

// What the signed-in user's own changes of their second factor share: proving who they are again
// (the current password, a code of the second factor they have), and the write under their row's
// lock that checks the session they came with is still open.

/** The signed-in user changing their own second factor, and where the request comes from. */
export interface OwnAccountCaller {
  userId: string;
  origin: RequestOrigin;
  /** The session the request came with: the change is written only while it is open, and it stays open. */
  sessionToken: string;
}

/**
 * Checks the current password, when the user has one (without one there is nothing to check it
 * against): a stolen session alone must not change how the account is protected. Counted as a
 * failed sign-in when wrong (`checkCurrentPassword`); an empty one is taken for none sent.
 */
export async function checkOwnPassword(
  dependencies: ServiceDependencies,
  caller: OwnAccountCaller,
  currentPassword: string | null | undefined,
  stored: StoredDigest | null,
  change: string,
): Promise<void> {
  if (!stored) return;
  if (currentPassword == null || currentPassword === "") {
    throw new ValidationError([{ path: ["currentPassword"], message: `Required to ${change}: send your current password.` }]);
  }
  await checkCurrentPassword(dependencies, caller.userId, caller.origin, currentPassword, stored);
}

/** A code of the user's second factor that was accepted, to be spent by the change it was given for. */
export type SecondFactorCode = { kind: "totp"; encryptedSecret: string; step: number } | { kind: "backupCode"; backupCode: MatchedBackupCode };

/**
 * What `code` is of the user's second factor: a current TOTP code of their secret (`encryptedSecret`),
 * or an unused backup code. A wrong code counts as a failed sign-in, against the account, as a wrong
 * current password does: a stolen session is no way to guess codes without end. A TOTP code of a
 * step already used is refused without counting, as sign-in refuses it: whoever sent it knew a
 * valid code.
 */
export async function acceptedSecondFactorCode(
  dependencies: ServiceDependencies,
  caller: OwnAccountCaller,
  encryptedSecret: string,
  lastUsedStep: bigint | null,
  code: string,
): Promise<SecondFactorCode> {
  const typed = code.trim();
  const secret = dependencies.secretBox.tryDecrypt(encryptedSecret);
  const step = secret === undefined ? undefined : matchingTotpStep(secret, typed);
  return countedAsCurrentPasswordAttempt(dependencies.rateLimits, caller.origin, caller.userId, async (failed) => {
    if (step !== undefined && (lastUsedStep === null || BigInt(step) > lastUsedStep)) return { kind: "totp", encryptedSecret, step };
    const backupCode = typed === "" ? undefined : await unusedBackupCode(dependencies.prisma, caller.userId, typed);
    if (backupCode) return { kind: "backupCode", backupCode };
    if (step === undefined) {
      failed();
      await countFailedAttempt(dependencies.prisma, caller.userId);
    }
    throw new InvalidCodeError("second-factor");
  });
}

/** The user's row as locked by `lockOwnAccount`. */
export interface LockedAccount {
  updatedAt: Date;
  totpLastUsedStep: bigint | null;
}

/**
 * Locks the user's row, as every write of the user takes it first (sign-in's, updateUser's), and
 * checks that the session the request came with is still open: a block, a password reset, a
 * sign-out everywhere or a deletion ends the user's sessions while holding that lock, so this sees
 * whether one of them ended the caller's, and then writes nothing.
 */
export async function lockOwnAccount(transaction: Prisma.TransactionClient, caller: OwnAccountCaller): Promise<LockedAccount> {
  const [locked] = await transaction.$queryRaw<LockedAccount[]>`
    SELECT "updatedAt", "totpLastUsedStep" FROM "User" WHERE id = ${caller.userId}::uuid FOR NO KEY UPDATE`;
  // A deleted user's sessions went with them.
  if (!locked || (await transaction.session.count({ where: { tokenHash: hashToken(caller.sessionToken) } })) === 0) throw new SessionEndedError();
  return locked;
}

/**
 * Spends an accepted code under the user's row lock: a TOTP code's step becomes the last one used,
 * while the user still has the secret it was checked against (answered as the change of the user's
 * row that records it, for `writeAccountChange`); a backup code is marked used, while it is unused.
 * A code another request spent meanwhile (the same code sent twice at once), or one of a secret
 * replaced meanwhile, is refused.
 */
export async function spendSecondFactorCode(
  transaction: Prisma.TransactionClient,
  userId: string,
  locked: LockedAccount,
  code: SecondFactorCode,
  now: Date,
): Promise<Prisma.UserUpdateInput> {
  if (code.kind === "totp") {
    const current = await transaction.totpCredential.findUnique({ where: { userId }, select: { encryptedSecret: true } });
    const usedAlready = locked.totpLastUsedStep !== null && BigInt(code.step) <= locked.totpLastUsedStep;
    if (current?.encryptedSecret !== code.encryptedSecret || usedAlready) throw new InvalidCodeError("second-factor");
    return { totpLastUsedStep: code.step };
  }
  const { count } = await transaction.backupCode.updateMany({
    where: { id: code.backupCode.id, userId, usedAt: null },
    data: { usedAt: now, usedCodeSha256: code.backupCode.usedCodeSha256 },
  });
  if (count === 0) throw new InvalidCodeError("second-factor");
  return {};
}

/**
 * Writes the user's row for a change of their second factor: sign-in reads the account again only
 * when a change it waited for wrote that row (see `openSessionStatement`), so every change of what
 * signs in writes it, with its own updatedAt.
 */
export async function writeAccountChange(
  transaction: Prisma.TransactionClient,
  userId: string,
  locked: LockedAccount,
  changes: Prisma.UserUpdateInput = {},
): Promise<void> {
  await transaction.user.update({ where: { id: userId }, data: { ...changes, updatedAt: nextUpdatedAt(locked.updatedAt) }, select: { id: true } });
}

/**
 * Ends the user's sessions but the caller's, when TOTP is turned on or off, as updateUser does for
 * any change of what signs in: from then on every open session was opened, or kept, by someone who
 * passed the account's checks as they are now (someone who had the password alone is signed out
 * once TOTP guards the account).
 */
export async function endOtherSessions(transaction: Prisma.TransactionClient, caller: OwnAccountCaller): Promise<void> {
  await transaction.session.deleteMany({ where: { userId: caller.userId, NOT: { tokenHash: hashToken(caller.sessionToken) } } });
}
