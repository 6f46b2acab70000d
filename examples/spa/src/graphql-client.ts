import type { TypedDocumentString } from "./generated/graphql.ts";

/** A failure of the whole operation (rate limited, refused, server fault), not a typed result. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

interface GraphQLResponse<Result> {
  data?: Result | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Operations without variables take none; the others require theirs, typed by codegen. */
type VariablesArgument<Variables> = Record<string, never> extends Variables ? [variables?: Variables] : [variables: Variables];

/**
 * Sends one generated operation to the API at `/graphql` (same origin: the dev server proxies it,
 * so the HttpOnly `session` cookie is first-party) and returns its typed `data`.
 *
 * Each operation goes with its text and its hash from `persisted-documents.json`: a server that
 * accepts any operation runs the text, one with PERSISTED_OPERATIONS=only runs what it stored for
 * the hash. Expected failures (a taken email, a bad field) are typed results inside `data`; only
 * failures of the whole operation throw.
 */
export async function execute<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  ...[variables]: VariablesArgument<Variables>
): Promise<Result> {
  const sha256Hash: unknown = document.__meta__?.["hash"];
  const response = await fetch("/graphql", {
    method: "POST",
    // JSON makes this a request browsers preflight across origins: the server's CSRF protection
    // lets it through without any extra header.
    headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
    credentials: "same-origin",
    body: JSON.stringify({
      query: document.toString(),
      variables,
      extensions: typeof sha256Hash === "string" ? { persistedQuery: { version: 1, sha256Hash } } : undefined,
    }),
  });
  if (!(response.headers.get("content-type") ?? "").includes("json")) {
    throw new GraphQLRequestError(`The API answered HTTP ${response.status}.`, undefined);
  }
  const body = (await response.json()) as GraphQLResponse<Result>;
  const [firstError] = body.errors ?? [];
  if (firstError || body.data == null) {
    throw new GraphQLRequestError(firstError?.message ?? `HTTP ${response.status}`, firstError?.extensions?.code);
  }
  return body.data;
}
