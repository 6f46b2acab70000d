import { defaultExtractPersistedOperationId, usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import type { Plugin } from "graphql-yoga";
import type { PersistedOperations } from "./persisted-operations-manifest.ts";

export interface PersistedOperationsOnlyOptions {
  /** The manifest: hash -> operation text. */
  operations: PersistedOperations;
  /** Callers that may still send any operation (back offices and migration scripts). */
  allowsArbitraryOperations(request: Request): boolean | Promise<boolean>;
}

function refusal(code: string, message: string) {
  return { message, extensions: { code, http: { status: 400 } } };
}

/**
 * Runs only the operations our typed clients were generated with, looked up by the SHA-256 hash in
 * `extensions.persistedQuery.sha256Hash`. In production this takes away everything a hand-written
 * document could do — probing the schema, crafting costly or deep queries, guessing fields — and
 * leaves the few operations the front end really sends.
 */
export function usePersistedOperationsOnly({ operations, allowsArbitraryOperations }: PersistedOperationsOnlyOptions): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      // Added after this plugin, so its onParams sees what ours leaves.
      addPlugin(
        usePersistedOperations({
          getPersistedOperation: (hash) => operations.get(hash) ?? null,
          allowArbitraryOperations: allowsArbitraryOperations,
          customErrors: {
            notFound: refusal("PERSISTED_QUERY_NOT_FOUND", "Unknown persisted operation: this server runs only the operations its clients were built with."),
            persistedQueryOnly: refusal(
              "PERSISTED_QUERY_ONLY",
              "This server runs only persisted operations: send the hash of one its clients were built with as extensions.persistedQuery.sha256Hash.",
            ),
            keyNotFound: refusal("PERSISTED_QUERY_ONLY", "This server runs only persisted operations: extensions.persistedQuery.sha256Hash is missing."),
          },
        }),
      );
    },
    // Our clients send the text with the hash, so that they work with servers in either mode: for a
    // known hash the stored operation runs, whatever the text says.
    onParams({ params, request, context, setParams }) {
      const hash = defaultExtractPersistedOperationId(params, request, context);
      if (params.query !== undefined && hash !== null && operations.has(hash)) setParams({ ...params, query: undefined });
    },
  };
}
