import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { NotFoundError } from "../errors.ts";
import { identifierConditions } from "../users/find-user-by-identifier.ts";
import { canonicalUserId } from "../users/user-id.ts";
import { blockedReason } from "../users/blocked-reason.ts";

// What an operator needs to recognise an account; no digest, secret, code or identity details
// (a connection's raw user object can hold its access tokens).
const userOverviewSelection = {
  id: true,
  externalId: true,
  username: true,
  name: true,
  firstName: true,
  lastName: true,
  blocked: true,
  privateMetadata: true,
  createdAt: true,
  lastSignInAt: true,
  emailAddresses: { select: { email: true, verified: true, primary: true }, orderBy: { primary: "desc" } },
  phoneNumbers: { select: { phoneNumber: true, verified: true, primary: true }, orderBy: { primary: "desc" } },
  identities: { select: { connection: true, provider: true, type: true, providerUserId: true }, orderBy: { position: "asc" } },
} satisfies Prisma.UserSelect;

export type UserOverview = Omit<Prisma.UserGetPayload<{ select: typeof userOverviewSelection }>, "privateMetadata"> & {
  /** Why the user was blocked, when `block-user --reason` said. */
  blockedReason?: string;
};

/**
 * The user an operator names: by id, or as sign-in matches an identifier (email address, phone
 * number, username). An id comes first: a username may look like one, an id names one user.
 */
export async function findUserByIdentifier(prisma: PrismaClient, identifier: string): Promise<UserOverview> {
  const trimmed = identifier.trim();
  const id = canonicalUserId(trimmed);
  const byId = id === undefined ? null : await prisma.user.findUnique({ where: { id }, select: userOverviewSelection });
  const conditions = identifierConditions(trimmed);
  const user = byId ?? (conditions.length > 0 ? await prisma.user.findFirst({ where: { OR: conditions }, select: userOverviewSelection }) : null);
  if (!user) throw new NotFoundError("user");
  const { privateMetadata, ...overview } = user;
  return { ...overview, blockedReason: user.blocked ? blockedReason(privateMetadata) : undefined };
}
