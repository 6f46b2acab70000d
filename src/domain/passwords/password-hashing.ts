import { pbkdf2, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import argon2 from "argon2";
import bcrypt from "bcrypt";
import type { PasswordHasherName } from "./digest-format.ts";
import { normalizedPassword } from "./normalized-password.ts";
import { withPasswordWorkSlot } from "./password-work-slots.ts";

const pbkdf2Async = promisify(pbkdf2);

/** The functions a new password may be hashed with (seed 000 `hash_fn`). */
export type NewPasswordFunction = "ARGON2" | "BCRYPT" | "PBKDF2";

export interface Argon2Settings {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export interface StoredDigest {
  /** The format, named as `passwordHasher` names it, so sign-in finds its verifier. */
  algorithm: PasswordHasherName;
  digest: string;
}

// OWASP Password Storage Cheat Sheet: bcrypt cost >= 10 (we take 12, as SPEC section 7 asks),
// PBKDF2-HMAC-SHA256 >= 600,000 iterations.
export const bcryptCost = 12;
export const pbkdf2Iterations = 600_000;
const pbkdf2KeyLength = 32;

// bcrypt reads only the first 72 bytes of a password; longer ones must not be silently truncated.
export const bcryptMaximumPasswordBytes = 72;

/**
 * bcrypt's own salt: 22 characters of its base64 alphabet, 132 bits of which the salt is 128: the
 * last character carries 2 bits, so only `.`, `O`, `e` and `u` can end a salt bcrypt gives back.
 */
export const bcryptSaltPattern = /^[./A-Za-z0-9]{21}[.Oeu]$/;
export const minimumSaltBytes = 8;
export const maximumSaltBytes = 64;

/**
 * Hashes a new password, in its NFKC form (`normalizedPassword`). Every function runs on libuv's
 * thread pool (native argon2 and bcrypt, async PBKDF2), so hashing never blocks the event loop, one
 * hash per core at a time (`withPasswordWorkSlot`). `salt` replaces the random salt.
 */
export function hashNewPassword(
  password: string,
  options: { function: NewPasswordFunction; salt?: string | null },
  argon2Settings: Argon2Settings,
): Promise<StoredDigest> {
  return withPasswordWorkSlot(() => hashWith(normalizedPassword(password), options, argon2Settings));
}

async function hashWith(
  password: string,
  options: { function: NewPasswordFunction; salt?: string | null },
  argon2Settings: Argon2Settings,
): Promise<StoredDigest> {
  const salt = options.salt ?? undefined;
  switch (options.function) {
    case "ARGON2":
      return {
        algorithm: "argon2id",
        digest: inReferenceParameterOrder(
          await argon2.hash(password, {
            type: argon2.argon2id,
            ...argon2Settings,
            // A salt made here, synchronously: argon2's own would be one more job on the thread pool.
            salt: salt === undefined ? randomBytes(16) : Buffer.from(salt, "utf8"),
          }),
        ),
      };
    case "BCRYPT":
      return {
        algorithm: "bcrypt",
        digest: await bcrypt.hash(password, salt === undefined ? bcryptCost : `$2b$${bcryptCost}$${salt}`),
      };
    case "PBKDF2": {
      const saltBytes = salt === undefined ? randomBytes(16) : Buffer.from(salt, "utf8");
      const hash = await pbkdf2Async(password, saltBytes, pbkdf2Iterations, pbkdf2KeyLength, "sha256");
      return {
        algorithm: "pbkdf2_sha256",
        digest: `pbkdf2_sha256$${pbkdf2Iterations}$${saltBytes.toString("base64")}$${hash.toString("base64")}`,
      };
    }
  }
}

/**
 * node's argon2 writes `m=…,p=…,t=…`; the reference implementation's decoder (which PHP's
 * password_verify and libsodium use) accepts only `m=…,t=…,p=…`. Stored digests use the reference
 * order so they stay portable when exported.
 */
function inReferenceParameterOrder(digest: string): string {
  return digest.replace(/\$m=(\d+),p=(\d+),t=(\d+)\$/, "$m=$1,t=$3,p=$2$");
}
