import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { lifetimeInWords, mailedLink } from "../mailed-links.ts";
import { newRandomToken } from "../random-tokens.ts";
import type { NormalizedEmailAddress } from "../users/validation/email-address.ts";

// Short: the link sets a password, so whoever reads the mail later (a shared or stolen mailbox)
// should find it dead. An hour is what Auth0 and Clerk give.
export const passwordResetTokenTimeToLiveMilliseconds = 60 * 60 * 1000;

const subject = "Reset your password";

/**
 * A new password reset link for `address`, the user's, written by `transaction`: the token, of
 * which only the hash is kept, and the mail carrying the link in the outbox, its body encrypted
 * because the link holds the raw token.
 */
export async function writePasswordReset(
  transaction: Prisma.TransactionClient,
  dependencies: Pick<ServiceDependencies, "passwordReset" | "secretBox">,
  userId: string,
  address: NormalizedEmailAddress,
): Promise<void> {
  const settings = dependencies.passwordReset;
  const { token, tokenHash, expiresAt } = newRandomToken(settings.tokenTimeToLiveMilliseconds);
  const body = [
    `Someone asked to reset the password of the account with the email address ${address.email}. To choose a new password, open this link:`,
    "",
    mailedLink(settings.publicUrl, "reset-password", token),
    "",
    `The link works once, within ${lifetimeInWords(settings.tokenTimeToLiveMilliseconds)}. If you did not ask for it, ignore this message: your password stays as it is.`,
    "",
  ].join("\n");
  await transaction.passwordResetToken.create({ data: { userId, emailNormalized: address.emailNormalized, tokenHash, expiresAt }, select: { id: true } });
  await transaction.outboxMessage.create({
    data: { userId, recipient: address.email, subject, encryptedBody: dependencies.secretBox.encrypt(body) },
    select: { id: true },
  });
}
