import { canonicalUuid } from "../canonical-uuid.ts";

/** `value` as the database gives user ids back (lower case), or undefined when it is no user id. */
export function canonicalUserId(value: string): string | undefined {
  return canonicalUuid(value);
}
