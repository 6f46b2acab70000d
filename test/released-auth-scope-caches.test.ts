import SchemaBuilder from "@pothos/core";
import ScopeAuthPlugin, { RequestCache } from "@pothos/plugin-scope-auth";
import { createYoga, type Plugin } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { useReleasedAuthScopeCaches } from "../src/plugins/use-released-auth-scope-caches.ts";

// An operation's auth-scope cache is dropped once the operation has run (see the plugin for why),
// and only then: every field of the operation still shares one cache.

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
      first: t.string({ authScopes: { signedIn: true }, resolve: (_root, _arguments, context) => (cachesSeen.push(cacheOf(context)), "one") }),
      second: t.string({ authScopes: { signedIn: true }, resolve: (_root, _arguments, context) => (cachesSeen.push(cacheOf(context)), "two") }),
    }),
  });
  return { schema: builder.toSchema(), cachesSeen, cacheOf };
}

describe("useReleasedAuthScopeCaches", () => {
  it("keeps one cache for the whole operation and drops it once the operation has run", async () => {
    const { schema, cachesSeen, cacheOf } = schemaWithScopes();
    const contexts: Context[] = [];
    const rememberContext: Plugin<Context> = { onExecute: ({ args }) => void contexts.push(args.contextValue) };
    const yoga = createYoga<object, Context>({
      schema,
      context: () => ({ signedIn: true }),
      plugins: [rememberContext, useReleasedAuthScopeCaches()],
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
  });
});
