import { createGraphQLError, type Plugin } from "graphql-yoga";

/**
 * A GET or form-encoded request carries `variables` and `extensions` as JSON text, which Yoga
 * parses without catching: broken JSON became a masked 500, logged at error level with the
 * parser's message, which quotes the text (a password in the variables, say). It is the client's
 * mistake, answered like broken JSON in a POST body: 400, BAD_REQUEST, and nothing of the text.
 */
export function useParameterJsonErrors(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw createGraphQLError("The variables or extensions parameter is not valid JSON.", {
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          });
        }
      });
    },
  };
}
