import { readFileSync } from "node:fs";
import { parse } from "graphql";
import { z } from "zod";

/** Hash -> operation text: the operations a typed client was generated with. */
export type PersistedOperations = ReadonlyMap<string, string>;

// GraphQL Code Generator's client preset writes this shape as persisted-documents.json.
const manifestSchema = z.record(z.string().min(1), z.string().min(1));

/**
 * Reads a persisted-operations manifest, checking that every operation parses, so that a
 * truncated or hand-edited file stops the start instead of failing requests later. The message of
 * what it throws completes "PERSISTED_OPERATIONS_FILE <file> ...".
 */
export function readPersistedOperations(file: string): PersistedOperations {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`cannot be read (${reason}): run \`npm run codegen\`, or point it at your client's persisted-documents.json`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("is not JSON");
  }
  const manifest = manifestSchema.safeParse(json);
  if (!manifest.success) throw new Error("is not an object of operation hash -> operation text");
  const operations = new Map(Object.entries(manifest.data));
  if (operations.size === 0) throw new Error("lists no operations");
  for (const [hash, operation] of operations) {
    try {
      parse(operation);
    } catch (error) {
      throw new Error(`holds an operation that does not parse (${hash}): ${(error as Error).message}`);
    }
  }
  return operations;
}
