import type { PrismaClient } from "../../generated/prisma/client.ts";
import { hashSessionToken } from "./session-tokens.ts";

/** The user a session token belongs to, when the session exists and has not expired. */
export async function findSessionUserId(prisma: PrismaClient, token: string, now = new Date()): Promise<string | undefined> {
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    select: { userId: true, expiresAt: true },
  });
  return session && session.expiresAt > now ? session.userId : undefined;
}
