import { RequestCache } from "@pothos/plugin-scope-auth";
import type { Plugin } from "graphql-yoga";

// Pothos's auth-scope plugin keeps each request's cache of granted scopes in a module-level WeakMap
// keyed by the context, and the cache refers back to the context. V8's young-generation collector
// (Node 20) keeps the values of an old WeakMap alive until the next full collection, so every
// request's context and all it refers to outlived two scavenges and was promoted: 8 of the 13.5 KB
// a user read promoted to the old generation, and the 3–5 ms scavenges that set a lookup's p99
// (README *Performance*). Deleting the entry once the operation has run leaves nothing to keep.

/** Drops each operation's auth-scope cache as soon as the operation has run. */
export function useReleasedAuthScopeCaches(): Plugin {
  return {
    onExecute({ args }) {
      return { onExecuteDone: () => RequestCache.clearForContext(args.contextValue) };
    },
  };
}
