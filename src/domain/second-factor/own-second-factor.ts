import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { InvalidCodeError } from "../errors.ts";
import { hashToken } from "../random-tokens.ts";
import { countFailedAttempt } from "../sessions/sign-in.ts";
import { countedAsCurrentPasswordAttempt } from "../sessions/sign-in-limits.ts";
import type { LockedAccount, OwnAccountCaller } from "../users/own-account-changes.ts";
import { matchingTotpStep } from "./totp.ts";
import { unusedBackupCode, type MatchedBackupCode } from "./unused-backup-code.ts";

// What the signed-in user's own changes of their second factor share beside those of their account
// (own-account-changes.ts): proving who they are again with a code of the second factor they have,
// and spending it.

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
 * Ends the user's sessions but the caller's, when TOTP is turned on or off, as updateUser does for
 * any change of what signs in: from then on every open session was opened, or kept, by someone who
 * passed the account's checks as they are now (someone who had the password alone is signed out
 * once TOTP guards the account).
 */
export async function endOtherSessions(transaction: Prisma.TransactionClient, caller: OwnAccountCaller): Promise<void> {
  await transaction.session.deleteMany({ where: { userId: caller.userId, NOT: { tokenHash: hashToken(caller.sessionToken) } } });
}
