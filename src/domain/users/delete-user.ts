import { retryingDeadlocks } from "../../db/errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { ForbiddenError, NotFoundError, SessionEndedError } from "../errors.ts";
import { canonicalUserId } from "./user-id.ts";

/**
 * Deletes a user and, through the foreign keys' ON DELETE CASCADE, their email addresses, phone
 * numbers, wallets, identities, profile and addresses, credentials and sessions: one statement,
 * so one transaction.
 *
 * The statement locks the user's row before any other (the cascades run after it), as sign-in and
 * every update do; still, among sign-ins queued for the same row, PostgreSQL can find a deadlock
 * between the deletion and the row's waiters (probe: DELETE against two sign-ins' FOR NO KEY
 * UPDATE) and end the deletion, which wrote nothing then: it runs again, as their statements do.
 */
export async function deleteUser(prisma: PrismaClient, id: string): Promise<{ deletedUserId: string }> {
  const userId = canonicalUserId(id);
  if (userId === undefined) throw new NotFoundError("user");
  const { count } = await retryingDeadlocks(() => prisma.user.deleteMany({ where: { id: userId } }));
  if (count === 0) throw new NotFoundError("user");
  return { deletedUserId: userId };
}

/** The caller of `deleteSelf`: their session, and when its sign-in happened. */
export interface SignedInCaller {
  userId: string;
  signedInAt: Date;
}

/**
 * seed 004 `deleteSelfEnabled`: users delete themselves only where that is allowed, and only from a
 * session signed in recently (Better Auth's "fresh session"): a session cookie stolen days after
 * its sign-in must not be enough to erase the account.
 */
export async function deleteSelf(
  dependencies: Pick<ServiceDependencies, "prisma" | "sessionFreshMilliseconds">,
  caller: SignedInCaller,
  now = new Date(),
): Promise<{ deletedUserId: string }> {
  const { prisma, sessionFreshMilliseconds } = dependencies;
  const fresh = now.getTime() - caller.signedInAt.getTime() <= sessionFreshMilliseconds;
  if (fresh) {
    // Run again when ended by a deadlock, as deleteUser's. Not a user blocked while the request ran:
    // the deletion waits for the block's row lock and then reads the row as the block left it.
    const { count } = await retryingDeadlocks(() =>
      prisma.user.deleteMany({ where: { id: caller.userId, deleteSelfEnabled: true, blocked: false } }),
    );
    if (count === 1) return { deletedUserId: caller.userId };
  }
  const user = await prisma.user.findUnique({ where: { id: caller.userId }, select: { deleteSelfEnabled: true, blocked: true } });
  if (!user) throw new NotFoundError("user");
  // The block ended the session the request came with.
  if (user.blocked) throw new SessionEndedError();
  // A fresh session got here only because the deletion found the flag off (it may be on again now).
  if (fresh || !user.deleteSelfEnabled) {
    throw new ForbiddenError(["deleteSelfEnabled"], "This account may not delete itself (deleteSelfEnabled is false).");
  }
  const minutes = Math.round(sessionFreshMilliseconds / 60_000);
  throw new ForbiddenError(
    ["session"],
    `Deleting the account needs a recent sign-in: sign in again, then retry (this session's sign-in is over ${minutes} minutes old).`,
  );
}
