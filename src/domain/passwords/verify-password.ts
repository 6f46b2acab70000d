import { randomBytes } from "node:crypto";
import type { PasswordHasherName } from "./digest-format.ts";
import { parseArgon2Digest } from "./formats/argon2-phc.ts";
import { digestFormatByName } from "./formats/registry.ts";
import { hashNewPassword, type Argon2Settings, type StoredDigest } from "./password-hashing.ts";
import { withPasswordWorkSlot } from "./password-work-slots.ts";

/**
 * Verifies a password against a stored digest of any supported format, in constant time, one
 * verification per core at a time (`withPasswordWorkSlot`).
 */
export function verifyPassword(password: string, stored: StoredDigest): Promise<boolean> {
  const format = digestFormatByName[stored.algorithm as PasswordHasherName];
  return format ? withPasswordWorkSlot(() => format.verify(password, stored.digest)) : Promise.resolve(false);
}

// bcrypt reads only the first 72 bytes of a password.
const bcryptPasswordBytes = 72;

/**
 * True when a digest should be replaced by argon2id at the current settings after a successful
 * sign-in with `password`: any other algorithm, or argon2id with less memory or fewer passes. A
 * digest that is already stronger than the settings is kept, so an upgrade never makes a digest
 * weaker. A bcrypt digest that a longer password matched is kept too: only its first 72 bytes were
 * checked, and hashing the whole would bind the account to whatever was typed after them (a typo).
 */
export function needsUpgrade(stored: StoredDigest, settings: Argon2Settings, password: string): boolean {
  if (stored.algorithm === "bcrypt" && Buffer.byteLength(password, "utf8") > bcryptPasswordBytes) return false;
  const parameters = stored.algorithm === "argon2id" ? parseArgon2Digest(stored.digest) : undefined;
  return parameters === undefined || parameters.memoryKiB < settings.memoryCost || parameters.passes < settings.timeCost;
}

/**
 * An argon2id digest of a random password at the current settings. Sign-in verifies against it
 * when the identifier is unknown, so an unknown account costs the same time as a wrong password.
 */
export async function dummyDigest(settings: Argon2Settings): Promise<StoredDigest> {
  return hashNewPassword(randomBytes(32).toString("base64"), { function: "ARGON2" }, settings);
}
