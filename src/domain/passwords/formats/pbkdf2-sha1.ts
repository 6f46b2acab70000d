import { pbkdf2 } from "node:crypto";
import { promisify } from "node:util";
import { derivedHashFormat } from "./derived-hash-format.ts";

const pbkdf2Async = promisify(pbkdf2);

// `pbkdf2_sha1$<iterations>$<salt>$<hash>`, the salt used as the UTF-8 bytes of the text. Clerk
// documents the hash as hex (16 to 64 bytes here; the key length is the stored hash's length);
// Django's PBKDF2SHA1PasswordHasher writes it as base64 of a 20-byte key (28 characters ending in
// `=`). The two cannot be confused: hex has an even length of at least 32 and no `=`.
const digestPattern = /^pbkdf2_sha1\$([1-9]\d{0,7})\$([^$]+)\$(?:((?:[0-9a-fA-F]{2}){16,64})|([A-Za-z0-9+/]{27}=))$/;
// PBKDF2 runs its iterations once per 20-byte block of the key: a 64-byte hex hash is four blocks.
// At most 10,000,000 iterations in all (a few seconds), however they are split.
const maximumIterationsTimesBlocks = 10_000_000;
const sha1Bytes = 20;

function parse(digest: string): { iterations: number; salt: string; hash: Buffer } | undefined {
  const match = digestPattern.exec(digest);
  if (match === null) return undefined;
  const [, iterations = "", salt = "", hex, base64] = match;
  const hash = hex === undefined ? Buffer.from(base64 ?? "", "base64") : Buffer.from(hex, "hex");
  // Re-encoding rejects a base64 last character with stray low bits, which decoding ignores.
  const work = Number(iterations) * Math.ceil(hash.length / sha1Bytes);
  if (work > maximumIterationsTimesBlocks || (base64 !== undefined && hash.toString("base64") !== base64)) {
    return undefined;
  }
  return { iterations: Number(iterations), salt, hash };
}

export const pbkdf2Sha1Format = derivedHashFormat("pbkdf2_sha1", parse, (password, parsed) =>
  pbkdf2Async(password, parsed.salt, parsed.iterations, parsed.hash.length, "sha1"),
);
