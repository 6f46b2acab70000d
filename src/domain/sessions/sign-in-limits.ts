import { RateLimitedError, type CountedUse, type RateLimits, type RequestOrigin } from "../rate-limits/rate-limits.ts";
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
 * Runs `attempt` counted as a sign-in attempt of `identifier` (see `countedAgainst`): it calls
 * `failed` for a wrong password or second factor, which stays counted; any other ending gives the
 * counts back, and success clears the identifier's.
 */
export async function countedAsSignInAttempt<Result>(
  rateLimits: RateLimits,
  origin: RequestOrigin,
  identifier: string,
  attempt: (failed: () => void) => Promise<Result>,
): Promise<Result> {
  return countedAgainst(rateLimits, [addressCounter(origin), identifierCounter(identifierLimitKey(identifier))], attempt);
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
  return countedAgainst(rateLimits, [addressCounter(origin), identifierCounter(accountLimitKey(userId))], attempt);
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
  return countedAgainst(rateLimits, [identifierCounter(accountLimitKey(userId))], attempt);
}

/**
 * Forgets the sign-in failures of an account and of each identifier that names it (its email
 * addresses, phone numbers, username), once its owner has proved control of it another way (a
 * password reset): with the new password they sign in at once, rather than after the window that
 * someone's guesses filled. The client addresses' counts stay.
 */
export async function clearSignInFailures(rateLimits: RateLimits, userId: string, identifiers: readonly string[]): Promise<void> {
  const keys = [accountLimitKey(userId), ...identifiers.map(identifierLimitKey)];
  await Promise.all(keys.map((key) => rateLimits.reset("signInFailuresPerIdentifier", key)));
}

interface Counter {
  limit: "signInFailuresPerClientAddress" | "signInFailuresPerIdentifier";
  key: string;
}

/** The client address's counter: given back after a success, but never cleared by one. */
const addressCounter = (origin: RequestOrigin): Counter => ({ limit: "signInFailuresPerClientAddress", key: origin.clientAddress });
/** An identifier's or an account's counter: cleared by a success. */
const identifierCounter = (key: string): Counter => ({ limit: "signInFailuresPerIdentifier", key });

/**
 * Runs `attempt` counted against `counters`, in order, before the password is verified (also for
 * unknown identifiers, so both take the same path; SPEC section 9: failures per address stop
 * credential stuffing, failures per identifier or account stop guessing one account). Counting
 * first and giving back afterwards keeps concurrent guesses from slipping past the limit. The
 * address comes first: a blocked client then stops there, instead of leaving a counter behind for
 * every new identifier it makes up.
 *
 * `attempt` calls `failed` for a wrong password or second factor: the counts stay. Any other
 * ending gives them back, and a success clears the identifier's or account's.
 */
async function countedAgainst<Result>(
  rateLimits: RateLimits,
  counters: readonly Counter[],
  attempt: (failed: () => void) => Promise<Result>,
): Promise<Result> {
  const counted: CountedUse[] = [];
  try {
    for (const counter of counters) counted.push(await rateLimits.consume(counter.limit, counter.key));
  } catch (error) {
    if (error instanceof RateLimitedError) for (const use of counted) await rateLimits.refund(use);
    throw error;
  }
  let failed = false;
  let succeeded = false;
  try {
    const result = await attempt(() => {
      failed = true;
    });
    succeeded = true;
    return result;
  } finally {
    if (!failed) {
      for (const use of counted) {
        if (succeeded && use.limit === "signInFailuresPerIdentifier") await rateLimits.reset(use.limit, use.key);
        else await rateLimits.refund(use);
      }
    }
  }
}
