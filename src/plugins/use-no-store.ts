import type { Plugin } from "graphql-yoga";

/**
 * GraphQL answers hold personal data (`me`) and renewed session cookies: `Cache-Control: no-store`
 * on every answer, so that no shared cache (a proxy, or a CDN in front of GET requests) keeps one
 * for the next visitor.
 */
export function useNoStore(): Plugin {
  return {
    onResponse({ response }) {
      // Also where Yoga put its own: its server-sent events answer says `no-cache`, which a shared
      // cache may still store.
      response.headers.set("cache-control", "no-store");
    },
  };
}
