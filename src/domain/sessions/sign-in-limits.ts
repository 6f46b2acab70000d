import { RateLimitedError, type RateLimits, type RequestOrigin } from "../rate-limits/rate-limits.ts";
import { normalizeEmailAddress } from "../users/validation/email-address.ts";
import { toE164 } from "../users/validation/phone-number.ts";
import { usernameKey } from "../users/validation/username.ts";

/**
 * The account a sign-in identifier names, as a rate-limit key: the same normalisation as the
 * lookup (`identifierConditions`), so "Ada@Example.com" and "ada@example.com", or two spellings
 * of one phone number, share one counter.
 */
export function signInLimitKey(identifier: string): string {
  const trimmed = identifier.trim();
  if (trimmed.includes("@")) return normalizeEmailAddress(trimmed).emailNormalized;
  return toE164(trimmed) ?? usernameKey(trimmed);
}

/**
 * Runs `attempt` counted as a sign-in attempt of `identifier` (see `beginSignInAttempt`): it calls
 * `failed` for a wrong password or second factor, which stays counted; any other ending gives the
 * counts back, and success clears the identifier's.
 */
export async function countedAsSignInAttempt<Result>(
  rateLimits: RateLimits,
  origin: RequestOrigin,
  identifier: string,
  attempt: (failed: () => void) => Promise<Result>,
): Promise<Result> {
  const counted = await beginSignInAttempt(rateLimits, origin, identifier);
  let succeeded = false;
  try {
    const result = await attempt(counted.failed);
    succeeded = true;
    return result;
  } finally {
    await counted.settle(succeeded ? "succeeded" : "other");
  }
}

interface SignInAttempt {
  /** The attempt failed (wrong password or second factor): it stays counted. */
  failed(): void;
  /** The attempt ended without a failure: its counts are given back, the identifier's are cleared on success. */
  settle(outcome: "succeeded" | "other"): Promise<void>;
}

/**
 * Counts a sign-in attempt before the password is verified (also for unknown identifiers, so both
 * take the same path), against the identifier and the client address (SPEC section 9: failures
 * per identifier stop guessing one account, failures per address stop credential stuffing).
 * Counting first and giving back afterwards keeps concurrent guesses from slipping past the limit.
 */
async function beginSignInAttempt(rateLimits: RateLimits, origin: RequestOrigin, identifier: string): Promise<SignInAttempt> {
  const identifierKey = signInLimitKey(identifier);
  await rateLimits.consume("signInFailuresPerIdentifier", identifierKey);
  try {
    await rateLimits.consume("signInFailuresPerClientAddress", origin.clientAddress);
  } catch (error) {
    if (error instanceof RateLimitedError) await rateLimits.refund("signInFailuresPerIdentifier", identifierKey);
    throw error;
  }
  let failed = false;
  return {
    failed: () => {
      failed = true;
    },
    settle: async (outcome) => {
      if (failed) return;
      await rateLimits.refund("signInFailuresPerClientAddress", origin.clientAddress);
      if (outcome === "succeeded") await rateLimits.reset("signInFailuresPerIdentifier", identifierKey);
      else await rateLimits.refund("signInFailuresPerIdentifier", identifierKey);
    },
  };
}
