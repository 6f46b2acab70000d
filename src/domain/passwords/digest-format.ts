/**
 * One stored password digest format, as another identity provider (or we) wrote it.
 * Modelled on Ory Kratos's `hash/` package: each format lives in its own file under
 * `formats/` and the registry is just the list of them.
 */
export const passwordHasherNames = [
  "bcrypt",
  "bcrypt_sha256_django",
  "md5",
  "pbkdf2_sha1",
  "pbkdf2_sha256",
  "pbkdf2_sha256_django",
  "phpass",
  "scrypt_firebase",
  "scrypt_werkzeug",
  "sha256",
  "argon2i",
  "argon2id",
] as const;

export type PasswordHasherName = (typeof passwordHasherNames)[number];

export interface DigestFormat {
  /** The hasher name the API uses for this format (`passwordHasher`, lower snake case). */
  readonly name: PasswordHasherName;
  /** True when `digest` is well-formed for this format; checked at import time. */
  recognizes(digest: string): boolean;
  /**
   * True when `password` produces `digest`. Compares in constant time and never throws for a
   * digest that `recognizes` accepts; returns false for one it does not.
   */
  verify(password: string, digest: string): Promise<boolean>;
}
