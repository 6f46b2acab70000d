import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { Statement } from "../../db/bulk-rows.ts";
import { hashToken } from "../random-tokens.ts";

// Sliding expiry: a session in use is extended, but at most once per interval, so an active user
// costs one write an hour instead of one per request.
const renewalIntervalMilliseconds = 60 * 60 * 1000;

export interface SessionLifetime {
  /** Sliding expiry: how long after its last renewal a session ends unless it is used. */
  timeToLiveMilliseconds: number;
  /** Absolute expiry: how long after its creation a session ends, however often it is renewed. */
  maxLifetimeMilliseconds: number;
}

export interface ResolvedSession {
  /** The session's own id, as `mySessions` shows it. */
  sessionId: string;
  userId: string;
  /** When the sign-in (or sign-up) that opened the session happened; renewals do not move it. */
  signedInAt: Date;
  /** Set when the session was extended and the cookie should be sent again. */
  renewedUntil?: Date;
}

/**
 * The user a session token belongs to, when the session exists, has not expired (nor outlived its
 * maximum lifetime) and its user is not blocked; extends the session when it was last extended
 * more than an interval ago, never past the end of its maximum lifetime.
 */
export async function resolveSession(
  prisma: PrismaClient,
  token: string,
  lifetime: SessionLifetime,
  now = new Date(),
): Promise<ResolvedSession | undefined> {
  const tokenHash = hashToken(token);
  const session = await prisma.session.findUnique({
    where: { tokenHash },
    select: { id: true, userId: true, createdAt: true, expiresAt: true, lastSeenAt: true, user: { select: { blocked: true } } },
  });
  if (!session || session.expiresAt <= now || session.user.blocked) return undefined;
  // Renewal keeps expiresAt within this end, but a session renewed before the maximum lifetime was
  // lowered (or existed) may reach past it: it ends here all the same.
  const lifetimeEndsAt = new Date(session.createdAt.getTime() + lifetime.maxLifetimeMilliseconds);
  if (lifetimeEndsAt <= now) return undefined;
  const resolved = { sessionId: session.id, userId: session.userId, signedInAt: session.createdAt };
  if (now.getTime() - session.lastSeenAt.getTime() < renewalIntervalMilliseconds) return resolved;
  const renewedUntil = new Date(Math.min(now.getTime() + lifetime.timeToLiveMilliseconds, lifetimeEndsAt.getTime()));
  // Already at the end of its lifetime (or past what a lowered TTL gives): nothing to extend, so no
  // write and no cookie to send again.
  if (renewedUntil <= session.expiresAt) return resolved;
  // Once, by one of the requests arriving together, and not for a session ended since it was read.
  const { count } = await prisma.session.updateMany({
    where: { tokenHash, lastSeenAt: session.lastSeenAt },
    data: { lastSeenAt: now, expiresAt: renewedUntil },
  });
  return count === 1 ? { ...resolved, renewedUntil } : resolved;
}

/**
 * The sessions of `tokens`, matched by their hashes given as one jsonb parameter: the one parameter
 * `inOneStatement` numbers, and one parameter however many cookies a request sent.
 */
function sessionsOf(tokens: readonly string[]): Prisma.Sql {
  return Prisma.sql`"tokenHash" IN (SELECT jsonb_array_elements_text(${JSON.stringify(tokens.map(hashToken))}::jsonb))`;
}

/**
 * `endSessions` as a statement for `inOneStatement`, for a write that replaces the sessions (a
 * sign-up's first session): both happen, or neither.
 */
export function endSessionsStatement(tokens: readonly string[]): Statement {
  const condition = sessionsOf(tokens);
  return { sql: `DELETE FROM "Session" WHERE ${condition.text}`, parameters: condition.values };
}

/**
 * Ends sessions on the server, so their tokens are worthless even if a cookie survives; true when
 * one of them was open. An expired session the sweeper has not deleted yet goes too, but it was not
 * open: signing out with it ends nothing.
 */
export async function endSessions(prisma: PrismaClient, tokens: readonly string[], now = new Date()): Promise<boolean> {
  if (tokens.length === 0) return false;
  const ended = await prisma.$queryRaw<EndedSession[]>`DELETE FROM "Session" WHERE ${sessionsOf(tokens)} RETURNING "tokenHash", "expiresAt"`;
  return ended.some(({ expiresAt }) => expiresAt > now);
}

/**
 * Signing out everywhere: ends the sessions of `tokens`, as `endSessions` does, and every session of
 * `userId`, the user the request is signed in as, on every device, in one statement; true when one
 * of `tokens` was open. The user's other sessions end only while one of `tokens` is still one of theirs:
 * a request whose session ended meanwhile (a sign-out elsewhere, a block) no longer speaks for
 * the user. A sign-in racing this one may open a session right after it, which stays: it is as if
 * it came a moment later. Every session there was when the statement ran ends.
 */
export async function endSessionsEverywhere(prisma: PrismaClient, tokens: readonly string[], userId: string, now = new Date()): Promise<boolean> {
  const requestSessions = sessionsOf(tokens);
  const ended = await prisma.$queryRaw<EndedSession[]>`
    DELETE FROM "Session"
    WHERE ${requestSessions}
      OR ("userId" = ${userId}::uuid AND EXISTS (SELECT 1 FROM "Session" WHERE "userId" = ${userId}::uuid AND ${requestSessions}))
    RETURNING "tokenHash", "expiresAt"`;
  const requestTokenHashes = new Set(tokens.map(hashToken));
  return ended.some(({ tokenHash, expiresAt }) => requestTokenHashes.has(tokenHash) && expiresAt > now);
}

interface EndedSession {
  tokenHash: string;
  expiresAt: Date;
}
