import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import type { NormalizedEmailAddress } from "../users/validation/email-address.ts";
import { newRandomToken } from "../random-tokens.ts";
import { lifetimeInWords, mailedLink } from "../mailed-links.ts";

export const defaultVerificationTokenTimeToLiveMilliseconds = 24 * 60 * 60 * 1000;

/**
 * What asking to verify an address adds to a write: the token, of which only the hash is kept, and
 * the mail carrying the link, whose body is encrypted because the link holds the raw token.
 * Written in the same transaction as whatever caused it (the outbox pattern).
 */
export interface QueuedEmailVerification {
  token: { emailNormalized: string; tokenHash: string; expiresAt: Date };
  message: { recipient: string; subject: string; encryptedBody: string };
}

const subject = "Confirm your email address";

export function newEmailVerification(
  dependencies: Pick<ServiceDependencies, "emailVerification" | "secretBox">,
  address: NormalizedEmailAddress,
  now = new Date(),
): QueuedEmailVerification {
  const settings = dependencies.emailVerification;
  const { token, tokenHash, expiresAt } = newRandomToken(settings.tokenTimeToLiveMilliseconds, now);
  const body = verificationMailText(address.email, mailedLink(settings.publicUrl, "verify-email", token), settings.tokenTimeToLiveMilliseconds);
  return {
    token: { emailNormalized: address.emailNormalized, tokenHash, expiresAt },
    message: { recipient: address.email, subject, encryptedBody: dependencies.secretBox.encrypt(body) },
  };
}

function verificationMailText(email: string, link: string, timeToLiveMilliseconds: number): string {
  return [
    `Please confirm that ${email} is your email address by opening this link:`,
    "",
    link,
    "",
    `The link works once, within ${lifetimeInWords(timeToLiveMilliseconds)}. If you did not ask for it, ignore this message: nothing changes until the link is opened.`,
    "",
  ].join("\n");
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
