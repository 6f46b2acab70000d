import { RateLimitedError, type RateLimits, type RequestOrigin } from "../rate-limits/rate-limits.ts";
import { normalizeEmailAddress } from "../users/validation/email-address.ts";
import { toE164 } from "../users/validation/phone-number.ts";
import { usernameKey } from "../users/validation/username.ts";

/** No longer identifier names anyone (an email address is at most 320 characters). */
export const maximumIdentifierLength = 320;

/**
 * The account a sign-in identifier names, as a rate-limit key: the same normalisation as the
 * lookup (`identifierConditions`), so "Ada@Example.com" and "ada@example.com", or two spellings
 * of one phone number, share one counter. The "identifier:" namespace keeps any identifier (say
 * "account:<id>") from standing for the key a current-password check counts under.
 *
 * Identifiers too long to name anyone share one key, unfolded: folding millions of characters
 * would hold up the event loop for every request.
 */
function identifierLimitKey(identifier: string): string {
  if (identifier.length > maximumIdentifierLength) return "overlong-identifier";
  const trimmed = identifier.trim();
  if (trimmed.includes("@")) return `identifier:${normalizeEmailAddress(trimmed).emailNormalized}`;
  return `identifier:${toE164(trimmed) ?? usernameKey(trimmed)}`;
}

/**
 * Runs `attempt` counted as a sign-in attempt of `identifier` (see `beginCountedAttempt`): it calls
 * `failed` for a wrong password or second factor, which stays counted; any other ending gives the
 * counts back, and success clears the identifier's.
 */
export async function countedAsSignInAttempt<Result>(
  rateLimits: RateLimits,
  origin: RequestOrigin,
  identifier: string,
  attempt: (failed: () => void) => Promise<Result>,
): Promise<Result> {
  return countedAttempt(rateLimits, origin, identifierLimitKey(identifier), attempt);
}

/** The key an account's own failures count under, whichever identifier named it. */
const accountLimitKey = (userId: string) => `account:${userId}`;

/**
 * `countedAsSignInAttempt` for a signed-in user's current password: counted against their account
 * and the same limits, so a stolen session is no way around them.
 */
export async function countedAsCurrentPasswordAttempt<Result>(
  rateLimits: RateLimits,
  origin: RequestOrigin,
  userId: string,
  attempt: (failed: () => void) => Promise<Result>,
): Promise<Result> {
  return countedAttempt(rateLimits, origin, accountLimitKey(userId), attempt);
}

/**
 * Counts a sign-in attempt, once its identifier has named an account, against that account too:
 * an account reachable by several identifiers (two email addresses, a username, a phone number)
 * gets one budget of failures, not one per identifier, and wrong current passwords count in it.
 * Called inside `countedAsSignInAttempt`, which has counted the client address already.
 */
export async function countedAgainstAccount<Result>(
  rateLimits: RateLimits,
  userId: string,
  attempt: (failed: () => void) => Promise<Result>,
): Promise<Result> {
  const key = accountLimitKey(userId);
  await rateLimits.consume("signInFailuresPerIdentifier", key);
  let failed = false;
  let succeeded = false;
  try {
    const result = await attempt(() => {
      failed = true;
    });
    succeeded = true;
    return result;
  } finally {
    if (succeeded) await rateLimits.reset("signInFailuresPerIdentifier", key);
    else if (!failed) await rateLimits.refund("signInFailuresPerIdentifier", key);
  }
}

async function countedAttempt<Result>(
  rateLimits: RateLimits,
  origin: RequestOrigin,
  accountKey: string,
  attempt: (failed: () => void) => Promise<Result>,
): Promise<Result> {
  const counted = await beginCountedAttempt(rateLimits, origin, accountKey);
  let succeeded = false;
  try {
    const result = await attempt(counted.failed);
    succeeded = true;
    return result;
  } finally {
    await counted.settle(succeeded ? "succeeded" : "other");
  }
}

interface CountedAttempt {
  /** The attempt failed (wrong password or second factor): it stays counted. */
  failed(): void;
  /** The attempt ended without a failure: its counts are given back, the account's are cleared on success. */
  settle(outcome: "succeeded" | "other"): Promise<void>;
}

/**
 * Counts a sign-in attempt before the password is verified (also for unknown identifiers, so both
 * take the same path), against the client address and the account (SPEC section 9: failures per
 * address stop credential stuffing, failures per identifier stop guessing one account). Counting
 * first and giving back afterwards keeps concurrent guesses from slipping past the limit.
 *
 * The address is counted first: a blocked client then stops there, instead of leaving a counter
 * behind for every new identifier it makes up.
 */
async function beginCountedAttempt(rateLimits: RateLimits, origin: RequestOrigin, accountKey: string): Promise<CountedAttempt> {
  await rateLimits.consume("signInFailuresPerClientAddress", origin.clientAddress);
  try {
    await rateLimits.consume("signInFailuresPerIdentifier", accountKey);
  } catch (error) {
    if (error instanceof RateLimitedError) await rateLimits.refund("signInFailuresPerClientAddress", origin.clientAddress);
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
      if (outcome === "succeeded") await rateLimits.reset("signInFailuresPerIdentifier", accountKey);
      else await rateLimits.refund("signInFailuresPerIdentifier", accountKey);
    },
  };
}
