import { createGraphQLError } from "graphql-yoga";
import { SessionEndedError } from "../domain/errors.ts";
import { RateLimitedError } from "../domain/rate-limits/rate-limits.ts";

// Failures of a whole operation (not of its input) leave as GraphQL errors with a code that
// clients switch on (SPEC section 5).

/**
 * What an authorization error refuses: the whole operation (HTTP 401/403), or one field of a
 * result, whose operation may have written and succeeded (HTTP 200: the data holds its answer).
 */
export type RefusedPart = "operation" | "field";

export function unauthenticated(message: string, refused: RefusedPart = "operation") {
  return createGraphQLError(message, { extensions: { code: "UNAUTHENTICATED", ...(refused === "operation" ? { http: { status: 401 } } : {}) } });
}

export function forbidden(message: string, refused: RefusedPart = "operation") {
  return createGraphQLError(message, { extensions: { code: "FORBIDDEN", ...(refused === "operation" ? { http: { status: 403 } } : {}) } });
}

/**
 * A session that ended while its request ran is answered as one that had ended before it came:
 * the operation is refused as unauthenticated.
 */
export async function withEndedSessionErrors<Result>(work: () => Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof SessionEndedError)) throw error;
    throw unauthenticated(error.message);
  }
}

/** A request the client got wrong before anything ran: a forged cursor, a variable of the wrong type. */
export const badUserInputCode = "BAD_USER_INPUT";

export function badRequest(message: string) {
  return createGraphQLError(message, { extensions: { code: badUserInputCode, http: { status: 400 } } });
}

/**
 * SPEC section 9: a rate limit is a failure of the whole request (HTTP 429 with Retry-After), not
 * a result type, so clients and proxies that know nothing of our schema still back off.
 */
export async function withRateLimitErrors<Result>(work: () => Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw createGraphQLError(error.message, {
      extensions: {
        code: "RATE_LIMITED",
        retryAfter: error.retryAfterSeconds,
        http: { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
      },
    });
  }
}
