import type { ServiceDependencies } from "../dependencies.ts";
import { ConflictError, PasswordPolicyError, ValidationError } from "../errors.ts";
import { createUserConflictFieldNames, prepareUser } from "./create-user.ts";
import { insertUser, type UniqueField } from "./insert-user.ts";
import { uniqueValuesOf, type NewUser, type UniqueValues } from "./new-user.ts";
import type { CreateUserInput } from "./user-input.ts";

export const maximumImportRows = 1000;

type ExpectedFailure = ValidationError | ConflictError | PasswordPolicyError;
export type ImportRowResult = { userId: string } | ExpectedFailure;

// Hashing and writing overlap this many rows at a time: enough to keep the thread pool and the
// database connections busy, few enough not to hold a thousand digests' memory at once.
const concurrentRows = 16;

/**
 * Creates up to 1000 users with the rules of createUser. Each row is its own transaction, so a bad
 * row never blocks the good ones; results come back in input order. A row that repeats a unique
 * value of an earlier row of the same batch gets the ConflictError, as if the rows ran in order.
 */
export async function importUsers(dependencies: ServiceDependencies, rows: CreateUserInput[]): Promise<ImportRowResult[]> {
  const prepared = await mapConcurrently(rows, (row) => settle(prepareUser(dependencies, row)));
  const claimedByEarlierRows = new UniqueValueClaims();
  const ready = prepared.map((row): Settled<NewUser> => {
    if ("failure" in row) return row;
    const repeated = claimedByEarlierRows.claim(uniqueValuesOf(row.value));
    return repeated.length > 0
      ? { failure: new ConflictError(repeated.map((field) => createUserConflictFieldNames[field])) }
      : row;
  });
  return mapConcurrently(ready, async (row) => {
    if ("failure" in row) return row.failure;
    const inserted = await settle(insertUser(dependencies.prisma, row.value, createUserConflictFieldNames));
    return "failure" in inserted ? inserted.failure : { userId: inserted.value.id };
  });
}

type Settled<Value> = { value: Value } | { failure: ExpectedFailure };

/** The value, or the expected failure it was rejected with; anything else is a fault and rethrown. */
async function settle<Value>(work: Promise<Value>): Promise<Settled<Value>> {
  try {
    return { value: await work };
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConflictError || error instanceof PasswordPolicyError) {
      return { failure: error };
    }
    throw error;
  }
}

async function mapConcurrently<Item, Result>(items: Item[], work: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrentRows, items.length) }, worker));
  return results;
}

/** The unique values rows of one batch have claimed so far, by normalized value. */
class UniqueValueClaims {
  private readonly claimed = new Set<string>();

  /** Records the row's values and returns the fields whose values an earlier row claimed. */
  claim(values: UniqueValues): UniqueField[] {
    const keysByField: Array<[UniqueField, string[]]> = [
      ["email", values.emailNormalized],
      ["phoneNumber", values.phoneNumbers],
      ["web3Wallet", values.walletNormalized],
      ["username", values.usernameNormalized === undefined ? [] : [values.usernameNormalized]],
      ["externalId", values.externalId === undefined ? [] : [values.externalId]],
      ["identities", values.identities.map((identity) => `${identity.provider}\u0000${identity.providerUserId}`)],
    ];
    const repeated = keysByField
      .filter(([field, keys]) => keys.some((key) => this.claimed.has(`${field}\u0000${key}`)))
      .map(([field]) => field);
    if (repeated.length === 0) {
      for (const [field, keys] of keysByField) for (const key of keys) this.claimed.add(`${field}\u0000${key}`);
    }
    return repeated;
  }
}
