import { createHash } from "node:crypto";
import type { DigestFormat } from "../digest-format.ts";
import { isBcryptDigest, matchesBcryptDigest } from "./bcrypt.ts";

// Django's BCryptSHA256PasswordHasher: `bcrypt_sha256$` then the bcrypt digest, `$2b$` from the
// bcrypt package or `$2a$` from py-bcrypt in older Django releases.
const prefix = "bcrypt_sha256$";

function bcryptDigestOf(digest: string): string | undefined {
  if (!digest.startsWith(prefix)) return undefined;
  const bcryptDigest = digest.slice(prefix.length);
  return /^\$2[ab]\$/.test(bcryptDigest) && isBcryptDigest(bcryptDigest) ? bcryptDigest : undefined;
}

export const bcryptSha256DjangoFormat: DigestFormat = {
  name: "bcrypt_sha256_django",
  recognizes: (digest) => bcryptDigestOf(digest) !== undefined,
  async verify(password, digest) {
    const bcryptDigest = bcryptDigestOf(digest);
    if (bcryptDigest === undefined) return false;
    // Django feeds bcrypt the hex SHA-256 of the password, so passwords past bcrypt's 72 bytes count.
    const passwordHex = createHash("sha256").update(password).digest("hex");
    return matchesBcryptDigest(passwordHex, bcryptDigest);
  },
};
