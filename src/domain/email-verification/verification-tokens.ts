import { createHash, randomBytes } from "node:crypto";

export interface NewVerificationToken {
  /** Goes into the mailed link, and nowhere else. */
  token: string;
  /** What the database keeps: a stolen table verifies no address. */
  tokenHash: string;
  expiresAt: Date;
}

// 256 bits of randomness, as for session tokens (SPEC section 8).
const tokenBytes = 32;

export function hashVerificationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newVerificationToken(timeToLiveMilliseconds: number, now = new Date()): NewVerificationToken {
  const token = randomBytes(tokenBytes).toString("base64url");
  return { token, tokenHash: hashVerificationToken(token), expiresAt: new Date(now.getTime() + timeToLiveMilliseconds) };
}
