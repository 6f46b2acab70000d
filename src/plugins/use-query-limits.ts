import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import type { GraphQLError, ValidationContext } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { queryCostLimitRule, type QueryCostOptions } from "./query-cost-limit.ts";

export interface QueryLimitsOptions {
  /**
   * Deepest selection nesting (the fields under `__schema` are not counted; a `__type` lookup is).
   * @default 12
   */
  maxDepth?: number;
  /**
   * Aliases in one operation (`__typename` is free).
   * @default 15
   */
  maxAliases?: number;
  /**
   * Directives in one operation.
   * @default 10
   */
  maxDirectives?: number;
  /**
   * Lexical tokens in one document, counted while parsing.
   * @default 5000
   */
  maxTokens?: number;
  /**
   * 2 per object and 1 per scalar field, times 1.5 per level of depth, times the rows of a
   * connection's page (`query-cost-limit.ts`).
   * @default 50000
   */
  maxCost?: number;
}

/** The `extensions.code` of a document refused by these limits. */
export const queryTooComplexCode = "QUERY_TOO_COMPLEX";

/** Replaces graphql-armor's bare error with ours: a code, HTTP 400, the limit in the message. */
function reject(context: ValidationContext | null, error: GraphQLError): void {
  const refusal = createGraphQLError(error.message.replace(/^Syntax Error: /, ""), {
    nodes: error.nodes,
    extensions: { code: queryTooComplexCode, http: { status: 400 } },
  });
  // Validation rules report; the token counter runs inside the parser, which can only throw.
  if (context) context.reportError(refusal);
  else throw refusal;
}

/**
 * Stops denial of service by one expensive document: a deeply nested or circular selection
 * (`user { … }` through relations), alias amplification (`a1: signIn(…) a2: signIn(…) …` — also a
 * way around per-request brute-force counting), directive flooding, and documents so large that
 * parsing and validating them is the attack. Each limit refuses the document before it executes,
 * with `extensions.code: "QUERY_TOO_COMPLEX"` and a message naming the limit.
 */
export function useQueryLimits(options: QueryLimitsOptions, pageSizes: QueryCostOptions["pageSizes"]): Plugin {
  const handlers = { onReject: [reject], propagateOnRejection: false, exposeLimits: true };
  const plugins = [
    maxTokensPlugin({ n: options.maxTokens ?? 5000, ...handlers }),
    maxDepthPlugin({ n: options.maxDepth ?? 12, ignoreIntrospection: true, flattenFragments: true, ...handlers }),
    maxAliasesPlugin({ n: options.maxAliases ?? 15, ...handlers }),
    maxDirectivesPlugin({ n: options.maxDirectives ?? 10, ...handlers }),
    {
      onValidate({ addValidationRule }) {
        addValidationRule(queryCostLimitRule({ maxCost: options.maxCost ?? 50_000, pageSizes }, reject));
      },
    } satisfies Plugin,
  ];
  return {
    onPluginInit({ addPlugin }) {
      for (const plugin of plugins) addPlugin(plugin as Plugin);
    },
  };
}
