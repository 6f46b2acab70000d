/**
 * Rate limits (SPEC section 9): how many times something may happen per key (an identifier, a
 * client address, an email address) within a window. The store behind them (this process's
 * memory, or Redis shared by every instance) lives in `src/rate-limits/`.
 */

export const rateLimitNames = [
  "signInFailuresPerIdentifier",
  "signInFailuresPerClientAddress",
  "signUpsPerClientAddress",
  "verificationMailsPerAddress",
  "passwordResetRequestsPerClientAddress",
  "passwordResetMailsPerAddress",
] as const;

export type RateLimitName = (typeof rateLimitNames)[number];

export interface RateLimitRule {
  points: number;
  windowSeconds: number;
}

/** One use `consume` counted, and the window it counted in: a refund goes to that window only. */
export interface CountedUse {
  readonly limit: RateLimitName;
  readonly key: string;
  /** When the window that counted it ends (milliseconds since the epoch, this process's clock). */
  readonly windowEndsAt: number;
}

export interface RateLimits {
  /** Counts one use of `key`; throws `RateLimitedError`, having counted nothing, when none is left. */
  consume(limit: RateLimitName, key: string): Promise<CountedUse>;
  /**
   * Gives back a use counted by `consume`, when what it counted turned out not to count, if its
   * window is still the live one: a later window never gets more than its limit. (After a `reset`,
   * a window begun at once can take the refund of a use counted before it: one more attempt per
   * attempt then in progress that did not fail, which only someone who can sign in gets.)
   */
  refund(use: CountedUse): Promise<void>;
  /** Forgets every use of `key`. */
  reset(limit: RateLimitName, key: string): Promise<void>;
}

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts: try again in ${retryAfterSeconds} seconds.`);
    this.name = "RateLimitedError";
  }
}

/** For RATE_LIMITS=off and for callers with an admin API key. */
export const noRateLimits: RateLimits = {
  consume: async (limit, key) => ({ limit, key, windowEndsAt: 0 }),
  refund: async () => {},
  reset: async () => {},
};

/** Where a request comes from: what rate limits count, and what a session it opens records. */
export interface RequestOrigin {
  /** The client's IPv4 address, or its IPv6 /64 network (see TRUST_PROXY). */
  clientAddress: string;
  /** The client's own address, found as `clientAddress` is; null when the request came through no socket. */
  ipAddress: string | null;
  /** The request's User-Agent header, as sent; null without one. */
  userAgent: string | null;
}
