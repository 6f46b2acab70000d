import type { PrismaClient } from "../../generated/prisma/client.ts";
import { hashToken } from "../random-tokens.ts";

// Sliding expiry: a session in use is extended, but at most once per interval, so an active user
// costs one write an hour instead of one per request.
const renewalIntervalMilliseconds = 60 * 60 * 1000;

export interface ResolvedSession {
  userId: string;
  /** Set when the session was extended and the cookie should be sent again. */
  renewedUntil?: Date;
}

/**
 * The user a session token belongs to, when the session exists, has not expired and its user is
 * not blocked; extends the session when it was last extended more than an interval ago.
 */
export async function resolveSession(
  prisma: PrismaClient,
  token: string,
  timeToLiveMilliseconds: number,
  now = new Date(),
): Promise<ResolvedSession | undefined> {
  const tokenHash = hashToken(token);
  const session = await prisma.session.findUnique({
    where: { tokenHash },
    select: { userId: true, expiresAt: true, lastSeenAt: true, user: { select: { blocked: true } } },
  });
  if (!session || session.expiresAt <= now || session.user.blocked) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() < renewalIntervalMilliseconds) return { userId: session.userId };
  const renewedUntil = new Date(now.getTime() + timeToLiveMilliseconds);
  // Once, by one of the requests arriving together, and not for a session ended since it was read.
  const { count } = await prisma.session.updateMany({
    where: { tokenHash, lastSeenAt: session.lastSeenAt },
    data: { lastSeenAt: now, expiresAt: renewedUntil },
  });
  return count === 1 ? { userId: session.userId, renewedUntil } : { userId: session.userId };
}

/** Ends sessions on the server, so their tokens are worthless even if a cookie survives. */
export async function endSessions(prisma: PrismaClient, tokens: readonly string[]): Promise<boolean> {
  if (tokens.length === 0) return false;
  const { count } = await prisma.session.deleteMany({ where: { tokenHash: { in: tokens.map(hashToken) } } });
  return count > 0;
}
