import { isUniqueViolation } from "../../db/errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ConflictError } from "../errors.ts";
import type { RandomToken } from "../random-tokens.ts";
import { toCreateData, uniqueValuesOf, type NewUser, type UniqueValues } from "./new-user.ts";

export type UniqueField = "email" | "phoneNumber" | "web3Wallet" | "username" | "externalId" | "identities";

/** How each operation names a unique field in its input, for `ConflictError.fields`. */
export type ConflictFieldNames = Record<UniqueField, string>;

/**
 * Writes the user in one nested create. The database's unique indexes decide races: of two
 * concurrent writes of one value exactly one commits, and the other becomes a ConflictError naming
 * every taken field (looked up only on this failure path, so success costs no extra query).
 */
export async function insertUser(
  prisma: PrismaClient,
  user: NewUser,
  fieldNames: ConflictFieldNames,
  session?: RandomToken,
): Promise<{ id: string }> {
  try {
    return await prisma.user.create({ data: toCreateData(user, session), select: { id: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw await conflictError(prisma, uniqueValuesOf(user), fieldNames);
  }
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
