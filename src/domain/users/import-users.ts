import type { ServiceDependencies } from "../dependencies.ts";
import { ConflictError, PasswordPolicyError, ValidationError } from "../errors.ts";
import { createUserConflictFieldNames, prepareUser } from "./create-user.ts";
import { insertUser, insertUsers, type UniqueField } from "./insert-user.ts";
import { isDeadlock, isUniqueViolation } from "../../db/errors.ts";
import { existingValues } from "../../db/bulk-rows.ts";
import { uniqueValuesOf, type NewUser, type UniqueValues } from "./new-user.ts";
import { uuidV7 } from "./uuid-v7.ts";
import type { CreateUserInput } from "./user-input.ts";

export const maximumImportRows = 1000;

type ExpectedFailure = ValidationError | ConflictError | PasswordPolicyError;
export type ImportRowResult = { userId: string } | ExpectedFailure;

// Hashing and writing overlap this many rows at a time: enough to keep the thread pool and the
// database connections busy, few enough not to hold a thousand digests' memory at once.
const concurrentRows = 16;

/**
 * Creates up to 1000 users with the rules of createUser; results come back in input order and a bad
 * row never blocks the good ones. A row that repeats a unique value of an earlier row of the same
 * batch gets the ConflictError, as if the rows ran in order; so does a row whose value another user
 * already has. The rows that pass are written together in one statement (`insertUsers`). Should
 * that batch meet a unique violation after all (a concurrent writer took a value meanwhile), its
 * rows are written one by one instead, each in its own statement, so only the row that lost the
 * race fails.
 */
export async function importUsers(dependencies: ServiceDependencies, rows: CreateUserInput[]): Promise<ImportRowResult[]> {
  const prepared = await mapConcurrently(rows, (row) => settle(prepareUser(dependencies, row)));
  // Against the database first, then against earlier rows: a row that will not be written claims
  // nothing, so it cannot block a later good row that has one of its values.
  const notTaken = await withTakenValuesRefused(dependencies, prepared);
  const claimedByEarlierRows = new UniqueValueClaims();
  const checked = notTaken.map((row): Settled<NewUser> => {
    if ("failure" in row) return row;
    const repeated = claimedByEarlierRows.claim(uniqueValuesOf(row.value));
    return repeated.length > 0
      ? { failure: new ConflictError(repeated.map((field) => createUserConflictFieldNames[field])) }
      : row;
  });
  const writable = checked.flatMap((row, index) => ("value" in row ? [{ index, user: row.value }] : []));
  const results: ImportRowResult[] = checked.map((row) => ("failure" in row ? row.failure : { userId: "" }));
  const userIds = writable.map(() => uuidV7());
  try {
    await insertUsers(dependencies.statements, writable.map((row) => row.user), userIds);
    writable.forEach((row, position) => (results[row.index] = { userId: userIds[position]! }));
  } catch (error) {
    // A taken value, or a deadlock with another write of the same values: row by row, each row
    // meets only its own conflicts.
    if (!isUniqueViolation(error) && !isDeadlock(error)) throw error;
    await mapConcurrently(writable, async (row) => {
      const inserted = await settle(insertUser(dependencies, row.user, createUserConflictFieldNames));
      results[row.index] = "failure" in inserted ? inserted.failure : { userId: inserted.value.id };
    });
  }
  if (writable.some((row) => row.user.emailVerification)) dependencies.mailQueued();
  return results;
}

/** Rows whose unique values other users already have become ConflictErrors naming those fields. */
async function withTakenValuesRefused({ statements }: ServiceDependencies, rows: Settled<NewUser>[]): Promise<Settled<NewUser>[]> {
  const values = rows.map((row) => ("value" in row ? uniqueValuesOf(row.value) : undefined));
  const all = (pick: (value: UniqueValues) => Array<string | undefined>) =>
    values.flatMap((value) => (value ? pick(value) : [])).filter((item): item is string => item !== undefined);
  const identityKeys = values.flatMap((value) => value?.identities ?? []);
  const [emails, phones, wallets, usernames, externalIds, identities] = await Promise.all([
    existingValues(statements, "EmailAddress", "emailNormalized", all((value) => value.emailNormalized)),
    existingValues(statements, "PhoneNumber", "phoneNumber", all((value) => value.phoneNumbers)),
    existingValues(statements, "Web3Wallet", "addressNormalized", all((value) => value.walletNormalized)),
    existingValues(statements, "User", "usernameNormalized", all((value) => [value.usernameNormalized])),
    existingValues(statements, "User", "externalId", all((value) => [value.externalId])),
    existingIdentities(statements, identityKeys),
  ]);
  const taken = {
    email: new Set(emails),
    phoneNumber: new Set(phones),
    web3Wallet: new Set(wallets),
    username: new Set(usernames),
    externalId: new Set(externalIds),
    identities: new Set(identities.map((row) => `${row.provider}\u0000${row.providerUserId}`)),
  };
  return rows.map((row, index) => {
    const value = values[index];
    if (!value) return row;
    const takenFields = (
      [
        ["email", value.emailNormalized.some((email) => taken.email.has(email))],
        ["phoneNumber", value.phoneNumbers.some((phone) => taken.phoneNumber.has(phone))],
        ["web3Wallet", value.walletNormalized.some((wallet) => taken.web3Wallet.has(wallet))],
        ["username", value.usernameNormalized !== undefined && taken.username.has(value.usernameNormalized)],
        ["externalId", value.externalId !== undefined && taken.externalId.has(value.externalId)],
        ["identities", value.identities.some((identity) => taken.identities.has(`${identity.provider}\u0000${identity.providerUserId}`))],
      ] as Array<[UniqueField, boolean]>
    )
      .filter(([, isTaken]) => isTaken)
      .map(([field]) => createUserConflictFieldNames[field]);
    return takenFields.length > 0 ? { failure: new ConflictError(takenFields) } : row;
  });
}

/**
 * The identities among `keys` that are stored, as one JSON parameter: a batch may hold 20,000 of
 * them, and a condition per key would pass the 32,766 parameters a query may have.
 */
async function existingIdentities(
  statements: ServiceDependencies["statements"],
  keys: ReadonlyArray<{ provider: string; providerUserId: string }>,
): Promise<Array<{ provider: string; providerUserId: string }>> {
  if (keys.length === 0) return [];
  return statements.query(
    `SELECT provider::text AS provider, "providerUserId" FROM "Identity"
     WHERE (provider::text, "providerUserId") IN (SELECT key->>0, key->>1 FROM jsonb_array_elements($1::jsonb) AS key)`,
    [JSON.stringify(keys.map((key) => [key.provider, key.providerUserId]))],
  );
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
