import { createHash, timingSafeEqual } from "node:crypto";
import type { DigestFormat } from "../digest-format.ts";

// Unsalted SHA-256 of the password's UTF-8 bytes, in hex of either case.
const digestPattern = /^[0-9a-f]{64}$/i;

export const sha256Format: DigestFormat = {
  name: "sha256",
  recognizes: (digest) => digestPattern.test(digest),
  async verify(password, digest) {
    if (!digestPattern.test(digest)) return false;
    // The pattern fixes the length at 32 bytes, as timingSafeEqual needs.
    return timingSafeEqual(createHash("sha256").update(password).digest(), Buffer.from(digest, "hex"));
  },
};
