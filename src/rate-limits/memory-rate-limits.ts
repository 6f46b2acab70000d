import { RateLimiterMemory } from "rate-limiter-flexible";
import type { RateLimits } from "../domain/rate-limits/rate-limits.ts";
import { flexibleRateLimits, type RateLimitRules } from "./flexible-rate-limits.ts";

/** Counters in this process: right for one instance; several instances need Redis (REDIS_URL). */
export function memoryRateLimits(rules: RateLimitRules): RateLimits {
  return flexibleRateLimits(rules, (name, rule) => new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.windowSeconds }));
}
