import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { newMailedLink, type MailedLinkKind } from "../mailed-links.ts";
import type { NormalizedEmailAddress } from "../users/validation/email-address.ts";

// Short: the link sets a password, so whoever reads the mail later (a shared or stolen mailbox)
// should find it dead. An hour is what Auth0 and Clerk give.
export const passwordResetTokenTimeToLiveMilliseconds = 60 * 60 * 1000;

const passwordResetMail: MailedLinkKind = {
  page: "reset-password",
  subject: "Reset your password",
  text: (email, link, lifetime) =>
    [
      `Someone asked to reset the password of the account with the email address ${email}. To choose a new password, open this link:`,
      "",
      link,
      "",
      `The link works once, within ${lifetime}. If you did not ask for it, ignore this message: your password stays as it is.`,
      "",
    ].join("\n"),
};

/** A new password reset link for `address`, the user's, written by `transaction`: the token, and the mail with its link in the outbox. */
export async function writePasswordReset(
  transaction: Prisma.TransactionClient,
  dependencies: Pick<ServiceDependencies, "passwordReset" | "secretBox">,
  userId: string,
  address: NormalizedEmailAddress,
): Promise<void> {
  const { token, message } = newMailedLink(passwordResetMail, dependencies.passwordReset, dependencies.secretBox, address);
  await transaction.passwordResetToken.create({ data: { ...token, userId }, select: { id: true } });
  await transaction.outboxMessage.create({ data: { ...message, userId }, select: { id: true } });
}
