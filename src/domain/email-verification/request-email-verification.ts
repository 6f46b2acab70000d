import type { ServiceDependencies } from "../dependencies.ts";
import { NotFoundError, NothingToVerifyError } from "../errors.ts";
import { isUserId } from "../users/user-id.ts";
import type { NormalizedEmailAddress } from "../users/validation/email-address.ts";
import { newEmailVerification } from "./verification-mail.ts";

/**
 * Sends a new verification link to a user's primary email address when it is not verified yet:
 * the token and the mail are written in one transaction, then the outbox sends the mail. Earlier
 * links stay valid until they expire or one of them is used. Each address gets a limited number of
 * mails per window (SPEC section 9), so no one can flood an inbox through us.
 *
 * The user and the address are read locked, in the order deleting the user takes them: a user
 * deleted meanwhile is NotFoundError rather than a token that cannot be written, and an address
 * replaced meanwhile gets no mail.
 */
export async function requestEmailVerification(dependencies: ServiceDependencies, userId: string): Promise<{ email: string }> {
  const { prisma } = dependencies;
  if (!isUserId(userId)) throw new NotFoundError("user");
  const address = await prisma.$transaction(async (transaction) => {
    const users = await transaction.$queryRaw<unknown[]>`SELECT 1 FROM "User" WHERE id = ${userId}::uuid FOR KEY SHARE`;
    if (users.length === 0) throw new NotFoundError("user");
    const [primary] = await transaction.$queryRaw<Array<NormalizedEmailAddress & { verified: boolean }>>`
      SELECT email, "emailNormalized", verified FROM "EmailAddress" WHERE "userId" = ${userId}::uuid AND "primary" FOR SHARE`;
    if (!primary) throw new NothingToVerifyError("no-email");
    if (primary.verified) throw new NothingToVerifyError("already-verified");
    await dependencies.rateLimits.consume("verificationMailsPerAddress", primary.emailNormalized);
    const { token, message } = newEmailVerification(dependencies, primary);
    await transaction.emailVerificationToken.create({ data: { ...token, userId }, select: { id: true } });
    await transaction.outboxMessage.create({ data: { ...message, userId }, select: { id: true } });
    return primary;
  });
  dependencies.mailQueued();
  return { email: address.email };
}
