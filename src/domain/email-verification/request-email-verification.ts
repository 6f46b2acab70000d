import type { ServiceDependencies } from "../dependencies.ts";
import { NotFoundError, NothingToVerifyError } from "../errors.ts";
import { canonicalUserId } from "../users/user-id.ts";
import type { NormalizedEmailAddress } from "../users/validation/email-address.ts";
import { writeEmailVerification } from "./verification-mail.ts";

type PrimaryAddress = NormalizedEmailAddress & { verified: boolean };

/**
 * A round ends without mail only when an update replaced the primary address between its count and
 * its locked read; a request that meets that in every round gives up rather than run on.
 */
const maximumRounds = 3;

/**
 * Sends a new verification link to a user's primary email address when it is not verified yet:
 * the token and the mail are written in one transaction, then the outbox sends the mail. Earlier
 * links stay valid until they expire or one of them is used. Each address gets a limited number of
 * mails per window (SPEC section 9), so no one can flood an inbox through us.
 *
 * The mail is counted before the transaction, not inside it: a slow rate-limit store must not keep
 * rows locked until the transaction's time limit ends it. So the address counted is read unlocked,
 * and a round whose transaction finds another primary address gives its count back and starts
 * again, counting that one.
 */
export async function requestEmailVerification(dependencies: ServiceDependencies, id: string): Promise<{ email: string }> {
  const userId = canonicalUserId(id);
  if (userId === undefined) throw new NotFoundError("user");
  for (let round = 1; round <= maximumRounds; round++) {
    const mailed = await mailCountedAddress(dependencies, userId);
    if (mailed) {
      dependencies.mailQueued();
      return { email: mailed.email };
    }
  }
  throw new Error(`requestEmailVerification: the primary email address of user ${userId} changed during each of ${maximumRounds} rounds`);
}

/**
 * One round: counts the user's primary address and mails it if it is still their primary address
 * once locked. The transaction reads the user and the address locked, in the order deleting the
 * user takes them: a user deleted meanwhile is NotFoundError rather than a token that cannot be
 * written. Answers undefined, the count given back, when the address was replaced meanwhile.
 */
async function mailCountedAddress(dependencies: ServiceDependencies, userId: string): Promise<PrimaryAddress | undefined> {
  const { prisma } = dependencies;
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
  return mailed;
}

function addressToVerify(userExists: boolean, primary: PrimaryAddress | undefined): PrimaryAddress {
  if (!userExists) throw new NotFoundError("user");
  if (!primary) throw new NothingToVerifyError("no-email");
  if (primary.verified) throw new NothingToVerifyError("already-verified");
  return primary;
}
