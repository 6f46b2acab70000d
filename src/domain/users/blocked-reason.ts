// Why an admin blocked a user is kept in privateMetadata, which only admins read (the API's
// `User.privateMetadata`), so it travels with the user without a column the API would not show.
// It belongs to the block: any unblocking removes it.
export const blockedReasonKey = "blockedReason";

export function blockedReason(privateMetadata: unknown): string | undefined {
  const reason = (privateMetadata as Record<string, unknown> | null)?.[blockedReasonKey];
  return typeof reason === "string" ? reason : undefined;
}
