import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { NotFoundError, NothingToVerifyError } from "../errors.ts";
import type { CountedUse } from "../rate-limits/rate-limits.ts";
import { canonicalUserId } from "../users/user-id.ts";
import type { NormalizedEmailAddress } from "../users/validation/email-address.ts";
import { writeEmailVerification } from "./verification-mail.ts";

type PrimaryAddress = NormalizedEmailAddress & { verified: boolean };

/**
 * Rounds a request takes at most. Each but the last ends without mail when an update replaced the
 * primary address between its count and its transaction; the last one counts under the lock.
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
 * again, counting that one. The last round, reached only while the primary address keeps
 * changing, counts it under the lock instead (only then does a slow store keep the user's row
 * shared for as long), so the request always ends with a mail or a typed error.
 */
export async function requestEmailVerification(dependencies: ServiceDependencies, id: string): Promise<{ email: string }> {
  const userId = canonicalUserId(id);
  if (userId === undefined) throw new NotFoundError("user");
  for (let round = 1; ; round++) {
    const countedBefore = round < maximumRounds ? await countPrimaryAddress(dependencies, userId) : undefined;
    const mailed = await mailPrimaryAddress(dependencies, userId, countedBefore);
    if (mailed) {
      dependencies.mailQueued();
      return { email: mailed.email };
    }
  }
}

/** Counts a mail to the user's primary address, read unlocked (the use's key is that address). */
async function countPrimaryAddress(dependencies: ServiceDependencies, userId: string): Promise<CountedUse> {
  const user = await dependencies.prisma.user.findUnique({
    where: { id: userId },
    select: { emailAddresses: { where: { primary: true }, select: { email: true, emailNormalized: true, verified: true } } },
  });
  const address = addressToVerify(user !== null, user?.emailAddresses[0]);
  return dependencies.rateLimits.consume("verificationMailsPerAddress", address.emailNormalized);
}

/**
 * One round: mails the user's primary address, as read once their row is locked. With
 * `countedBefore`, only if it is still the address counted, answering undefined otherwise; without,
 * counting it under the lock (RateLimitedError when its mails are used up). A count for an address
 * that is not mailed is given back.
 */
async function mailPrimaryAddress(dependencies: ServiceDependencies, userId: string, countedBefore: CountedUse | undefined): Promise<PrimaryAddress | undefined> {
  const { prisma, rateLimits } = dependencies;
  let counted = countedBefore;
  let mailed: PrimaryAddress | undefined;
  try {
    mailed = await prisma.$transaction(async (transaction) => {
      const address = await lockedAddressToVerify(transaction, userId);
      if (countedBefore === undefined) counted = await rateLimits.consume("verificationMailsPerAddress", address.emailNormalized);
      else if (address.emailNormalized !== countedBefore.key) return undefined;
      await writeEmailVerification(transaction, dependencies, userId, address);
      return address;
    });
  } finally {
    if (!mailed && counted) await rateLimits.refund(counted);
  }
  return mailed;
}

/**
 * The user's primary address, read once their row is locked FOR SHARE: updateUser takes that row
 * before it replaces the addresses, and deleting the user before it deletes them, so none of that
 * is in flight while the lock is held, and a statement begun after it sees the addresses as the
 * last change committed them. The address is locked too, so that a link used meanwhile is seen as
 * verified. A user deleted meanwhile is NotFoundError rather than a token that cannot be written.
 */
async function lockedAddressToVerify(transaction: Prisma.TransactionClient, userId: string): Promise<PrimaryAddress> {
  const users = await transaction.$queryRaw<unknown[]>`SELECT 1 FROM "User" WHERE id = ${userId}::uuid FOR SHARE`;
  const [primary] = await transaction.$queryRaw<PrimaryAddress[]>`
    SELECT email, "emailNormalized", verified FROM "EmailAddress" WHERE "userId" = ${userId}::uuid AND "primary" FOR SHARE`;
  return addressToVerify(users.length > 0, primary);
}

function addressToVerify(userExists: boolean, primary: PrimaryAddress | undefined): PrimaryAddress {
  if (!userExists) throw new NotFoundError("user");
  if (!primary) throw new NothingToVerifyError("no-email");
  if (primary.verified) throw new NothingToVerifyError("already-verified");
  return primary;
}
