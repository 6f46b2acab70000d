import { createGraphQLError, type Plugin } from "graphql-yoga";
import { GraphQLError } from "graphql";

/**
 * JSON that does not parse is the client's mistake, answered 400 BAD_REQUEST with nothing of its
 * text: the parser's message quotes it, and it may hold a password.
 * - A GET or form-encoded request carries `variables` and `extensions` as JSON text, which Yoga
 *   parses without catching: it became a masked 500, logged at error level with that message.
 * - Yoga refuses a POST body that is not JSON itself, but puts the parser's message in the answer
 *   (`extensions.originalError`), in production too.
 */
export function useJsonParseErrors(): Plugin {
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
          if (error instanceof GraphQLError && error.extensions.originalError !== undefined) {
            // Yoga's status applies only to clients that accept application/graphql-response+json
            // (`spec`); a body that is not JSON is 400 to every client, as the one we read is.
            const { originalError: _quotingTheBody, http: _forSpecClientsOnly, ...extensions } = error.extensions;
            throw createGraphQLError(error.message, { extensions: { ...extensions, http: { status: 400 } } });
          }
          throw error;
        }
      });
    },
  };
}
