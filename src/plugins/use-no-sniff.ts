import type { Plugin } from "graphql-yoga";

/**
 * `X-Content-Type-Options: nosniff` on every answer: a browser then takes each answer as the type
 * it is sent as and never runs an answer that echoes a client's text (an error naming a field, a
 * JSON body) as a script or a style sheet loaded from another site.
 */
export function useNoSniff(): Plugin {
  return {
    onResponse({ response }) {
      response.headers.set("x-content-type-options", "nosniff");
    },
  };
}
