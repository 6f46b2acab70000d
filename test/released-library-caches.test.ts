import SchemaBuilder from "@pothos/core";
import ScopeAuthPlugin, { RequestCache } from "@pothos/plugin-scope-auth";
import Debug, { getLogs } from "@prisma/debug";
import { createYoga, type Plugin } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { useReleasedLibraryCaches } from "../src/plugins/use-released-library-caches.ts";

// What Pothos's auth scopes and Prisma's debug history keep of an operation is dropped once the
// operation has run (see the plugin for why), and only then: every field of the operation still
// shares one auth-scope cache.

interface Context {
  signedIn: boolean;
}

function schemaWithScopes() {
  // @ts-expect-error the Prisma plugin's types make its options required of every builder in the program
  const builder = new SchemaBuilder<{ Context: Context; AuthScopes: { signedIn: boolean } }>({
    plugins: [ScopeAuthPlugin],
    scopeAuth: { authScopes: (context) => ({ signedIn: context.signedIn }) },
  });
  const cachesSeen: unknown[] = [];
  const cacheOf = (context: Context): unknown => RequestCache.fromContext(context, builder);
  builder.queryType({
    fields: (t) => ({
      first: t.string({
        authScopes: { signedIn: true },
        resolve: (_root, _arguments, context) => {
          cachesSeen.push(cacheOf(context));
          // As Prisma's driver adapter does for every query.
          Debug("prisma:driver-adapter:test")("query %O", { sql: "SELECT 'first field'" });
          return "one";
        },
      }),
      second: t.string({ authScopes: { signedIn: true }, resolve: (_root, _arguments, context) => (cachesSeen.push(cacheOf(context)), "two") }),
    }),
  });
  return { schema: builder.toSchema(), cachesSeen, cacheOf };
}

describe("useReleasedLibraryCaches", () => {
  it("keeps one auth-scope cache for the whole operation and drops it, and Prisma's debug history, once the operation has run", async () => {
    const { schema, cachesSeen, cacheOf } = schemaWithScopes();
    const contexts: Context[] = [];
    const rememberContext: Plugin<Context> = { onExecute: ({ args }) => void contexts.push(args.contextValue) };
    const yoga = createYoga<object, Context>({
      schema,
      context: () => ({ signedIn: true }),
      plugins: [rememberContext, useReleasedLibraryCaches()],
      logging: false,
    });
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ first second }" }),
    });
    expect(await response.json()).toEqual({ data: { first: "one", second: "two" } });
    expect(cachesSeen).toHaveLength(2);
    expect(cachesSeen[0]).toBe(cachesSeen[1]);
    expect(cacheOf(contexts[0]!)).not.toBe(cachesSeen[0]);
    expect(getLogs()).not.toContain("first field");
  });
});
