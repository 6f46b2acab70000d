import { createHash } from "node:crypto";
import type { DigestFormat } from "../digest-format.ts";
import { matchesBcryptDigest } from "./bcrypt.ts";

// Django's BCryptSHA256PasswordHasher: `bcrypt_sha256$` then the bcrypt digest, `$2b$` from the
// bcrypt package or `$2a$` from py-bcrypt in older Django releases. Costs bounded as in bcrypt.ts.
const digestPattern = /^bcrypt_sha256\$(\$2[ab]\$(?:0[4-9]|1[0-6])\$[./A-Za-z0-9]{53})$/;

export const bcryptSha256DjangoFormat: DigestFormat = {
  name: "bcrypt_sha256_django",
  recognizes: (digest) => digestPattern.test(digest),
  async verify(password, digest) {
    const bcryptDigest = digestPattern.exec(digest)?.[1];
    if (bcryptDigest === undefined) return false;
    // Django feeds bcrypt the hex SHA-256 of the password, so passwords past bcrypt's 72 bytes count.
    const passwordHex = createHash("sha256").update(password).digest("hex");
    return matchesBcryptDigest(passwordHex, bcryptDigest);
  },
};
