import { createHmac, hkdfSync } from "node:crypto";
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
 * on a key whose window has ended starts a new window at -1, and on a window begun since the use
 * was counted gives that window more than its limit.
 */
export interface StoredLimiter {
  limiter: RateLimiterAbstract;
  /**
   * Gives back one point to `key`'s window if it is the one ending at `windowEndsAt` and still
   * holds a point: never creates a key, never goes below 0.
   */
  refund(key: string, windowEndsAt: number): Promise<void>;
}

/**
 * How far (in milliseconds) a window's end may be from the end a use was counted with for the
 * window to be the same one. A window begins no earlier than its predecessor's end, so its end is
 * a whole window later (unless a reset ended the predecessor early: see `RateLimits.refund`); half
 * a window absorbs the store's round trip and rounding.
 */
export const sameWindowTolerance = (rule: RateLimitRule): number => (rule.windowSeconds * 1000) / 2;

/**
 * `RateLimits` on rate-limiter-flexible: one fixed-window limiter per rule, from `createLimiter`
 * (memory or Redis). Keys are HMACs under a key derived from `keySecret` (SECRET_KEY), so the store
 * never holds an email address or an IP address: a plain hash of an IPv4 address is undone by
 * trying all 2^32 of them, and of an email address by a list of addresses.
 */
export function flexibleRateLimits(
  rules: RateLimitRules,
  keySecret: string,
  createLimiter: (name: RateLimitName, rule: RateLimitRule) => StoredLimiter,
): RateLimits {
  const keyDigestKey = Buffer.from(hkdfSync("sha256", keySecret, "identity-api", "rate-limit-keys/v1", 32));
  const hashedKey = (key: string) => createHmac("sha256", keyDigestKey).update(key).digest("base64url");
  const limiters = Object.fromEntries(rateLimitNames.map((name) => [name, createLimiter(name, rules[name])])) as Record<
    RateLimitName,
    StoredLimiter
  >;
  return {
    async consume(limit, key) {
      const stored = limiters[limit];
      try {
        const counted = await stored.limiter.consume(hashedKey(key));
        return { limit, key, windowEndsAt: Date.now() + counted.msBeforeNext };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        // The store counted the refused attempt too; left there, a burst of refused attempts would
        // keep the key over its limit after the attempts that did count were given back.
        await stored.refund(hashedKey(key), Date.now() + rejection.msBeforeNext);
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
    },
    async refund(use) {
      await limiters[use.limit].refund(hashedKey(use.key), use.windowEndsAt);
    },
    async reset(limit, key) {
      await limiters[limit].limiter.delete(hashedKey(key));
    },
  };
}
