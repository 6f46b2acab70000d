import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { isUserId } from "./user-id.ts";

/**
 * Deletes a user and, through the foreign keys' ON DELETE CASCADE, their email addresses, phone
 * numbers, wallets, identities, profile and addresses, credentials and sessions: one statement,
 * so one transaction.
 */
export async function deleteUser(prisma: PrismaClient, userId: string): Promise<{ deletedUserId: string }> {
  if (!isUserId(userId)) throw new NotFoundError("user");
  const { count } = await prisma.user.deleteMany({ where: { id: userId } });
  if (count === 0) throw new NotFoundError("user");
  return { deletedUserId: userId };
}

/** seed 004 `deleteSelfEnabled`: users delete themselves only where that is allowed. */
export async function deleteSelf(prisma: PrismaClient, userId: string): Promise<{ deletedUserId: string }> {
  const { count } = await prisma.user.deleteMany({ where: { id: userId, deleteSelfEnabled: true } });
  if (count === 0) {
    const exists = await prisma.user.count({ where: { id: userId } });
    if (exists === 0) throw new NotFoundError("user");
    throw new ForbiddenError(["deleteSelfEnabled"], "This account may not delete itself (deleteSelfEnabled is false).");
  }
  return { deletedUserId: userId };
}
