import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import type { RateLimits } from "../domain/rate-limits/rate-limits.ts";
import type { Logger } from "../logger.ts";
import { flexibleRateLimits, type RateLimitRules } from "./flexible-rate-limits.ts";

export interface RedisRateLimits {
  rateLimits: RateLimits;
  close(): Promise<void>;
}

/**
 * Counters in Redis, shared by every instance using the same REDIS_URL and key prefix (SPEC
 * section 9: several instances enforce one limit). The start waits for the connection, so a wrong
 * URL stops it; while Redis is unreachable later, each instance counts in its own memory instead
 * (limits loosen for the outage, but sign-in keeps working).
 */
export async function connectRedisRateLimits(
  redisUrl: string,
  keyPrefix: string,
  rules: RateLimitRules,
  logger: Logger,
): Promise<RedisRateLimits> {
  // No offline queue: while disconnected, commands fail at once and the memory fallback answers.
  const client = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  client.on("error", (error: Error) => logger.warn({ err: error }, "rate limits: Redis connection error"));
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`Cannot connect to REDIS_URL for rate limits: ${(error as Error).message}`);
  }
  const rateLimits = flexibleRateLimits(rules, (name, rule) => {
    const options = { keyPrefix: `${keyPrefix}:${name}`, points: rule.points, duration: rule.windowSeconds };
    return new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: new RateLimiterMemory(options) });
  });
  return {
    rateLimits,
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
