import type { Prisma } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { SessionEndedError, ValidationError } from "../errors.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import { hashToken } from "../random-tokens.ts";
import type { RequestOrigin } from "../rate-limits/rate-limits.ts";
import { checkCurrentPassword } from "../sessions/current-password.ts";
import { nextUpdatedAt } from "./updated-at.ts";

// What a signed-in user's own changes of how their account is protected share (their second
// factor, their email addresses): proving who they are again with the current password, and the
// write under their row's lock that checks the session they came with is still open.

/** The signed-in user changing their own account, and where the request comes from. */
export interface SelfServiceCaller {
  origin: RequestOrigin;
  /** The session the request came with: the change is written only while it is open, and it stays open when the password changes. */
  sessionToken: string;
}

/** The same, with whose account it is. */
export interface OwnAccountCaller extends SelfServiceCaller {
  userId: string;
}

/**
 * Checks the current password, when the user has one (without one there is nothing to check it
 * against): a stolen session alone must not change how the account is protected. Counted as a
 * failed sign-in when wrong (`checkCurrentPassword`); an empty one is taken for none sent.
 */
export async function checkOwnPassword(
  dependencies: ServiceDependencies,
  caller: OwnAccountCaller,
  currentPassword: string | null | undefined,
  stored: StoredDigest | null,
  change: string,
): Promise<void> {
  if (!stored) return;
  if (currentPassword == null || currentPassword === "") {
    throw new ValidationError([{ path: ["currentPassword"], message: `Required to ${change}: send your current password.` }]);
  }
  await checkCurrentPassword(dependencies, caller.userId, caller.origin, currentPassword, stored);
}

/** The user's row as locked by `lockOwnAccount`. */
export interface LockedAccount {
  updatedAt: Date;
  totpLastUsedStep: bigint | null;
}

/**
 * Locks the user's row, as every write of the user takes it first (sign-in's, updateUser's), and
 * checks that the session the request came with is still open: a block, a password reset, a
 * sign-out everywhere or a deletion ends the user's sessions while holding that lock, so this sees
 * whether one of them ended the caller's, and then writes nothing.
 */
export async function lockOwnAccount(transaction: Prisma.TransactionClient, caller: OwnAccountCaller): Promise<LockedAccount> {
  const [locked] = await transaction.$queryRaw<LockedAccount[]>`
    SELECT "updatedAt", "totpLastUsedStep" FROM "User" WHERE id = ${caller.userId}::uuid FOR NO KEY UPDATE`;
  // A deleted user's sessions went with them.
  if (!locked || (await transaction.session.count({ where: { tokenHash: hashToken(caller.sessionToken) } })) === 0) throw new SessionEndedError();
  return locked;
}

/**
 * Writes the user's row for a change of their own account: sign-in reads the account again only
 * when a change it waited for wrote that row (see `openSessionStatement`), so every change of what
 * signs in writes it, with its own updatedAt.
 */
export async function writeAccountChange(
  transaction: Prisma.TransactionClient,
  userId: string,
  locked: LockedAccount,
  changes: Prisma.UserUpdateInput = {},
): Promise<void> {
  await transaction.user.update({ where: { id: userId }, data: { ...changes, updatedAt: nextUpdatedAt(locked.updatedAt) }, select: { id: true } });
}
