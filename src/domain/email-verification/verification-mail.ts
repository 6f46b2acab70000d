import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import type { NormalizedEmailAddress } from "../users/validation/email-address.ts";
import { newMailedLink, type MailedLinkKind, type QueuedMailedLink } from "../mailed-links.ts";

export const defaultVerificationTokenTimeToLiveMilliseconds = 24 * 60 * 60 * 1000;

const verificationMail: MailedLinkKind = {
  page: "verify-email",
  subject: "Confirm your email address",
  text: (email, link, lifetime) =>
    [
      `Please confirm that ${email} is your email address by opening this link:`,
      "",
      link,
      "",
      `The link works once, within ${lifetime}. If you did not ask for it, ignore this message: nothing changes until the link is opened.`,
      "",
    ].join("\n"),
};

/** What asking to verify an address adds to a write (a sign-up's, a created user's). */
export function newEmailVerification(
  dependencies: Pick<ServiceDependencies, "emailVerification" | "secretBox">,
  address: NormalizedEmailAddress,
  now = new Date(),
): QueuedMailedLink {
  return newMailedLink(verificationMail, dependencies.emailVerification, dependencies.secretBox, address, now);
}

/** A new verification of `address`, the user's, written by `transaction`: the token, and the mail with its link in the outbox. */
export async function writeEmailVerification(
  transaction: Prisma.TransactionClient,
  dependencies: Pick<ServiceDependencies, "emailVerification" | "secretBox">,
  userId: string,
  address: NormalizedEmailAddress,
): Promise<void> {
  const { token, message } = newEmailVerification(dependencies, address);
  await transaction.emailVerificationToken.create({ data: { ...token, userId }, select: { id: true } });
  await transaction.outboxMessage.create({ data: { ...message, userId }, select: { id: true } });
}
