import { createGraphQLError, type Plugin } from "graphql-yoga";
import type { Logger } from "../logger.ts";

/**
 * A client that closes its connection before its body has arrived is no fault of the server's: it
 * is logged at debug. Node fails the body's read with `aborted` (ECONNRESET), which Yoga takes for
 * an unexpected error, logged twice at error level (the level operators alert on), and which
 * `isDatabaseUnavailable` read as a lost database socket, logging the request as a 503. It ends
 * as a 400 here, which no one receives.
 */
export function useAbandonedRequests({ logger }: { logger: Logger }): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          // ECONNRESET can come only from the client's socket: no parser talks to anything else.
          if (!request.signal?.aborted && (error as { code?: unknown } | null)?.code !== "ECONNRESET") throw error;
          logger.debug("The client closed the connection before its request body arrived.");
          throw createGraphQLError("The request body did not arrive: the connection was closed.", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
        }
      });
    },
  };
}
