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
 * `RateLimits` on rate-limiter-flexible: one fixed-window limiter per rule, from `createLimiter`
 * (memory or Redis). Keys are hashed, so the store never holds an email address or an IP address.
 */
export function flexibleRateLimits(
  rules: RateLimitRules,
  createLimiter: (name: RateLimitName, rule: RateLimitRule) => RateLimiterAbstract,
): RateLimits {
  const limiters = Object.fromEntries(rateLimitNames.map((name) => [name, createLimiter(name, rules[name])])) as Record<
    RateLimitName,
    RateLimiterAbstract
  >;
  return {
    async consume(limit, key) {
      try {
        await limiters[limit].consume(hashedKey(key));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
    },
    async refund(limit, key) {
      await limiters[limit].reward(hashedKey(key));
    },
    async reset(limit, key) {
      await limiters[limit].delete(hashedKey(key));
    },
  };
}

function hashedKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}
