import { z } from "zod";
import { retryingDeadlocks } from "../../db/errors.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { InvalidTokenError } from "../errors.ts";
import { hashNewPassword } from "../passwords/password-hashing.ts";
import { hashToken, maximumTokenLength } from "../random-tokens.ts";
import { clearSignInFailures } from "../sessions/sign-in-limits.ts";
import { checkNewPasswordPolicy, passwordPolicySubjectSelection } from "../users/new-password-policy.ts";
import { nextUpdatedAt } from "../users/updated-at.ts";
import { validateInput } from "../users/validate-input.ts";
import { password as newPassword } from "../users/validation/password.ts";

const resetInput = z.object({ password: newPassword });

const invalidLink = () => new InvalidTokenError("password reset link");

/**
 * Uses a password reset token: sets the new password (argon2id, the policy applied), marks the
 * address the link was mailed to verified (the link proved control of it), and ends every session
 * of the user, wherever it was opened: whoever asked for the link may have lost the password to
 * someone else. It does not sign in: the user signs in with the new password, and their second
 * factor when they have one, so a mailbox alone never opens an account with TOTP. The sign-in
 * failures counted against the account and its identifiers are forgotten (`loginAttempts` too), so
 * that guesses made by someone else do not keep the owner out with the new password.
 *
 * The token is consumed by a conditional update (`usedAt IS NULL`) in a transaction that holds the
 * user's row, as every write of the user takes it first: of two uses of one link exactly one sets a
 * password. Every other link of the user dies with it. Unknown, expired and used tokens, and
 * tokens of an address the user no longer has or of a user blocked since, are one error.
 */
export async function resetPassword(dependencies: ServiceDependencies, token: string, password: string, now = new Date()): Promise<{ userId: string; email: string }> {
  if (token.length === 0 || token.length > maximumTokenLength) throw invalidLink();
  const { prisma } = dependencies;
  const tokenHash = hashToken(token);
  const issued = await prisma.passwordResetToken.findUnique({ where: { tokenHash }, select: { userId: true, expiresAt: true, usedAt: true } });
  if (!issued || issued.usedAt !== null || issued.expiresAt <= now) throw invalidLink();
  validateInput(resetInput, { password }, () => []);
  // Judged against the user as stored now: a rename committed before the write is not seen, as with updateUser.
  const user = await prisma.user.findUnique({
    where: { id: issued.userId },
    select: { ...passwordPolicySubjectSelection, phoneNumbers: { select: { phoneNumber: true } } },
  });
  if (!user) throw invalidLink();
  checkNewPasswordPolicy(dependencies, password, user);
  const digest = await hashNewPassword(password, { function: "ARGON2" }, dependencies.passwords.argon2);
  // The sweeper deletes expired links in batches without the user's row: a batch and this use can
  // lock the same links in opposite orders. The deadlock is retried.
  const reset = await retryingDeadlocks(() =>
    prisma.$transaction(async (transaction) => {
      const [locked] = await transaction.$queryRaw<Array<{ updatedAt: Date }>>`
        SELECT "updatedAt" FROM "User" WHERE id = ${issued.userId}::uuid AND NOT blocked FOR NO KEY UPDATE`;
      if (!locked) throw invalidLink();
      const [consumed] = await transaction.passwordResetToken.updateManyAndReturn({
        where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
        select: { emailNormalized: true },
      });
      if (!consumed) throw invalidLink();
      const [address] = await transaction.emailAddress.updateManyAndReturn({
        where: { userId: issued.userId, emailNormalized: consumed.emailNormalized },
        data: { verified: true },
        select: { email: true },
      });
      // Throwing rolls the use back: the user no longer has the address the link was mailed to.
      if (!address) throw invalidLink();
      await transaction.passwordCredential.upsert({ where: { userId: issued.userId }, create: { userId: issued.userId, ...digest }, update: digest });
      // Written, as every change of the account writes the user's row (sign-in relies on it).
      await transaction.user.update({
        where: { id: issued.userId },
        data: { updatedAt: nextUpdatedAt(locked.updatedAt), loginAttempts: 0 },
        select: { id: true },
      });
      await transaction.session.deleteMany({ where: { userId: issued.userId } });
      await transaction.passwordResetToken.deleteMany({ where: { userId: issued.userId, usedAt: null } });
      return { userId: issued.userId, email: address.email };
    }),
  );
  const identifiers = [...user.emailAddresses.map((stored) => stored.email), ...user.phoneNumbers.map((stored) => stored.phoneNumber), ...(user.username ? [user.username] : [])];
  await clearSignInFailures(dependencies.rateLimits, issued.userId, identifiers);
  return reset;
}
