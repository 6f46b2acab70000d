import type { Prisma } from "../../generated/prisma/client.ts";
import { normalizeEmailAddress } from "./validation/email-address.ts";
import { toE164 } from "./validation/phone-number.ts";
import { isStorableText, nameMaximumLength } from "./validation/text.ts";
import { usernameKey } from "./validation/username.ts";

export interface UserSearch {
  /** Case-insensitive text found in any part of an email address, phone number, username or name. */
  query?: string | null;
  email?: string | null;
  phoneNumber?: string | null;
  username?: string | null;
  externalId?: string | null;
  blocked?: boolean | null;
}

// A filter value that cannot be normalized matches no one (rather than everyone).
const matchesNoOne: Prisma.UserWhereInput = { id: { in: [] } };

/**
 * The filter for the admin `users` list. Exact filters compare normalized values, so they use
 * the same unique indexes that keep values unique.
 */
export function userSearchCondition(search: UserSearch): Prisma.UserWhereInput {
  const texts = [search.query, search.email, search.phoneNumber, search.username, search.externalId];
  // Text the database cannot hold matches no one, and must not reach the database as a query.
  if (texts.some((text) => text != null && !isStorableText(text))) return matchesNoOne;
  const conditions: Prisma.UserWhereInput[] = [];
  if (search.email != null) {
    conditions.push({ emailAddresses: { some: { emailNormalized: normalizeEmailAddress(search.email).emailNormalized } } });
  }
  if (search.phoneNumber != null) {
    const e164 = toE164(search.phoneNumber);
    conditions.push(e164 ? { phoneNumbers: { some: { phoneNumber: e164 } } } : matchesNoOne);
  }
  if (search.username != null) conditions.push({ usernameNormalized: usernameKey(search.username.trim()) });
  // Stored trimmed, as createUser was given it.
  if (search.externalId != null) conditions.push({ externalId: search.externalId.trim() });
  if (search.blocked != null) conditions.push({ blocked: search.blocked });
  const typed = search.query?.trim();
  // Longer in both forms than the longest value it is looked for in (a name) is part of no one's:
  // a pasted megabyte would otherwise be matched with ILIKE against every user's names, for minutes.
  if (typed && Math.min(typed.normalize("NFC").length, typed.normalize("NFD").length) > nameMaximumLength) return matchesNoOne;
  if (typed) {
    // Prisma's `contains` is SQL LIKE: % and _ typed by a person must match themselves.
    const likeLiteral = (value: string) => value.replace(/[\\%_]/g, "\\$&");
    // Email addresses are stored lower-cased and in NFC.
    const text = typed.normalize("NFC").toLowerCase();
    // Names are stored as given, accents composed (NFC) or not (NFD, as macOS types them): the query
    // is looked for in both forms. Their case is left to the database (ILIKE), which lowers "İ" in the
    // query as in the stored name, where JavaScript would make it "i" and a combining dot.
    const nameForms = [...new Set([typed.normalize("NFC"), typed.normalize("NFD")])].map(likeLiteral);
    conditions.push({
      OR: [
        { emailAddresses: { some: { emailNormalized: { contains: likeLiteral(text) } } } },
        ...phoneNumberParts(text).map((part) => ({ phoneNumbers: { some: { phoneNumber: { contains: part } } } })),
        { usernameNormalized: { contains: likeLiteral(usernameKey(text)) } },
        ...nameForms.flatMap((form) => [
          { name: { contains: form, mode: "insensitive" as const } },
          { firstName: { contains: form, mode: "insensitive" as const } },
          { lastName: { contains: form, mode: "insensitive" as const } },
        ]),
      ],
    });
  }
  return { AND: conditions };
}

/**
 * What part of a stored (E.164) phone number `text` may be: only text that looks like (part of) a
 * phone number is one, by its digits as typed, and also with an international prefix `00` written
 * as `+` and a trunk prefix `(0)` left out, as Europeans write their numbers (`0033 6…` and
 * `+33 (0)6…` are `+336…`).
 */
function phoneNumberParts(text: string): string[] {
  if (!/^[\d\s+().-]+$/.test(text)) return [];
  const digits = (value: string) => value.replace(/[^\d+]/g, "");
  const international = digits(text.replace(/^00/, "+").replaceAll("(0)", ""));
  return [...new Set([digits(text), international])].filter((part) => part.length > 0);
}

/** A page of the `users` list as Pothos's connection asks for it: a cursor, a row to skip, how many. */
export interface UserPage {
  cursor?: { id?: string };
  skip?: number;
  take?: number;
}

/**
 * The page's rows as keyset pagination: those whose id comes after the cursor's (before it, paging
 * back with a negative `take`), ids being unique and in the order users were stored. Prisma's own
 * `cursor` (with `skip: 1` for the cursor's row) finds where to start by reading the cursor's row:
 * a cursor whose user was deleted meanwhile would give an empty last page, and one whose user no
 * longer matches the filter (unblocked while a back office pages through the blocked) would skip
 * the first user that does.
 */
export function userPage<Page extends UserPage>(page: Page, where: Prisma.UserWhereInput) {
  const { cursor, skip: _cursorRow, ...rest } = page;
  const orderBy = { id: "asc" } as const;
  if (cursor?.id === undefined) return { ...rest, where, orderBy };
  const afterCursor: Prisma.UserWhereInput = { id: (rest.take ?? 0) < 0 ? { lt: cursor.id } : { gt: cursor.id } };
  return { ...rest, where: { AND: [where, afterCursor] }, orderBy };
}
