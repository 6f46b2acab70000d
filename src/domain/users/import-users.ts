import type { ServiceDependencies } from "../dependencies.ts";
import { ConflictError, PasswordPolicyError, ValidationError } from "../errors.ts";
import { createUserConflictFieldNames, prepareUser, type CreatedUser } from "./create-user.ts";
import { insertUsers, type UniqueField } from "./insert-user.ts";
import { inSavepoint, type DriverQueries } from "../../db/bulk-rows.ts";
import { isDeadlock, isUniqueViolation, retryingDeadlocks } from "../../db/errors.ts";
import { uniqueValuesOf, type NewUser, type UniqueValues } from "./new-user.ts";
import { uuidV7 } from "./uuid-v7.ts";
import type { CreateUserInput } from "./user-input.ts";

export const maximumImportRows = 1000;

type ExpectedFailure = ValidationError | ConflictError | PasswordPolicyError;
export type ImportRowResult = CreatedUser | ExpectedFailure;

// Rows are hashed this many at a time: enough to keep the thread pool busy, few enough not to hold
// a thousand digests' memory at once.
const concurrentRows = 16;

// A batch that met a concurrent writer is judged again against the users stored by then and tried
// again whole, this many times in all, before its rows are written one by one.
const batchAttempts = 3;

/**
 * Creates up to 1000 users with the rules of createUser; results come back in input order and a bad
 * row never blocks the good ones. Rows are judged as if they ran one after another: a row gets the
 * ConflictError for every field whose value another user already has or an earlier row of the batch
 * will write. The rows that pass are written together in one statement (`insertUsers`). Should that
 * batch meet a unique violation after all (a concurrent writer took a value meanwhile), it is judged
 * again against what is stored now and written again in one statement. Only a batch that keeps
 * losing races is written one by one, each row behind its own savepoint, so only the row that lost
 * the race fails, and a row refused only for repeating a value of such a row gets its turn. Either
 * way the batch is one transaction: a call that fails writes nothing.
 */
export async function importUsers(dependencies: ServiceDependencies, rows: CreateUserInput[]): Promise<ImportRowResult[]> {
  const prepared = await mapConcurrently(rows, (row) => settle(prepareUser(dependencies, row)));
  const keysOfRows = prepared.map((row) => ("value" in row ? uniqueKeysOf(uniqueValuesOf(row.value)) : []));
  // Ids are time-ordered and users are listed by id: taken now, in input order, they keep the batch
  // in that order however its rows come to be written.
  const userIds = rows.map(() => uuidV7());
  for (let attempt = 1; ; attempt++) {
    const stored = await storedKeys(dependencies.statements, keysOfRows.flat());
    const { results, writable, refusedOnlyAsRepeats } = judgedRows(prepared, keysOfRows, stored, userIds);
    try {
      const written = await insertUsers(dependencies.statements, writable.map((row) => row.user), writable.map((row) => row.id));
      writable.forEach((row, position) => (results[row.index] = { userId: row.id, user: written[position]! }));
    } catch (error) {
      // A taken value, or a deadlock with another write of the same values.
      if (!isUniqueViolation(error) && !isDeadlock(error)) throw error;
      if (attempt < batchAttempts) continue;
      // Row by row, each row meets only its own conflicts. In one transaction, so that a fault on
      // the way (the connection lost, a statement timeout) undoes the rows already written: the
      // caller, told only that the call failed, never learns their ids. Its statements run one after
      // another on one connection, and each savepoint is a subtransaction of PostgreSQL's, which
      // only a batch that lost its races again and again pays for.
      await dependencies.statements.transaction(async (transaction) => {
        for (const row of writable) results[row.index] = await insertedRow(transaction, row.user, keysOfRows[row.index]!, row.id);
        await admitRepeatsOfUnwrittenRows(transaction, prepared, keysOfRows, refusedOnlyAsRepeats, results, userIds);
      });
    }
    const mailed = prepared.some((row, index) => "value" in row && row.value.emailVerification && "userId" in results[index]!);
    if (mailed) dependencies.mailQueued();
    return results;
  }
}

