import bcrypt from "bcrypt";
import type { DigestFormat } from "../digest-format.ts";

// Modular crypt format: `$2a$` / `$2b$` (OpenBSD) or `$2y$` (PHP's crypt_blowfish), a two-digit
// cost, then 22 salt and 31 hash characters in bcrypt's base64 alphabet. bcrypt allows costs up to
// 31, but each step doubles the work: past 16 (seconds per check) a digest is a denial of service.
const digestPattern = /^\$2[aby]\$(?:0[4-9]|1[0-6])\$[./A-Za-z0-9]{53}$/;

export const bcryptFormat: DigestFormat = {
  name: "bcrypt",
  recognizes: (digest) => digestPattern.test(digest),
  async verify(password, digest) {
    if (!digestPattern.test(digest)) return false;
    // `$2y$` is PHP's name for the same algorithm as `$2b$`; node's bcrypt only knows `$2a$`/`$2b$`.
    // bcrypt.compare compares in constant time.
    return bcrypt.compare(password, digest.replace(/^\$2y\$/, "$2b$"));
  },
};
