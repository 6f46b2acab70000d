import { z } from "zod";
import type { ServiceDependencies } from "../dependencies.ts";
import { untilElapsed } from "../elapsed-time.ts";
import type { RequestOrigin } from "../rate-limits/rate-limits.ts";
import { validateInput } from "../users/validate-input.ts";
import { emailAddress } from "../users/validation/email-address.ts";
import { writePasswordReset } from "./password-reset-mail.ts";

const requestInput = z.object({ email: emailAddress });

/**
 * Mails a password reset link to `email` when it is an address of a user who is not blocked (any of
 * their addresses, verified or not: an imported user's address often is not, and the link proves
 * control of the mailbox). The answer is the same whether a mail was sent or not, so that it tells
 * no one which addresses have accounts, and so is counting: every request counts against its
 * client and against the address, whoever owns it. A request refused by either sends nothing, and
 * one the address's limit refuses is given back to its client. Nor does the time it takes: writing a
 * link takes longer than finding no account (twice as long, measured here), so every request that
 * passed its limits is answered no sooner than `passwordResetRequestMinimumMilliseconds` after it
 * began.
 *
 * The token and the mail are written in one transaction, after the owner's row is locked FOR
 * SHARE: updateUser takes that row before it replaces the addresses or blocks the user, so the
 * address, read again once the lock is held, is still the owner's, and the owner is not blocked.
 */
export async function requestPasswordReset(dependencies: ServiceDependencies, email: string, origin: RequestOrigin): Promise<{ email: string }> {
  const startedAt = performance.now();
  const { email: address } = validateInput(requestInput, { email }, () => []);
  const { prisma, rateLimits } = dependencies;
  const countedClient = await rateLimits.consume("passwordResetRequestsPerClientAddress", origin.clientAddress);
  try {
    await rateLimits.consume("passwordResetMailsPerAddress", address.emailNormalized);
  } catch (error) {
    await rateLimits.refund(countedClient);
    throw error;
  }
  const mailed = await prisma.$transaction(async (transaction) => {
    const owner = await transaction.emailAddress.findUnique({ where: { emailNormalized: address.emailNormalized }, select: { userId: true } });
    if (!owner) return false;
    const unblocked = await transaction.$queryRaw<unknown[]>`SELECT 1 FROM "User" WHERE id = ${owner.userId}::uuid AND NOT blocked FOR SHARE`;
    if (unblocked.length === 0) return false;
    // A statement of its own, whose snapshot is taken once the lock is held: an update that
    // removed the address (or gave it to another user) and committed meanwhile is seen.
    const stored = await transaction.emailAddress.findFirst({
      where: { userId: owner.userId, emailNormalized: address.emailNormalized },
      select: { email: true, emailNormalized: true },
    });
    if (!stored) return false;
    await writePasswordReset(transaction, dependencies, owner.userId, stored);
    return true;
  });
  if (mailed) dependencies.mailQueued();
  await untilElapsed(startedAt, dependencies.passwordResetRequestMinimumMilliseconds);
  return { email: address.email };
}
