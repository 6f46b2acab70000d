import { inOneStatement, insertStatements, type DriverQueries, type Statement } from "../../db/bulk-rows.ts";
import { isUniqueViolation, retryingDeadlocks } from "../../db/errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { ConflictError } from "../errors.ts";
import { toTableRows, uniqueValuesOf, type NewUser, type UniqueValues, type WrittenUser } from "./new-user.ts";
import { uuidV7 } from "./uuid-v7.ts";

export type UniqueField = "email" | "phoneNumber" | "web3Wallet" | "username" | "externalId" | "identities";

/** How each operation names a unique field in its input, for `ConflictError.fields`. */
export type ConflictFieldNames = Record<UniqueField, string>;

/**
 * Writes the user with everything that belongs to them in one statement (`insertUsers`). The
 * database's unique indexes decide races: of two concurrent writes of one value exactly one
 * commits, and the other becomes a ConflictError naming every taken field (looked up only on this
 * failure path, so success costs no extra query). `alongside` are statements that must take effect
 * with the user or not at all (for `inOneStatement`, their rows in `$1`); `id` is a new one unless
 * given. `beforeCommit` runs once the rows are written, before they are committed, so only a write
 * that has won its unique values gets to it (the others wait for it to commit, then conflict);
 * throwing there writes nothing and is what `insertUser` throws. Answers the user as written.
 */
export async function insertUser(
  { prisma, statements }: Pick<ServiceDependencies, "prisma" | "statements">,
  user: NewUser,
  fieldNames: ConflictFieldNames,
  {
    alongside = [],
    id = uuidV7(),
    beforeCommit,
  }: { alongside?: readonly Statement[]; id?: string; beforeCommit?: () => Promise<void> } = {},
): Promise<WrittenUser> {
  const write = (queries: DriverQueries) => insertUsers(queries, [user], [id], alongside);
  try {
    const [written] = await retryingDeadlocks(() =>
      beforeCommit
        ? statements.transaction(async (transaction) => {
            const rows = await write(transaction);
            await beforeCommit();
            return rows;
          })
        : write(statements),
    );
    return written!;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw await conflictError(prisma, uniqueValuesOf(user), fieldNames);
  }
}

/**
 * Writes users and their rows with the ids `userIds` in one statement, run by the driver itself
 * (`bulk-rows.ts`): one round trip whether it is one sign-up or a thousand imported users, and
 * nothing of it is written if any row fails. Answers the users as written, in order.
 */
export async function insertUsers(
  statements: DriverQueries,
  users: readonly NewUser[],
  userIds: readonly string[],
  alongside: readonly Statement[] = [],
): Promise<WrittenUser[]> {
  if (users.length === 0) return [];
  // Raw inserts get nothing from Prisma's client: the ids of child rows and @updatedAt come from here.
  const updatedAt = new Date();
  const { tables, written } = toTableRows(users, userIds, updatedAt);
  const withIds = (rows: Array<Record<string, unknown>>) => rows.map((row) => ({ id: uuidV7(), ...row }));
  const statement = inOneStatement([
    ...alongside,
    ...insertStatements("User", tables.users),
    ...insertStatements("EmailAddress", withIds(tables.emailAddresses)),
    ...insertStatements("PhoneNumber", withIds(tables.phoneNumbers)),
    ...insertStatements("Web3Wallet", withIds(tables.web3Wallets)),
    ...insertStatements("Identity", withIds(tables.identities)),
    ...insertStatements("Profile", tables.profiles),
    ...insertStatements("Address", withIds(tables.addresses)),
    ...insertStatements("PasswordCredential", tables.passwordCredentials.map((row) => ({ ...row, updatedAt }))),
    ...insertStatements("TotpCredential", tables.totpCredentials),
    ...insertStatements("BackupCode", withIds(tables.backupCodes)),
    ...insertStatements("EmailVerificationToken", withIds(tables.emailVerificationTokens)),
    ...insertStatements("OutboxMessage", withIds(tables.outboxMessages)),
    ...insertStatements("Session", withIds(tables.sessions)),
  ]);
  await statements.query(statement.sql, statement.parameters);
  return written;
}

/**
 * The ConflictError for a unique violation: names every field whose value another user holds
 * (`exceptUserId`'s own rows do not count, for updates).
 */
export async function conflictError(
  prisma: PrismaClient,
  values: UniqueValues,
  fieldNames: ConflictFieldNames,
  exceptUserId?: string,
): Promise<ConflictError> {
  const taken = await takenFields(prisma, values, exceptUserId);
  // The competing row can be deleted before we look; the violation still stands, so name every
  // unique field the write had.
  return new ConflictError((taken.length > 0 ? taken : presentFields(values)).map((field) => fieldNames[field]));
}

function presentFields(values: UniqueValues): UniqueField[] {
  const present: Record<UniqueField, boolean> = {
    email: values.emailNormalized.length > 0,
    phoneNumber: values.phoneNumbers.length > 0,
    web3Wallet: values.walletNormalized.length > 0,
    username: values.usernameNormalized !== undefined,
    externalId: values.externalId !== undefined,
    identities: values.identities.length > 0,
  };
  return (Object.keys(present) as UniqueField[]).filter((field) => present[field]);
}

async function takenFields(prisma: PrismaClient, values: UniqueValues, exceptUserId?: string): Promise<UniqueField[]> {
  const otherUser = exceptUserId === undefined ? {} : { userId: { not: exceptUserId } };
  const otherUserRow = exceptUserId === undefined ? {} : { id: { not: exceptUserId } };
  const [emails, phones, wallets, usernames, externalIds, identities] = await Promise.all([
    prisma.emailAddress.count({ where: { emailNormalized: { in: values.emailNormalized }, ...otherUser } }),
    prisma.phoneNumber.count({ where: { phoneNumber: { in: values.phoneNumbers }, ...otherUser } }),
    prisma.web3Wallet.count({ where: { addressNormalized: { in: values.walletNormalized }, ...otherUser } }),
    values.usernameNormalized
      ? prisma.user.count({ where: { usernameNormalized: values.usernameNormalized, ...otherUserRow } })
      : 0,
    values.externalId ? prisma.user.count({ where: { externalId: values.externalId, ...otherUserRow } }) : 0,
    values.identities.length > 0 ? prisma.identity.count({ where: { OR: values.identities, ...otherUser } }) : 0,
  ]);
  const counts: Record<UniqueField, number> = {
    email: emails,
    phoneNumber: phones,
    web3Wallet: wallets,
    username: usernames,
    externalId: externalIds,
    identities,
  };
  return (Object.keys(counts) as UniqueField[]).filter((field) => counts[field] > 0);
}
