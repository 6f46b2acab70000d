import { createGraphQLError, type Plugin } from "graphql-yoga";

/**
 * JSON that does not parse is the client's mistake, answered 400 BAD_REQUEST with nothing of its
 * text: the parser's message quotes it, and it may hold a password. A GET or form-encoded request
 * carries `variables` and `extensions` as JSON text, parsed without catching (by Yoga's GET parser,
 * and by useMediaTypes' form parser, which reads forms as Yoga does): it became a masked 500, logged
 * at error level with that message. A JSON body useMediaTypes reads, and refuses itself.
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
          throw error;
        }
      });
    },
  };
}
