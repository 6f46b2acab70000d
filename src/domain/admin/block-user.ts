import { z } from "zod";
import type { ServiceDependencies } from "../dependencies.ts";
import { NotFoundError } from "../errors.ts";
import { updateUser } from "../users/update-user.ts";
import { isUserId } from "../users/user-id.ts";
import { validateInput } from "../users/validate-input.ts";
import { boundedText } from "../users/validation/text.ts";

// The reason is kept in privateMetadata, which only admins read (the API's `User.privateMetadata`),
// so it travels with the user without a column the API would not show.
const reasonKey = "blockedReason";

const blockInput = z.object({ reason: boundedText(1000).optional() });

export function blockedReason(privateMetadata: unknown): string | undefined {
  const reason = (privateMetadata as Record<string, unknown> | null)?.[reasonKey];
  return typeof reason === "string" ? reason : undefined;
}

/**
 * Blocks or unblocks through the admin update, which ends a blocked user's sessions in the same
 * transaction. The reason replaces an earlier one; unblocking removes it. privateMetadata is
 * read, then written whole: an API update of it at the same moment could be overwritten.
 */
export async function setUserBlocked(
  dependencies: ServiceDependencies,
  userId: string,
  blocked: boolean,
  reason?: string,
): Promise<void> {
  const values = validateInput(blockInput, { reason }, () => []);
  const user = isUserId(userId)
    ? await dependencies.prisma.user.findUnique({ where: { id: userId }, select: { privateMetadata: true } })
    : null;
  if (!user) throw new NotFoundError("user");
  const { [reasonKey]: earlierReason, ...otherMetadata } = user.privateMetadata as Record<string, unknown>;
  const newReason = blocked ? values.reason : undefined;
  const metadataChanges =
    newReason === undefined && earlierReason === undefined
      ? {}
      : { privateMetadata: newReason === undefined ? otherMetadata : { ...otherMetadata, [reasonKey]: newReason } };
  await updateUser(dependencies, userId, { blocked, ...metadataChanges });
}
