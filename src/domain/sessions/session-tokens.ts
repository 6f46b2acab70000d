import { createHash, randomBytes } from "node:crypto";

export interface NewSessionToken {
  /** Goes to the client in the cookie, and nowhere else. */
  token: string;
  /** What the database keeps: a stolen table cannot be replayed as cookies. */
  tokenHash: string;
  expiresAt: Date;
}

// 256 bits of randomness (SPEC section 8).
const tokenBytes = 32;

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newSessionToken(timeToLiveMilliseconds: number, now = new Date()): NewSessionToken {
  const token = randomBytes(tokenBytes).toString("base64url");
  return { token, tokenHash: hashSessionToken(token), expiresAt: new Date(now.getTime() + timeToLiveMilliseconds) };
}
