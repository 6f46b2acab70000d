import type { PrismaClient } from "../../generated/prisma/client.ts";
import { InvalidTokenError } from "../errors.ts";
import { hashToken } from "../random-tokens.ts";

// Tokens we issue are 43 characters; anything much longer is not one of ours, and is not hashed.
const maximumTokenLength = 512;

/**
 * Uses a verification token: marks the address it was issued for verified and returns it and its user.
 * The token is consumed by a conditional update (`usedAt IS NULL`), so of two concurrent uses
 * exactly one succeeds. Unknown, expired and used tokens are one error, so none can be told apart.
 *
 * Rows are locked address first, then tokens, the order in which deleting the user takes them:
 * two links to one address used at once, or a use beside the user's deletion, wait for each other
 * instead of deadlocking.
 */
export async function verifyEmail(prisma: PrismaClient, token: string, now = new Date()): Promise<{ userId: string; email: string }> {
  if (token.length === 0 || token.length > maximumTokenLength) throw new InvalidTokenError();
  const tokenHash = hashToken(token);
  return prisma.$transaction(async (transaction) => {
    const issued = await transaction.emailVerificationToken.findUnique({
      where: { tokenHash },
      select: { userId: true, emailNormalized: true },
    });
    if (!issued) throw new InvalidTokenError();
    const address = { userId: issued.userId, emailNormalized: issued.emailNormalized };
    const verifyAddress = async () =>
      (await transaction.emailAddress.updateManyAndReturn({ where: address, data: { verified: true }, select: { email: true } }))[0];
    // An update that waited for a replacement of the user's addresses (deleted and inserted again by
    // updateUser) skips the deleted row and cannot see the new one; a second statement
    // sees it. If the user has lost the address since the token was issued, it verifies nothing.
    const verified = (await verifyAddress()) ?? (await verifyAddress());
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
  });
}
