import type { ServiceDependencies } from "../dependencies.ts";
import { SessionEndedError, TotpNotEnabledError } from "../errors.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import type { ReadInUpdate, UpdatedUser } from "../users/update-user.ts";
import { checkOwnPassword, lockOwnAccount, writeAccountChange, type OwnAccountCaller } from "../users/own-account-changes.ts";
import { acceptedSecondFactorCode, endOtherSessions, spendSecondFactorCode } from "./own-second-factor.ts";

export interface DisableTotpInput {
  currentPassword?: string | null;
  /** A current TOTP code or an unused backup code. */
  code: string;
}

/**
 * Turns the signed-in user's TOTP off. It takes both what signs in: the current password (when the
 * user has one) and a code of the second factor, so that neither a stolen session nor a stolen
 * password with it can take the second factor away. The unused backup codes go with the secret
 * (they stand in for its codes), and the user's other sessions end.
 */
export async function disableTotp<Read = undefined>(
  dependencies: ServiceDependencies,
  caller: OwnAccountCaller,
  { currentPassword, code }: DisableTotpInput,
  readBack?: ReadInUpdate<Read>,
  now = new Date(),
): Promise<UpdatedUser<Read>> {
  const { prisma } = dependencies;
  const { userId } = caller;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      totpLastUsedStep: true,
      passwordCredential: { select: { algorithm: true, digest: true } },
      totpCredential: { select: { encryptedSecret: true } },
    },
  });
  // Deleted since the session was resolved: its sessions went with it.
  if (!user) throw new SessionEndedError();
  if (!user.totpCredential) throw new TotpNotEnabledError();
  await checkOwnPassword(dependencies, caller, currentPassword, user.passwordCredential as StoredDigest | null, "turn TOTP off");
  const accepted = await acceptedSecondFactorCode(dependencies, caller, user.totpCredential.encryptedSecret, user.totpLastUsedStep, code);
  const read = await prisma.$transaction(async (transaction) => {
    const locked = await lockOwnAccount(transaction, caller);
    // Spent even though the codes go: a code that turned TOTP off is not accepted again should the
    // same secret or code come back.
    const spent = await spendSecondFactorCode(transaction, userId, locked, accepted, now);
    const { count } = await transaction.totpCredential.deleteMany({ where: { userId } });
    if (count === 0) throw new TotpNotEnabledError();
    // Used codes stay, so that no later list can issue one of them again (as updateUser keeps them).
    await transaction.backupCode.deleteMany({ where: { userId, usedAt: null } });
    await writeAccountChange(transaction, userId, locked, spent);
    await endOtherSessions(transaction, caller);
    return readBack?.(transaction, userId);
  });
  return { userId, read };
}
