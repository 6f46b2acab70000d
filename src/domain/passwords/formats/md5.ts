import { createHash, timingSafeEqual } from "node:crypto";
import type { DigestFormat } from "../digest-format.ts";

// Unsalted MD5 of the password's UTF-8 bytes, in hex of either case.
const digestPattern = /^[0-9a-f]{32}$/i;

export const md5Format: DigestFormat = {
  name: "md5",
  recognizes: (digest) => digestPattern.test(digest),
  async verify(password, digest) {
    if (!digestPattern.test(digest)) return false;
    // The pattern fixes the length at 16 bytes, as timingSafeEqual needs.
    return timingSafeEqual(createHash("md5").update(password).digest(), Buffer.from(digest, "hex"));
  },
};
