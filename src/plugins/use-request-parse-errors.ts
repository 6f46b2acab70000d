import { createGraphQLError, type Plugin } from "graphql-yoga";
import type { Logger } from "../logger.ts";

/**
 * What goes wrong while a request is read is the client's doing, answered 400 BAD_REQUEST, never a
 * masked 500 logged at error level:
 * - JSON that does not parse, answered with nothing of its text: the parser's message quotes it, and
 *   it may hold a password. A GET or form-encoded request carries `variables` and `extensions` as
 *   JSON text, parsed without catching (by Yoga's GET parser, and by useMediaTypes' form parser,
 *   which reads forms as Yoga does). A JSON body useMediaTypes reads, and refuses itself.
 * - A client that closes its connection before its body has arrived: Node fails the read with
 *   `aborted` (ECONNRESET), which Yoga took for an unexpected error, logged twice at error level (the
 *   level operators alert on), and which `isDatabaseUnavailable` read as a lost database socket,
 *   logging the request as a 503. It is logged at debug, and ends as a 400 which no one receives.
 * Placed after every plugin that reads the body, so it wraps all of them.
 */
export function useRequestParseErrors({ logger }: { logger: Logger }): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (error instanceof SyntaxError) {
            throw createGraphQLError("The variables or extensions parameter is not valid JSON.", {
              extensions: { code: "BAD_REQUEST", http: { status: 400 } },
            });
          }
          // ECONNRESET can come only from the client's socket: no parser talks to anything else.
          if (!request.signal?.aborted && (error as { code?: unknown } | null)?.code !== "ECONNRESET") throw error;
          logger.debug("The client closed the connection before its request body arrived.");
          throw createGraphQLError("The request body did not arrive: the connection was closed.", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
        }
      });
    },
  };
}
