import { createHash } from "node:crypto";
import { derivedHashFormat } from "./derived-hash-format.ts";

// Unsalted SHA-256 of the password's UTF-8 bytes, in hex of either case.
const digestPattern = /^[0-9a-f]{64}$/i;

export const sha256Format = derivedHashFormat(
  "sha256",
  (digest) => (digestPattern.test(digest) ? { hash: Buffer.from(digest, "hex") } : undefined),
  async (password) => createHash("sha256").update(password).digest(),
);
