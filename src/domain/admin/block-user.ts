import { z } from "zod";
import type { ServiceDependencies } from "../dependencies.ts";
import { updateUser, type PrivateMetadataEntry } from "../users/update-user.ts";
import { validateInput } from "../users/validate-input.ts";
import { boundedText } from "../users/validation/text.ts";
import { blockedReasonKey } from "../users/blocked-reason.ts";

const blockInput = z.object({ reason: boundedText(1000).optional() });

/**
 * Blocks or unblocks through the admin update, which ends a blocked user's sessions and writes the
 * reason's one privateMetadata key in the same transaction. A reason replaces an earlier one;
 * blocking again without one keeps it (an operator repeating the block, or ending sessions again,
 * should not lose why); unblocking removes it (updateUser does, for any unblocking).
 */
export async function setUserBlocked(
  dependencies: ServiceDependencies,
  userId: string,
  blocked: boolean,
  reason?: string,
): Promise<void> {
  const values = validateInput(blockInput, { reason }, () => []);
  const newReason: PrivateMetadataEntry | undefined = blocked && values.reason !== undefined ? { key: blockedReasonKey, value: values.reason } : undefined;
  await updateUser(dependencies, userId, { blocked }, { privateMetadataEntry: newReason });
}
