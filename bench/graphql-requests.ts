import type { BenchTarget } from "./measurement.ts";

/** A GraphQL request body. */
export function graphqlBody(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

/** `Authorization` for admin operations on the server under test. */
export function adminHeaders(target: BenchTarget): Record<string, string> {
  return { authorization: `Bearer ${target.adminApiKey}` };
}

/**
 * A load's success check: HTTP 200 and the mutation `field` answered with `typename` (a union
 * member), so that a ValidationError or ConflictError counts as the failure it is.
 */
export function answeredWith(field: string, typename: string): (status: number, responseBody: string) => boolean {
  return (status, responseBody) => {
    if (status !== 200) return false;
    try {
      const parsed = JSON.parse(responseBody) as { data?: Record<string, { __typename?: string } | null> };
      return parsed.data?.[field]?.__typename === typename;
    } catch {
      return false;
    }
  };
}

/** Runs `task(0)` … `task(count - 1)`, at most `concurrency` at a time. */
export async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
