import { RateLimiterMemory } from "rate-limiter-flexible";
import type { RateLimitRule, RateLimits } from "../domain/rate-limits/rate-limits.ts";
import { flexibleRateLimits, sameWindowTolerance, type RateLimitRules, type StoredLimiter } from "./flexible-rate-limits.ts";

/** Counters in this process: right for one instance; several instances need Redis (REDIS_URL). */
export function memoryRateLimits(rules: RateLimitRules, keySecret: string): RateLimits {
  return flexibleRateLimits(rules, keySecret, memoryLimiter);
}

/** One rule's counters in this process: the memory store, and Redis's stand-in while it fails. */
export function memoryLimiter(keyPrefix: string, rule: RateLimitRule): StoredLimiter {
  const limiter = new RateLimiterMemory({ keyPrefix, points: rule.points, duration: rule.windowSeconds });
  return { limiter, refund: (key, windowEndsAt) => refundToWindow(limiter, rule, key, windowEndsAt) };
}

/**
 * Another refund of the same key can run between reading the count and giving the point back
 * (each step is its own promise), so a count that still went below zero is put back at once.
 */
async function refundToWindow(limiter: RateLimiterMemory, rule: RateLimitRule, key: string, windowEndsAt: number): Promise<void> {
  const window = await limiter.get(key);
  if (window === null || window.consumedPoints <= 0 || window.msBeforeNext <= 0) return;
  if (Math.abs(Date.now() + window.msBeforeNext - windowEndsAt) >= sameWindowTolerance(rule)) return;
  const afterwards = await limiter.reward(key);
  if (afterwards.consumedPoints < 0) await limiter.penalty(key);
}
