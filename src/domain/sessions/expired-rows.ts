import type { PrismaClient } from "../../generated/prisma/client.ts";

/**
 * Deletes sessions, the tokens of mailed links (email verification, password reset) and TOTP
 * enrollments never confirmed, past their expiry. Nothing reads them any more (an expired session
 * is no one's, an expired link does nothing, an expired enrollment confirms nothing), but every
 * sign-in adds a session, so without this the tables grow for as long as the service runs; and an
 * enrollment holds a sealed TOTP secret, which should not be kept longer than it can be used.
 *
 * By expiresAt alone (indexed): renewal never moves it past the end of a session's maximum
 * lifetime, so a session that reached that end goes too. One that a lowered maximum ended early is
 * refused at once (`resolveSession`) and deleted when its expiresAt passes.
 */
export async function deleteExpiredRows(
  prisma: PrismaClient,
  now = new Date(),
): Promise<{ sessions: number; verificationTokens: number; passwordResetTokens: number; totpEnrollments: number }> {
  const where = { expiresAt: { lt: now } };
  const [sessions, verificationTokens, passwordResetTokens, totpEnrollments] = await Promise.all([
    inBatches((limit) => prisma.session.deleteMany({ where, limit })),
    inBatches((limit) => prisma.emailVerificationToken.deleteMany({ where, limit })),
    inBatches((limit) => prisma.passwordResetToken.deleteMany({ where, limit })),
    inBatches((limit) => prisma.totpEnrollment.deleteMany({ where, limit })),
  ]);
  return { sessions, verificationTokens, passwordResetTokens, totpEnrollments };
}

// Rows per statement. A backlog of months (a service stopped, then started again) deleted in one
// statement could outlast DATABASE_QUERY_TIMEOUT_MS, and fail at every sweep.
const batchSize = 5_000;

async function inBatches(deleteBatch: (limit: number) => Promise<{ count: number }>): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { count } = await deleteBatch(batchSize);
    deleted += count;
    if (count < batchSize) return deleted;
  }
}
