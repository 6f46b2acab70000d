import type { ServiceDependencies } from "../dependencies.ts";
import { InvalidCredentialsError } from "../errors.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import { verifyPassword } from "../passwords/verify-password.ts";
import type { RequestOrigin } from "../rate-limits/rate-limits.ts";
import { countFailedAttempt } from "./sign-in.ts";
import { countedAsCurrentPasswordAttempt } from "./sign-in-limits.ts";

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
  await countedAsCurrentPasswordAttempt(dependencies.rateLimits, origin, userId, async (failed) => {
    if (await verifyPassword(given, stored)) return;
    failed();
    await countFailedAttempt(dependencies.prisma, userId);
    throw new InvalidCredentialsError();
  });
}
