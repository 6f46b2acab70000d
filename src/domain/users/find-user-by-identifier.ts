import type { Prisma } from "../../generated/prisma/client.ts";
import { normalizeEmailAddress } from "./validation/email-address.ts";
import { toE164 } from "./validation/phone-number.ts";
import { usernameKey } from "./validation/username.ts";
import { isStorableText } from "./validation/text.ts";

/**
 * Where a sign-in identifier can point: an email address (any case), a phone number in any form
 * libphonenumber-js parses (compared as E.164), or a username (any case). Usernames cannot
 * contain "@" or start with "+", so the forms never name two different users. No condition at
 * all means no user.
 */
export function identifierConditions(identifier: string): Prisma.UserWhereInput[] {
  const trimmed = identifier.trim();
  // Text the database cannot hold cannot name anyone (and must not reach the database as a query).
  if (!isStorableText(trimmed)) return [];
  if (trimmed.includes("@")) {
    return [{ emailAddresses: { some: { emailNormalized: normalizeEmailAddress(trimmed).emailNormalized } } }];
  }
  const conditions: Prisma.UserWhereInput[] = [{ usernameNormalized: usernameKey(trimmed) }];
  const e164 = toE164(trimmed);
  if (e164) conditions.push({ phoneNumbers: { some: { phoneNumber: e164 } } });
  return conditions;
}
