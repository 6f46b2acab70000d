import { createHash, randomBytes } from "node:crypto";

/** A bearer token (session cookie, emailed link) and what the database keeps of it. */
export interface RandomToken {
  /** Goes to its holder (the cookie, the mailed link), and nowhere else. */
  token: string;
  /** What the database keeps: a stolen table cannot be replayed as tokens. */
  tokenHash: string;
  expiresAt: Date;
}

// 256 bits of randomness (SPEC section 8).
const tokenBytes = 32;

/** Tokens we issue are 43 characters; anything much longer is not one of ours, and is not hashed. */
export const maximumTokenLength = 512;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newRandomToken(timeToLiveMilliseconds: number, now = new Date()): RandomToken {
  const token = randomBytes(tokenBytes).toString("base64url");
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + timeToLiveMilliseconds) };
}
