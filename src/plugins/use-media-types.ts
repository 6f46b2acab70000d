import { createGraphQLError, type Plugin } from "graphql-yoga";

// The JSON media types Yoga reads a POST body as, which it matches only in lower case.
const jsonMediaTypes = new Set(["application/json", "application/graphql+json"]);

/**
 * Media types are case-insensitive (RFC 9110): a client or proxy that sends `Application/JSON`
 * gets its body read as JSON, where Yoga answered 415 with an empty body. A request whose type no
 * parser takes gets 415 with a GraphQL error saying what to send.
 */
export function useMediaTypes(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, endResponse, fetchAPI }) {
      // Another method is Yoga's to refuse (405 with Allow).
      if (requestParser || request.method !== "POST") return;
      const mediaType = request.headers.get("content-type")?.split(/[;,]/)[0]?.trim().toLowerCase();
      if (mediaType !== undefined && jsonMediaTypes.has(mediaType)) {
        setRequestParser(parseJsonBody);
        return;
      }
      endResponse(
        fetchAPI.Response.json(
          { errors: [{ message: "Unsupported Content-Type: send a POST with application/json, or a GET.", extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }] },
          { status: 415 },
        ),
      );
    },
  };
}

/** As Yoga reads a JSON body: an object (an operation) or an array (a batch). */
async function parseJsonBody(request: Request) {
  const body: unknown = await request.json().catch(() => {
    throw createGraphQLError("POST body sent invalid JSON.", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
  });
  if (typeof body !== "object" || body === null) {
    throw createGraphQLError(`POST body is expected to be object but received ${body === null ? "null" : typeof body}`, {
      extensions: { code: "BAD_REQUEST", http: { status: 400 } },
    });
  }
  return body as Record<string, unknown>;
}
