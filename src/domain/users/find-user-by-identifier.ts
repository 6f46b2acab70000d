import type { Prisma } from "../../generated/prisma/client.ts";
import { normalizeEmailAddress } from "./validation/email-address.ts";
import { toE164 } from "./validation/phone-number.ts";
import { usernameKey } from "./validation/username.ts";
import { isStorableText } from "./validation/text.ts";

/** The stored keys a sign-in identifier can match, one per form it can be read as. */
export interface IdentifierKeys {
  emailNormalized?: string;
  usernameNormalized?: string;
  phoneNumber?: string;
}

/**
 * Where a sign-in identifier can point: an email address (any case), a phone number in any form
 * libphonenumber-js parses (compared as E.164), or a username (any case). Usernames cannot
 * contain "@" or start with "+", so the forms never name two different users. No key at all
 * means no user.
 */
export function identifierKeys(identifier: string): IdentifierKeys {
  const trimmed = identifier.trim();
  // Text the database cannot hold cannot name anyone (and must not reach the database as a query).
  if (!isStorableText(trimmed)) return {};
  if (trimmed.includes("@")) return { emailNormalized: normalizeEmailAddress(trimmed).emailNormalized };
  const phoneNumber = toE164(trimmed);
  return { usernameNormalized: usernameKey(trimmed), ...(phoneNumber ? { phoneNumber } : {}) };
}

/** `identifierKeys` as Prisma conditions on a user, any of which names them. */
export function identifierConditions(identifier: string): Prisma.UserWhereInput[] {
  const { emailNormalized, usernameNormalized, phoneNumber } = identifierKeys(identifier);
  return [
    ...(emailNormalized ? [{ emailAddresses: { some: { emailNormalized } } }] : []),
    ...(usernameNormalized ? [{ usernameNormalized }] : []),
    ...(phoneNumber ? [{ phoneNumbers: { some: { phoneNumber } } }] : []),
  ];
}
