import type { Prisma } from "../../generated/prisma/client.ts";
import { canonicalUuid } from "../canonical-uuid.ts";
import type { ServiceDependencies } from "../dependencies.ts";

// A signed-in user's view of their own sessions: which devices are signed in, and ending one of
// them, or all but this one, without signing out everywhere.

/** The request's own session: whose sessions are listed, and which of them is "current". */
export interface SessionCaller {
  userId: string;
  sessionId: string;
}

/** One open session, without its token (or the token's hash): the list must not sign anyone in. */
export interface SessionSummary {
  id: string;
  signedInAt: Date;
  lastSeenAt: Date;
  /** The end of the session unless it is used: the earlier of its sliding expiry and its maximum lifetime's end. */
  expiresAt: Date;
  /** The session of the request that asked. */
  current: boolean;
  /** Where the session was opened from: the User-Agent and client IP address of its sign-in or sign-up (null for none, or for a session opened before they were kept). */
  userAgent: string | null;
  ipAddress: string | null;
}

type Dependencies = Pick<ServiceDependencies, "prisma" | "sessionMaxLifetimeMilliseconds">;

/** The sessions of `userId` that still sign in, as `resolveSession` decides: neither expired nor past their maximum lifetime. */
function openSessionsOf(userId: string, maxLifetimeMilliseconds: number, now: Date): Prisma.SessionWhereInput {
  return { userId, expiresAt: { gt: now }, createdAt: { gt: new Date(now.getTime() - maxLifetimeMilliseconds) } };
}

/** The caller's open sessions, the newest sign-in first. */
export async function listOwnSessions({ prisma, sessionMaxLifetimeMilliseconds }: Dependencies, caller: SessionCaller, now = new Date()): Promise<SessionSummary[]> {
  const sessions = await prisma.session.findMany({
    where: openSessionsOf(caller.userId, sessionMaxLifetimeMilliseconds, now),
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ipAddress: true },
    // Ids are UUIDv7s, in the order they were made: they settle sign-ins of the same millisecond.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return sessions.map(({ id, createdAt, lastSeenAt, expiresAt, userAgent, ipAddress }) => ({
    id,
    signedInAt: createdAt,
    lastSeenAt,
    expiresAt: new Date(Math.min(expiresAt.getTime(), createdAt.getTime() + sessionMaxLifetimeMilliseconds)),
    current: id === caller.sessionId,
    userAgent,
    ipAddress,
  }));
}

/**
 * Ends the caller's open session with id `id`. `ended` is false when there is none: an unknown or
 * malformed id and another user's session are answered alike, so the answer tells nothing about
 * other users. `current` says `id` names the request's own session, whose cookie is now worthless.
 */
export async function endOwnSession(
  { prisma, sessionMaxLifetimeMilliseconds }: Dependencies,
  caller: SessionCaller,
  id: string,
  now = new Date(),
): Promise<{ ended: boolean; current: boolean }> {
  const sessionId = canonicalUuid(id);
  if (sessionId === undefined) return { ended: false, current: false };
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId, ...openSessionsOf(caller.userId, sessionMaxLifetimeMilliseconds, now) } });
  return { ended: count === 1, current: sessionId === caller.sessionId };
}

/**
 * Ends every open session of the caller's but the request's own, in one statement, and answers how
 * many ended (the expired ones, which `listOwnSessions` does not show either, are left to the
 * sweeper). Only while the request's own session is still open: one ended meanwhile (a sign-out in
 * another tab, a block, a sign-in beside this in a batched request, which replaces it) no longer
 * speaks for the user, and the session such a sign-in opened must not end with the others.
 */
export async function endOtherOwnSessions(
  { prisma, sessionMaxLifetimeMilliseconds }: Dependencies,
  caller: SessionCaller,
  now = new Date(),
): Promise<number> {
  // `openSessionsOf`'s conditions, in SQL for the EXISTS. Times as UTC text, as sign-in sends them:
  // the columns are timestamps without a time zone.
  const openSince = new Date(now.getTime() - sessionMaxLifetimeMilliseconds).toISOString();
  return prisma.$executeRaw`
    DELETE FROM "Session"
    WHERE "userId" = ${caller.userId}::uuid AND id <> ${caller.sessionId}::uuid
      AND "expiresAt" > ${now.toISOString()}::timestamp AND "createdAt" > ${openSince}::timestamp
      AND EXISTS (SELECT 1 FROM "Session" WHERE id = ${caller.sessionId}::uuid AND "userId" = ${caller.userId}::uuid)`;
}
