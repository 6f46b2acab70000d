import { pbkdf2 } from "node:crypto";
import { promisify } from "node:util";
import { derivedHashFormat } from "./derived-hash-format.ts";

const pbkdf2Async = promisify(pbkdf2);

// `pbkdf2_sha256$<iterations>$<salt>$<hash>` with salt and hash both standard base64 (Clerk's
// pbkdf2_sha256, and what hashNewPassword writes). The key length is the stored hash's length.
const digestPattern = /^pbkdf2_sha256\$([1-9]\d{0,7})\$([^$]+)\$([^$]+)$/;
// PBKDF2 runs its iterations once per 32-byte block of the key: a 64-byte hash is two blocks. At
// most 10,000,000 iterations in all (a few seconds), however they are split.
const maximumIterationsTimesBlocks = 10_000_000;
const sha256Bytes = 32;
const minimumHashBytes = 16;
const maximumHashBytes = 64;

/** Standard base64, padded or not; undefined unless `text` is exactly how its bytes encode. */
function decodeBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, "base64");
  const canonical = bytes.toString("base64");
  return text === canonical || text === canonical.replace(/=+$/, "") ? bytes : undefined;
}

function parse(digest: string): { iterations: number; salt: Buffer; hash: Buffer } | undefined {
  const match = digestPattern.exec(digest);
  if (match === null) return undefined;
  const [, iterations = "", salt = "", hash = ""] = match;
  const saltBytes = decodeBase64(salt);
  const hashBytes = decodeBase64(hash);
  if (saltBytes === undefined || hashBytes === undefined) return undefined;
  if (hashBytes.length < minimumHashBytes || hashBytes.length > maximumHashBytes) return undefined;
  if (Number(iterations) * Math.ceil(hashBytes.length / sha256Bytes) > maximumIterationsTimesBlocks) return undefined;
  return { iterations: Number(iterations), salt: saltBytes, hash: hashBytes };
}

export const pbkdf2Sha256Format = derivedHashFormat("pbkdf2_sha256", parse, (password, parsed) =>
  pbkdf2Async(password, parsed.salt, parsed.iterations, parsed.hash.length, "sha256"),
);
