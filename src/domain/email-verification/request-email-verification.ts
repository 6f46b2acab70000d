import type { ServiceDependencies } from "../dependencies.ts";
import { NotFoundError, NothingToVerifyError } from "../errors.ts";
import { canonicalUserId } from "../users/user-id.ts";
import type { NormalizedEmailAddress } from "../users/validation/email-address.ts";
import { writeEmailVerification } from "./verification-mail.ts";

type PrimaryAddress = NormalizedEmailAddress & { verified: boolean };

/**
 * Sends a new verification link to a user's primary email address when it is not verified yet:
 * the token and the mail are written in one transaction, then the outbox sends the mail. Earlier
 * links stay valid until they expire or one of them is used. Each address gets a limited number of
 * mails per window (SPEC section 9), so no one can flood an inbox through us.
 *
 * The mail is counted before the transaction, not inside it: a slow rate-limit store must not keep
 * rows locked until the transaction's time limit ends it. The transaction then reads the user and
 * the address locked, in the order deleting the user takes them: a user deleted meanwhile is
 * NotFoundError rather than a token that cannot be written, and an address replaced meanwhile gets
 * no mail (its replacement is counted and mailed in a new round).
 */
export async function requestEmailVerification(dependencies: ServiceDependencies, id: string): Promise<{ email: string }> {
  const { prisma } = dependencies;
  const userId = canonicalUserId(id);
  if (userId === undefined) throw new NotFoundError("user");
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { emailAddresses: { where: { primary: true }, select: { email: true, emailNormalized: true, verified: true } } },
  });
  const counted = addressToVerify(user !== null, user?.emailAddresses[0]);
  const countedMail = await dependencies.rateLimits.consume("verificationMailsPerAddress", counted.emailNormalized);
  let mailed: PrimaryAddress | undefined;
  try {
    mailed = await prisma.$transaction(async (transaction) => {
      const users = await transaction.$queryRaw<unknown[]>`SELECT 1 FROM "User" WHERE id = ${userId}::uuid FOR KEY SHARE`;
      const lockPrimary = async () =>
        (
          await transaction.$queryRaw<PrimaryAddress[]>`
            SELECT email, "emailNormalized", verified FROM "EmailAddress" WHERE "userId" = ${userId}::uuid AND "primary" FOR SHARE`
        )[0];
      // One that waited for updateUser's replacement of the addresses skips the deleted row and
      // cannot see the new one; a second statement sees it.
      const primary = (await lockPrimary()) ?? (await lockPrimary());
      const address = addressToVerify(users.length > 0, primary);
      if (address.emailNormalized !== counted.emailNormalized) return undefined;
      await writeEmailVerification(transaction, dependencies, userId, address);
      return address;
    });
  } finally {
    if (!mailed) await dependencies.rateLimits.refund(countedMail);
  }
  if (!mailed) return requestEmailVerification(dependencies, userId);
  dependencies.mailQueued();
  return { email: mailed.email };
}

function addressToVerify(userExists: boolean, primary: PrimaryAddress | undefined): PrimaryAddress {
  if (!userExists) throw new NotFoundError("user");
  if (!primary) throw new NothingToVerifyError("no-email");
  if (primary.verified) throw new NothingToVerifyError("already-verified");
  return primary;
}
