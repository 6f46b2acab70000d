import type { PrismaClient } from "../../generated/prisma/client.ts";
import { matchingBackupCode, usedCodeSha256 } from "./backup-codes.ts";

/** A backup code that matched the one typed, to be spent by whatever it was typed for, with it or not at all. */
export interface MatchedBackupCode {
  id: string;
  usedCodeSha256: string;
}

/**
 * The user's unused backup code that `code` is, if any; whoever asked spends it (a sign-in, with the
 * statement that opens the session). A code this user has used before is none, even when it was
 * issued again as a digest of its own (with another salt: updateUser cannot tell such a digest from
 * a new code's). Used codes are known by their SHA-256, or, used before that was kept, compared with
 * bcrypt: only once a code has matched, so a wrong code costs nothing more.
 */
export async function unusedBackupCode(prisma: PrismaClient, userId: string, code: string): Promise<MatchedBackupCode | undefined> {
  const unused = await prisma.backupCode.findMany({ where: { userId, usedAt: null }, select: { id: true, digest: true } });
  const match = await matchingBackupCode(code, unused);
  if (!match) return undefined;
  const sha256 = usedCodeSha256(code);
  const used = await prisma.backupCode.findMany({
    where: { userId, usedAt: { not: null }, OR: [{ usedCodeSha256: sha256 }, { usedCodeSha256: null }] },
    select: { digest: true, usedCodeSha256: true },
  });
  const usedBefore = used.some((row) => row.usedCodeSha256 === sha256) || (await matchingBackupCode(code, used)) !== undefined;
  return usedBefore ? undefined : { id: match.id, usedCodeSha256: sha256 };
}
