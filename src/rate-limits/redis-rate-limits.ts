import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import type { RateLimits } from "../domain/rate-limits/rate-limits.ts";
import type { Logger } from "../logger.ts";
import { flexibleRateLimits, sameWindowTolerance, type RateLimitRules } from "./flexible-rate-limits.ts";
import { memoryLimiter } from "./memory-rate-limits.ts";

export interface RedisRateLimits {
  rateLimits: RateLimits;
  close(): Promise<void>;
}

// Redis answers in well under a millisecond; one that has not answered by then is stalled, and a
// sign-in makes up to four calls.
const commandTimeoutMilliseconds = 500;

// One script, so that no other instance's call lands between the read and the decrement. The
// window is the one that counted when it ends within ARGV[2] ms of ARGV[1] ms from now (see
// sameWindowTolerance: times are sent as durations, so the clocks of Redis and this host need not agree).
const refundToWindowScript = `
local consumed = tonumber(redis.call('GET', KEYS[1]))
if not consumed or consumed <= 0 then return 0 end
local remaining = redis.call('PTTL', KEYS[1])
if remaining < 0 or math.abs(remaining - tonumber(ARGV[1])) >= tonumber(ARGV[2]) then return 0 end
return redis.call('DECR', KEYS[1])`;

/**
 * Counters in Redis, shared by every instance using the same REDIS_URL and key prefix (SPEC
 * section 9: several instances enforce one limit). The start waits for the connection, so a wrong
 * URL stops it; while Redis is unreachable or stalled later, each instance counts in its own memory
 * instead (limits loosen for the outage, but sign-in keeps working).
 */
export async function connectRedisRateLimits(
  redisUrl: string,
  { keyPrefix, keySecret, rules }: { keyPrefix: string; keySecret: string; rules: RateLimitRules },
  logger: Logger,
): Promise<RedisRateLimits> {
  // No offline queue: while disconnected, commands fail at once and the memory fallback answers.
  // The command timeout does the same while connected to a Redis that does not answer.
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMilliseconds,
  });
  client.on("error", (error: Error) => logger.warn({ err: error }, "rate limits: Redis connection error"));
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`Cannot connect to REDIS_URL for rate limits: ${(error as Error).message}`);
  }
  const rateLimits = flexibleRateLimits(rules, keySecret, (name, rule) => {
    const options = { keyPrefix: `${keyPrefix}:${name}`, points: rule.points, duration: rule.windowSeconds };
    const fallback = memoryLimiter(options.keyPrefix, rule);
    const limiter = new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: fallback.limiter });
    return {
      limiter,
      refund: async (key, windowEndsAt) => {
        try {
          await client.eval(refundToWindowScript, 1, limiter.getKey(key), windowEndsAt - Date.now(), sameWindowTolerance(rule));
        } catch {
          // As the limiter does for its own calls: what Redis cannot take, memory counts.
          await fallback.refund(key, windowEndsAt);
        }
      },
    };
  });
  return {
    rateLimits,
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
