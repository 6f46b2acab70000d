import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin, { type AuthFailure } from "@pothos/plugin-scope-auth";
import { DateTimeResolver, EmailAddressResolver, JSONObjectResolver, PhoneNumberResolver, URLResolver } from "graphql-scalars";
import type PrismaTypes from "../generated/pothos-types.ts";
import { getDatamodel } from "../generated/pothos-types.ts";
import type { Context } from "./context.ts";
import { forbidden, unauthenticated } from "./graphql-errors.ts";

/**
 * The one SchemaBuilder: plugins, context, scalars, auth scopes. Every schema file imports it and
 * only adds to it. The Prisma client comes from each request's context, so one schema serves
 * whichever database the server was started on.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { admin: boolean; signedIn: boolean };
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    EmailAddress: { Input: string; Output: string };
    URL: { Input: URL; Output: string };
    PhoneNumber: { Input: string; Output: string };
    JSONObject: { Input: Record<string, unknown>; Output: unknown };
    Gender: { Input: string | number; Output: string | number };
    Long: { Input: bigint; Output: bigint };
  };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (context) => context.services.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {},
  scopeAuth: {
    authScopes: (context) => ({
      admin: context.caller.adminKey === "valid",
      signedIn: context.caller.userId !== undefined,
    }),
    // SPEC section 4: no key or a wrong key is UNAUTHENTICATED; a caller known to lack the right is FORBIDDEN.
    unauthorizedError: (_parent, context, info, result) => {
      const refused = info.path.prev === undefined ? "operation" : "field";
      if (failedScopes(result.failure).includes("signedIn")) return unauthenticated("Sign in first: this needs a session.", refused);
      // A wrong key is a failed authentication whatever cookie comes with it.
      if (context.caller.adminKey === "invalid") return unauthenticated("The admin API key is not valid.", refused);
      return context.caller.adminKey === "valid" || context.caller.userId !== undefined
        ? forbidden("This needs an admin API key.", refused)
        : unauthenticated("This needs an admin API key: Authorization: Bearer <key>.", refused);
    },
  },
  errors: {},
});

function failedScopes(failure: AuthFailure): string[] {
  if ("failures" in failure) return failure.failures.flatMap(failedScopes);
  return "scope" in failure ? [failure.scope] : [];
}

builder.queryType({});
builder.mutationType({});

builder.addScalarType("DateTime", DateTimeResolver);
builder.addScalarType("EmailAddress", EmailAddressResolver);
builder.addScalarType("URL", URLResolver);
builder.addScalarType("PhoneNumber", PhoneNumberResolver);
builder.addScalarType("JSONObject", JSONObjectResolver);
