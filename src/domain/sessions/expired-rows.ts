import type { PrismaClient } from "../../generated/prisma/client.ts";

/**
 * Deletes sessions and email verification tokens past their expiry. Nothing reads them any more
 * (an expired session is no one's, an expired link verifies nothing), but every sign-in adds a
 * session, so without this the tables grow for as long as the service runs.
 *
 * By expiresAt alone (indexed): renewal never moves it past the end of a session's maximum
 * lifetime, so a session that reached that end goes too. One that a lowered maximum ended early is
 * refused at once (`resolveSession`) and deleted when its expiresAt passes.
 */
export async function deleteExpiredRows(prisma: PrismaClient, now = new Date()): Promise<{ sessions: number; verificationTokens: number }> {
  const [sessions, verificationTokens] = await Promise.all([
    prisma.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.emailVerificationToken.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
  return { sessions: sessions.count, verificationTokens: verificationTokens.count };
}
