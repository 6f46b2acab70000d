import { createHash } from "node:crypto";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import {
  RateLimitedError,
  rateLimitNames,
  type RateLimitName,
  type RateLimitRule,
  type RateLimits,
} from "../domain/rate-limits/rate-limits.ts";

export type RateLimitRules = Record<RateLimitName, RateLimitRule>;

/**
 * One rule's counters in a store. The refund is the store's own: rate-limiter-flexible's `reward`
 * on a key whose window has ended starts a new window at -1, which gives a client more than its
 * limit (an attempt begun just before a window ends refunds into the next one).
 */
export interface StoredLimiter {
  limiter: RateLimiterAbstract;
  /** Gives back one point to `key`'s window if it still holds one: never creates a key, never goes below 0. */
  refund(key: string): Promise<void>;
}

/**
 * `RateLimits` on rate-limiter-flexible: one fixed-window limiter per rule, from `createLimiter`
 * (memory or Redis). Keys are hashed, so the store never holds an email address or an IP address.
 */
export function flexibleRateLimits(
  rules: RateLimitRules,
  createLimiter: (name: RateLimitName, rule: RateLimitRule) => StoredLimiter,
): RateLimits {
  const limiters = Object.fromEntries(rateLimitNames.map((name) => [name, createLimiter(name, rules[name])])) as Record<
    RateLimitName,
    StoredLimiter
  >;
  return {
    async consume(limit, key) {
      try {
        await limiters[limit].limiter.consume(hashedKey(key));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
    },
    async refund(limit, key) {
      await limiters[limit].refund(hashedKey(key));
    },
    async reset(limit, key) {
      await limiters[limit].limiter.delete(hashedKey(key));
    },
  };
}

function hashedKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}
