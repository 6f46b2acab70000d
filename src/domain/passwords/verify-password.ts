import { randomBytes } from "node:crypto";
import type { PasswordHasherName } from "./digest-format.ts";
import { parseArgon2Digest } from "./formats/argon2-phc.ts";
import { digestFormatByName } from "./formats/registry.ts";
import { normalizedPassword } from "./normalized-password.ts";
import { bcryptMaximumPasswordBytes, hashNewPassword, type Argon2Settings, type StoredDigest } from "./password-hashing.ts";
import { withPasswordWorkSlot } from "./password-work-slots.ts";

/** A password that matched a digest. */
export interface PasswordMatch {
  /** The text the digest was made from: the password's NFKC form, or the password as it was given. */
  hashedText: string;
}

/**
 * Verifies a password against a stored digest of any supported format, in constant time, one
 * verification per core at a time (`withPasswordWorkSlot`); undefined when it does not match.
 *
 * Digests made here are of the NFKC form; one made elsewhere (or here before passwords were
 * normalized) is of the text as it was typed, until the first sign-in re-hashes it
 * (`upgradedDigest`). So the NFKC form is tried first, and the text as given only when that fails
 * and differs: a password NFKC leaves alone (ASCII, and most typed text) costs one verification, as
 * before, and one that it changes costs a second only until its account's digest is re-hashed, not
 * at every sign-in (trying the text as given first would cost the second at every sign-in after).
 */
export async function verifyPassword(password: string, stored: StoredDigest): Promise<PasswordMatch | undefined> {
  const normalized = normalizedPassword(password);
  if (await verifyText(normalized, stored)) return { hashedText: normalized };
  if (normalized !== password && (await verifyText(password, stored))) return { hashedText: password };
  return undefined;
}

function verifyText(text: string, stored: StoredDigest): Promise<boolean> {
  const format = digestFormatByName[stored.algorithm as PasswordHasherName];
  return format ? withPasswordWorkSlot(() => format.verify(text, stored.digest)) : Promise.resolve(false);
}

/**
 * The argon2id digest that replaces `stored` after a successful sign-in, or undefined when it is
 * kept. Replaced: any other algorithm; argon2id with less memory or fewer passes than the settings;
 * and a digest of text that NFKC changes, so that the password then signs in however it is typed.
 * A digest that is already stronger than the settings keeps its own parameters, so an upgrade never
 * makes a digest weaker. A bcrypt digest that 72 bytes or more matched is kept: only the first 72
 * bytes were checked, and hashing what was typed would bind the account to it, to a typo after
 * byte 72, or to the first 72 bytes alone of a longer password (a client that cuts passwords there).
 */
export async function upgradedDigest(
  stored: StoredDigest,
  match: PasswordMatch,
  settings: Argon2Settings,
): Promise<StoredDigest | undefined> {
  if (stored.algorithm === "bcrypt" && Buffer.byteLength(match.hashedText, "utf8") >= bcryptMaximumPasswordBytes) return undefined;
  const parameters = argon2idParameters(stored);
  if (parameters === undefined || isBelowSettings(stored, settings)) return hashNewPassword(match.hashedText, { function: "ARGON2" }, settings);
  if (match.hashedText === normalizedPassword(match.hashedText)) return undefined;
  // At least the settings' memory and passes: re-hashed at its own, so the upgrade does not weaken it.
  const ownSettings = { memoryCost: parameters.memoryKiB, timeCost: parameters.passes, parallelism: parameters.lanes };
  return hashNewPassword(match.hashedText, { function: "ARGON2" }, ownSettings);
}

const argon2idParameters = (stored: StoredDigest) => (stored.algorithm === "argon2id" ? parseArgon2Digest(stored.digest) : undefined);

/**
 * Whether a digest is not argon2id with at least the settings' memory and passes: another
 * algorithm, or a weaker argon2id. Such a digest is replaced at the next sign-in, and until then it
 * may be checked quicker than the dummy digest an unknown identifier is checked against.
 */
export function isBelowSettings(stored: StoredDigest, settings: Argon2Settings): boolean {
  const parameters = argon2idParameters(stored);
  return parameters === undefined || parameters.memoryKiB < settings.memoryCost || parameters.passes < settings.timeCost;
}

/**
 * An argon2id digest of a random password at the current settings. Sign-in verifies against it
 * when the identifier is unknown, so an unknown account costs the same time as a wrong password.
 */
export async function dummyDigest(settings: Argon2Settings): Promise<StoredDigest> {
  return hashNewPassword(randomBytes(32).toString("base64"), { function: "ARGON2" }, settings);
}
