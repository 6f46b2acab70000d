import type { ServiceDependencies } from "../dependencies.ts";
import { InvalidCredentialsError } from "../errors.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import { verifyPassword } from "../passwords/verify-password.ts";
import type { RequestOrigin } from "../rate-limits/rate-limits.ts";
import { countFailedAttempt } from "./sign-in.ts";
import { beginSignInAttempt } from "./sign-in-limits.ts";

/**
 * Checks the current password of a signed-in user who changes or removes it. A wrong one counts
 * like a failed sign-in (the same rate limits, keyed by the account, and `loginAttempts`): a
 * stolen session must not be a way to guess the password without end.
 */
export async function checkCurrentPassword(
  dependencies: ServiceDependencies,
  userId: string,
  origin: RequestOrigin,
  given: string,
  stored: StoredDigest,
): Promise<void> {
  const attempt = await beginSignInAttempt(dependencies.rateLimits, origin, `user:${userId}`);
  let succeeded = false;
  try {
    if (!(await verifyPassword(given, stored))) {
      attempt.failed();
      await countFailedAttempt(dependencies.prisma, userId);
      throw new InvalidCredentialsError();
    }
    succeeded = true;
  } finally {
    await attempt.settle(succeeded ? "succeeded" : "other");
  }
}