/** A row that passed its checks, to be written with the id taken for it. */
interface WritableRow {
  index: number;
  user: NewUser;
  id: string;
}

/**
 * The rows judged in input order against the values `stored` and those of the earlier rows that
 * will be written: the failures in their places (a writable row's place is taken by its user once
 * written, or by its own failure), the rows to write, and the rows refused only for repeating an
 * earlier row's value.
 */
function judgedRows(
  prepared: Settled<NewUser>[],
  keysOfRows: string[][],
  stored: ReadonlySet<string>,
  userIds: readonly string[],
): { results: ImportRowResult[]; writable: WritableRow[]; refusedOnlyAsRepeats: Set<number> } {
  // A row that will not be written claims nothing, so it cannot block a later good row that has one
  // of its values.
  const claimed = new Set<string>();
  const refusedOnlyAsRepeats = new Set<number>();
  const checked = prepared.map((row, index): Settled<NewUser> => {
    if ("failure" in row) return row;
    const keys = keysOfRows[index]!;
    const conflict = conflictAmong(keys, [stored, claimed]);
    if (!conflict) keys.forEach((key) => claimed.add(key));
    else if (!conflictAmong(keys, [stored])) refusedOnlyAsRepeats.add(index);
    return conflict ? { failure: conflict } : row;
  });
  return {
    results: checked.map((row) => ("failure" in row ? row.failure : undefined)) as ImportRowResult[],
    writable: checked.flatMap((row, index) => ("value" in row ? [{ index, user: row.value, id: userIds[index]! }] : [])),
    refusedOnlyAsRepeats,
  };
}

/**
 * After rows were written one by one, a row refused only for repeating a value of an earlier row is
 * judged again, in input order, against the rows that were written: the earlier row may have lost
 * its race.
 */
async function admitRepeatsOfUnwrittenRows(
  transaction: DriverQueries,
  prepared: Settled<NewUser>[],
  keysOfRows: string[][],
  refusedOnlyAsRepeats: ReadonlySet<number>,
  results: ImportRowResult[],
  userIds: readonly string[],
): Promise<void> {
  const written = new Set<string>();
  for (const [index, row] of prepared.entries()) {
    if (!("value" in row)) continue;
    const keys = keysOfRows[index]!;
    if (refusedOnlyAsRepeats.has(index)) results[index] = conflictAmong(keys, [written]) ?? (await insertedRow(transaction, row.value, keys, userIds[index]!));
    if ("userId" in results[index]!) keys.forEach((key) => written.add(key));
  }
}

/**
 * Writes one row, whose unique values are `keys`, in the transaction that writes a batch row by row,
 * behind a savepoint of its own. A row that meets a value another writer took is undone alone and
 * answered the ConflictError naming the fields whose values are stored now; a deadlock with that
 * writer is tried again first, then judged the same way. Any other failure is thrown, and undoes
 * the whole batch.
 */
async function insertedRow(transaction: DriverQueries, user: NewUser, keys: readonly string[], id: string): Promise<ImportRowResult> {
  try {
    const [written] = await retryingDeadlocks(() => inSavepoint(transaction, () => insertUsers(transaction, [user], [id])));
    return { userId: id, user: written! };
  } catch (error) {
    if (!isUniqueViolation(error) && !isDeadlock(error)) throw error;
    // Looked up in the transaction: through the Prisma client, on the embedded database, which
    // runs one transaction at a time, the look-up would wait for this one to end, for ever.
    const taken = await storedKeys(transaction, keys);
    // The other writer's row may be gone by now, or not yet committed (a deadlock): the violation
    // still stands, so every unique field of the row is named.
    const conflict = conflictAmong(keys, [taken.size > 0 ? taken : new Set(keys)]);
    // A row without unique values cannot lose a race for one.
    if (!conflict) throw error;
    return conflict;
  }
}

