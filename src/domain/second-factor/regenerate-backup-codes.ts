import type { ServiceDependencies } from "../dependencies.ts";
import { SessionEndedError, TotpNotEnabledError } from "../errors.ts";
import type { ReadInUpdate, UpdatedUser } from "../users/update-user.ts";
import { digestBackupCodes, newBackupCodes } from "./backup-codes.ts";
import { lockOwnAccount, writeAccountChange, type OwnAccountCaller } from "../users/own-account-changes.ts";
import { acceptedSecondFactorCode, spendSecondFactorCode } from "./own-second-factor.ts";

/**
 * Replaces every unused backup code of the signed-in user with ten new ones, for a current TOTP
 * code or an unused backup code (spent): the old codes stop working at once, so codes printed and
 * lost, or mostly used up, can be renewed. The new codes are answered once; only their digests are
 * kept. Sessions stay: the secret, and so what signs in, is unchanged.
 */
export async function regenerateBackupCodes<Read = undefined>(
  dependencies: ServiceDependencies,
  caller: OwnAccountCaller,
  code: string,
  readBack?: ReadInUpdate<Read>,
  now = new Date(),
): Promise<UpdatedUser<Read> & { backupCodes: string[] }> {
  const { prisma } = dependencies;
  const { userId } = caller;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { totpLastUsedStep: true, totpCredential: { select: { encryptedSecret: true } } },
  });
  // Deleted since the session was resolved: its sessions went with it.
  if (!user) throw new SessionEndedError();
  if (!user.totpCredential) throw new TotpNotEnabledError();
  const accepted = await acceptedSecondFactorCode(dependencies, caller, user.totpCredential.encryptedSecret, user.totpLastUsedStep, code);
  const backupCodes = newBackupCodes();
  // Hashed before the transaction: ten bcrypt hashes would hold the user's row for half a second.
  const digests = await digestBackupCodes(backupCodes);
  const read = await prisma.$transaction(async (transaction) => {
    const locked = await lockOwnAccount(transaction, caller);
    const spent = await spendSecondFactorCode(transaction, userId, locked, accepted, now);
    // Backup codes need TOTP: an admin may have turned it off meanwhile.
    if ((await transaction.totpCredential.count({ where: { userId } })) === 0) throw new TotpNotEnabledError();
    // Used codes stay, so that no later list can issue one of them again (as updateUser keeps them).
    await transaction.backupCode.deleteMany({ where: { userId, usedAt: null } });
    await transaction.backupCode.createMany({ data: digests.map((digest) => ({ userId, digest })) });
    await writeAccountChange(transaction, userId, locked, spent);
    return readBack?.(transaction, userId);
  });
  return { userId, read, backupCodes };
}
