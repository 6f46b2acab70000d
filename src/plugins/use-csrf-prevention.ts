import { createGraphQLError, type Plugin } from "graphql-yoga";

// What a browser sends cross-site without a preflight (CORS "simple" requests), whatever its case.
const contentTypesSentWithoutPreflight = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

/**
 * A cross-site form or plain GET cannot run an operation with the victim's session cookie: only
 * requests a browser preflights (JSON) or that carry one of `requestHeaders` get through. Yoga's
 * useCSRFPrevention does the same, but refuses with no `extensions.code`, which every other
 * refusal here has.
 */
export function useCsrfPrevention(requestHeaders: readonly string[]): Plugin {
  return {
    onRequestParse({ request }) {
      const contentType = request.headers.get("content-type")?.toLowerCase();
      const preflighted = contentType !== undefined && !contentTypesSentWithoutPreflight.some((simple) => contentType.startsWith(simple));
      if (preflighted || requestHeaders.some((name) => request.headers.has(name))) return;
      throw createGraphQLError(`Required CSRF header not present: send a JSON body, or the ${requestHeaders[0]} header.`, {
        extensions: { code: "CSRF_HEADER_REQUIRED", http: { status: 403 } },
      });
    },
  };
}
