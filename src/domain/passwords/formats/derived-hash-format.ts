import { timingSafeEqual } from "node:crypto";
import type { DigestFormat, PasswordHasherName } from "../digest-format.ts";

/**
 * A format whose digest parses into parameters and an expected hash, verified by deriving a hash
 * from the password with those parameters: every format here but bcrypt's and argon2's, whose
 * libraries compare for themselves.
 */
export function derivedHashFormat<Parsed extends { hash: Buffer }>(
  name: PasswordHasherName,
  parse: (digest: string) => Parsed | undefined,
  derive: (password: string, parsed: Parsed) => Promise<Buffer>,
): DigestFormat {
  return {
    name,
    recognizes: (digest) => parse(digest) !== undefined,
    async verify(password, digest) {
      const parsed = parse(digest);
      if (parsed === undefined) return false;
      const derived = await derive(password, parsed);
      // timingSafeEqual needs equal lengths; the length itself is public (it is in the digest).
      return derived.length === parsed.hash.length && timingSafeEqual(derived, parsed.hash);
    },
  };
}
