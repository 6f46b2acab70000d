import { z } from "zod";
import type { ServiceDependencies } from "../dependencies.ts";
import { updateUser, type PrivateMetadataEntry } from "../users/update-user.ts";
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
 * Blocks or unblocks through the admin update, which ends a blocked user's sessions and writes the
 * reason's one privateMetadata key in the same transaction. A reason replaces an earlier one;
 * blocking again without one keeps it (an operator repeating the block, or ending sessions again,
 * should not lose why); unblocking removes it.
 */
export async function setUserBlocked(
  dependencies: ServiceDependencies,
  userId: string,
  blocked: boolean,
  reason?: string,
): Promise<void> {
  const values = validateInput(blockInput, { reason }, () => []);
  const keepsEarlierReason = blocked && values.reason === undefined;
  const reasonChange: PrivateMetadataEntry = { key: reasonKey, value: blocked ? values.reason : undefined };
  await updateUser(dependencies, userId, { blocked }, keepsEarlierReason ? undefined : reasonChange);
}
