import { RequestCache } from "@pothos/plugin-scope-auth";
import { clearLogs } from "@prisma/debug";
import type { Plugin } from "graphql-yoga";

// Two libraries keep what an operation used in module-level structures after it has run. V8's
// young-generation collector (Node 20) keeps whatever such an old structure refers to alive until
// the next full collection, so an operation's objects outlived two scavenges and were promoted to
// the old generation; the scavenges that copy them (3–5 ms every ~100 lookups) set a lookup's p99
// (README *Performance*). The same holds for any entry of a long-lived WeakMap keyed by a request,
// however small (8 maps of one small entry per request: 4 ms scavenges; deleted: 0.1 ms), which is
// why our plugins delete theirs. Dropping them once the operation has run leaves nothing to keep:
// - Pothos's auth-scope plugin caches each request's granted scopes in a WeakMap keyed by the
//   context, and the cache refers back to the context, so the whole context stayed (the values of
//   an old WeakMap are strong to the scavenger): 7.6 of the 12.7 KB a user read promoted.
// - @prisma/debug keeps the arguments of its last 100 calls, DEBUG set or not, for Prisma's crash
//   reports: the driver adapter's call for every query holds its SQL and values (3 KB a lookup).

/** Drops what Pothos and Prisma keep of an operation as soon as it has run. */
export function useReleasedLibraryCaches(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone: () => {
          RequestCache.clearForContext(args.contextValue);
          clearLogs();
        },
      };
    },
  };
}
