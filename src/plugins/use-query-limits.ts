import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, TokenKind, type ParseOptions, type Source, type ValidationContext } from "graphql";
import { Parser } from "graphql/language/parser.js";
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
   * Lexical tokens in one document, counted while parsing. Braces, brackets and parentheses may
   * nest at most `2 × maxDepth + 64` deep, checked in the same pass (`LimitedParser`).
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
  // Validation rules report; the token and nesting limits run inside the parser, which can only throw.
  if (context) context.reportError(refusal);
  else throw refusal;
}

/**
 * graphql-js's parser, refusing a document past `maxTokens` tokens or nested past `maxNesting`
 * braces, brackets and parentheses as it reads them. Its parser recurses once per level of a list,
 * object, selection set or type, so `[[[…]]]` 2,000 deep (4,000 tokens, within the token limit)
 * overflowed the stack: a 500 for any caller. Each level is refused at its opening token, before
 * the parser descends into it.
 */
class LimitedParser extends Parser {
  private nesting = 0;

  constructor(
    source: string | Source,
    options: ParseOptions | undefined,
    private readonly limits: { maxTokens: number; maxNesting: number },
  ) {
    super(source, options);
  }

  override advanceLexer(): void {
    super.advanceLexer();
    if (this.tokenCount > this.limits.maxTokens) reject(null, new GraphQLError(`Token limit of ${this.limits.maxTokens} exceeded.`));
    switch (this._lexer.token.kind) {
      case TokenKind.BRACE_L:
      case TokenKind.BRACKET_L:
      case TokenKind.PAREN_L:
        if (++this.nesting > this.limits.maxNesting) {
          reject(null, new GraphQLError(`Nesting limit of ${this.limits.maxNesting} exceeded: braces, brackets and parentheses nest at most ${this.limits.maxNesting} deep.`));
        }
        break;
      case TokenKind.BRACE_R:
      case TokenKind.BRACKET_R:
      case TokenKind.PAREN_R:
        this.nesting--;
        break;
    }
  }
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
  const maxDepth = options.maxDepth ?? 12;
  // A selection set's braces at each level of depth, and as many inline fragments' braces, plus
  // room for an argument's literal: `(input: { metadata: … })`, whose JSON nests at most 16 levels,
  // each an object and a list. 88 by default, 264 at MAX_QUERY_DEPTH's maximum of 100: far below
  // the ~2,000 levels that overflow the parser's stack.
  const parseLimits = { maxTokens: options.maxTokens ?? 5000, maxNesting: 2 * maxDepth + 64 };
  const plugins = [
    {
      onParse({ setParseFn }) {
        setParseFn((source, parseOptions) => new LimitedParser(source, parseOptions, parseLimits).parseDocument());
      },
    } satisfies Plugin,
    maxDepthPlugin({ n: maxDepth, ignoreIntrospection: true, flattenFragments: true, ...handlers }),
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
