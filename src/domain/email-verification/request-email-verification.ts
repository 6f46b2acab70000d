import type { ServiceDependencies } from "../dependencies.ts";
import { NotFoundError, NothingToVerifyError } from "../errors.ts";
import { isUserId } from "../users/user-id.ts";
import { newEmailVerification } from "./verification-mail.ts";

/**
 * Sends a new verification link to a user's primary email address when it is not verified yet:
 * the token and the mail are written in one transaction, then the outbox sends the mail. Earlier
 * links stay valid until they expire or one of them is used. Each address gets a limited number of
 * mails per window (SPEC section 9), so no one can flood an inbox through us.
 */
export async function requestEmailVerification(dependencies: ServiceDependencies, userId: string): Promise<{ email: string }> {
  const { prisma } = dependencies;
  if (!isUserId(userId)) throw new NotFoundError("user");
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { emailAddresses: { where: { primary: true }, select: { email: true, emailNormalized: true, verified: true } } },
  });
  if (!user) throw new NotFoundError("user");
  const address = user.emailAddresses[0];
  if (!address) throw new NothingToVerifyError("no-email");
  if (address.verified) throw new NothingToVerifyError("already-verified");
  await dependencies.rateLimits.consume("verificationMailsPerAddress", address.emailNormalized);
  const { token, message } = newEmailVerification(dependencies, address);
  await prisma.$transaction([
    prisma.emailVerificationToken.create({ data: { ...token, userId }, select: { id: true } }),
    prisma.outboxMessage.create({ data: { ...message, userId }, select: { id: true } }),
  ]);
  dependencies.mailQueued();
  return { email: address.email };
}
