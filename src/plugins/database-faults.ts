import { GraphQLError } from "graphql";
import { createGraphQLError, maskError, type MaskError } from "graphql-yoga";
import { isDatabaseUnavailable } from "../db/errors.ts";

export interface DatabaseFaultsOptions {
  /**
   * Seconds a client is told to wait before retrying (the Retry-After header).
   * @default 5
   */
  retryAfterSeconds?: number;
}

/**
 * SPEC sections 5 and 9: while the database is unreachable (stopped, restarting, connection
 * refused or cut) every operation fails with `extensions.code: "SERVICE_UNAVAILABLE"`, HTTP 503
 * and Retry-After instead of an INTERNAL_SERVER_ERROR that looks like a bug, so clients and load
 * balancers retry later. It is Yoga's `maskedErrors.maskError` because that one hook sees the
 * original error wherever the database was touched: in a resolver or while building the context
 * (the session lookup). Every other error is masked as before.
 */
export function maskDatabaseFaults(options: DatabaseFaultsOptions = {}, fallback: MaskError = maskError): MaskError {
  const retryAfter = options.retryAfterSeconds ?? 5;
  return (error, message, isDev) => {
    // Only the fault a GraphQL error wraps says so: the GraphQL error's own message can quote the
    // request (a value of the wrong type reading "Connection terminated" stays the client's mistake).
    let fault: unknown = error;
    while (fault instanceof GraphQLError) fault = fault.originalError;
    if (!isDatabaseUnavailable(fault)) return fallback(error, message, isDev);
    const located = error as { path?: unknown };
    return createGraphQLError("The service is temporarily unavailable. Try again shortly.", {
      path: Array.isArray(located.path) ? (located.path as (string | number)[]) : undefined,
      extensions: {
        code: "SERVICE_UNAVAILABLE",
        retryAfter,
        http: { status: 503, headers: { "Retry-After": String(retryAfter) } },
      },
    });
  };
}
