import { createHash } from "node:crypto";
import { derivedHashFormat } from "./derived-hash-format.ts";

// Unsalted MD5 of the password's UTF-8 bytes, in hex of either case.
const digestPattern = /^[0-9a-f]{32}$/i;

export const md5Format = derivedHashFormat(
  "md5",
  (digest) => (digestPattern.test(digest) ? { hash: Buffer.from(digest, "hex") } : undefined),
  async (password) => createHash("md5").update(password).digest(),
);