const uniqueFields: readonly UniqueField[] = ["email", "phoneNumber", "web3Wallet", "username", "externalId", "identities"];

/** A row's unique values as `field\u0000value`: the form in which stored and claimed values are compared. */
function uniqueKeysOf(values: UniqueValues): string[] {
  const valuesByField: Record<UniqueField, Array<string | undefined>> = {
    email: values.emailNormalized,
    phoneNumber: values.phoneNumbers,
    web3Wallet: values.walletNormalized,
    username: [values.usernameNormalized],
    externalId: [values.externalId],
    identities: values.identities.map((identity) => `${identity.provider}\u0000${identity.providerUserId}`),
  };
  return uniqueFields.flatMap((field) => valuesByField[field].flatMap((value) => (value === undefined ? [] : [`${field}\u0000${value}`])));
}

const fieldOfKey = (key: string) => key.slice(0, key.indexOf("\u0000")) as UniqueField;

/** The ConflictError naming every field of `keys` found in one of `holders`, if any is. */
function conflictAmong(keys: readonly string[], holders: ReadonlyArray<ReadonlySet<string>>): ConflictError | undefined {
  const fields = new Set(keys.filter((key) => holders.some((holder) => holder.has(key))).map(fieldOfKey));
  if (fields.size === 0) return undefined;
  return new ConflictError(uniqueFields.filter((field) => fields.has(field)).map((field) => createUserConflictFieldNames[field]));
}

/**
 * Which of `keys` other users already have, in one statement: one snapshot of the database, where
 * look-ups run apart could each see another moment, and name only some of the fields that a
 * concurrent import has just taken. Each field's values go as one JSON parameter: a batch may hold
 * 20,000 of them, and a condition per value would pass the 32,766 parameters a query may have.
 */
async function storedKeys(statements: DriverQueries, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const valuesOf = (field: UniqueField) => keys.filter((key) => fieldOfKey(key) === field).map((key) => key.slice(field.length + 1));
  const rows = await statements.query<{ field: UniqueField; value: string; providerUserId: string | null }>(
    `SELECT 'email' AS field, "emailNormalized" AS value, NULL AS "providerUserId" FROM "EmailAddress"
       WHERE "emailNormalized" IN (SELECT jsonb_array_elements_text($1::jsonb))
     UNION ALL SELECT 'phoneNumber', "phoneNumber", NULL FROM "PhoneNumber" WHERE "phoneNumber" IN (SELECT jsonb_array_elements_text($2::jsonb))
     UNION ALL SELECT 'web3Wallet', "addressNormalized", NULL FROM "Web3Wallet" WHERE "addressNormalized" IN (SELECT jsonb_array_elements_text($3::jsonb))
     UNION ALL SELECT 'username', "usernameNormalized", NULL FROM "User" WHERE "usernameNormalized" IN (SELECT jsonb_array_elements_text($4::jsonb))
     UNION ALL SELECT 'externalId', "externalId", NULL FROM "User" WHERE "externalId" IN (SELECT jsonb_array_elements_text($5::jsonb))
     UNION ALL SELECT 'identities', provider::text, "providerUserId" FROM "Identity"
       WHERE (provider::text, "providerUserId") IN (SELECT key->>0, key->>1 FROM jsonb_array_elements($6::jsonb) AS key)`,
    [
      ...(["email", "phoneNumber", "web3Wallet", "username", "externalId"] as const).map((field) => JSON.stringify(valuesOf(field))),
      JSON.stringify(valuesOf("identities").map((key) => key.split("\u0000"))),
    ],
  );
  // An identity's key is `provider\u0000providerUserId`, which PostgreSQL text could not hold.
  return new Set(rows.map(({ field, value, providerUserId }) => [field, value, ...(providerUserId === null ? [] : [providerUserId])].join("\u0000")));
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
