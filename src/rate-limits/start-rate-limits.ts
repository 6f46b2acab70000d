import type { Config } from "../config.ts";
import { noRateLimits, type RateLimits } from "../domain/rate-limits/rate-limits.ts";
import type { Logger } from "../logger.ts";
import { memoryRateLimits } from "./memory-rate-limits.ts";
import { connectRedisRateLimits } from "./redis-rate-limits.ts";

/** The rate limits the configuration asks for: none (RATE_LIMITS=off), Redis (REDIS_URL) or memory. */
export async function startRateLimits(config: Config, logger: Logger): Promise<{ rateLimits: RateLimits; close(): Promise<void> }> {
  if (!config.rateLimits) return { rateLimits: noRateLimits, close: async () => {} };
  const { keyPrefix, rules } = config.rateLimits;
  if (config.redisUrl) return connectRedisRateLimits(config.redisUrl, { keyPrefix, keySecret: config.secretKey, rules }, logger);
  return { rateLimits: memoryRateLimits(rules, config.secretKey), close: async () => {} };
}
