import { retryingDeadlocks } from "../../db/errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { InvalidTokenError } from "../errors.ts";
import { hashToken, maximumTokenLength } from "../random-tokens.ts";

/**
 * Uses a verification token: marks the address it was issued for verified and returns it and its user.
 * The token is consumed by a conditional update (`usedAt IS NULL`), so of two concurrent uses
 * exactly one succeeds. Unknown, expired and used tokens are one error, so none can be told apart.
 *
 * The user's row is locked first, FOR SHARE. Whatever replaces or removes the user's addresses takes
 * that row first, in a mode this one conflicts with (updateUser, which deletes them and inserts
 * them again; deleting the user): while it is held no replacement is in flight, and the
 * statements after it, each with a snapshot of its own, see the addresses as the last one left
 * them. The address, then the tokens, are locked after it, in the order deleting the user takes
 * them, and whatever else locks the user's rows (sign-in, requestEmailVerification) takes that row
 * first too: two links used at once share it and queue for the address, and nothing waits for
 * another while holding what that one waits for.
 */
export async function verifyEmail(prisma: PrismaClient, token: string, now = new Date()): Promise<{ userId: string; email: string }> {
  if (token.length === 0 || token.length > maximumTokenLength) throw new InvalidTokenError();
  const tokenHash = hashToken(token);
  // The sweeper deletes expired links in batches without the user's row: a batch and the links
  // this marks used can lock one address's links in opposite orders. The deadlock is retried.
  return retryingDeadlocks(() =>
    prisma.$transaction(async (transaction) => {
      const issued = await transaction.emailVerificationToken.findUnique({
        where: { tokenHash },
        select: { userId: true, emailNormalized: true },
      });
      if (!issued) throw new InvalidTokenError();
      // Deleted since the token was read (its tokens went with it).
      const users = await transaction.$queryRaw<unknown[]>`SELECT 1 FROM "User" WHERE id = ${issued.userId}::uuid FOR SHARE`;
      if (users.length === 0) throw new InvalidTokenError();
      const address = { userId: issued.userId, emailNormalized: issued.emailNormalized };
      const [verified] = await transaction.emailAddress.updateManyAndReturn({ where: address, data: { verified: true }, select: { email: true } });
      // The user no longer has the address the token was issued for.
      if (!verified) throw new InvalidTokenError();
      // Throwing rolls the verification back: the token was used, or expired, meanwhile.
      const { count: consumed } = await transaction.emailVerificationToken.updateMany({
        where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (consumed === 0) throw new InvalidTokenError();
      // Other links sent to the same address have nothing left to do.
      await transaction.emailVerificationToken.updateMany({ where: { ...address, usedAt: null }, data: { usedAt: now } });
      return { userId: issued.userId, email: verified.email };
    }),
  );
}
