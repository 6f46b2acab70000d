import { pbkdf2 } from "node:crypto";
import { promisify } from "node:util";
import { derivedHashFormat } from "./derived-hash-format.ts";

const pbkdf2Async = promisify(pbkdf2);

// Django's PBKDF2PasswordHasher: `pbkdf2_sha256$<iterations>$<salt>$<hash>`. The salt is used as
// the UTF-8 bytes of the text (Django forbids `$` in it); the hash is standard base64 of a key as
// long as a SHA-256 digest (Django's default dklen), so it is always 43 characters and one `=`.
const digestPattern = /^pbkdf2_sha256\$([1-9]\d{0,7})\$([^$]+)\$([A-Za-z0-9+/]{43}=)$/;
const maximumIterations = 10_000_000;

function parse(digest: string): { iterations: number; salt: string; hash: Buffer } | undefined {
  const match = digestPattern.exec(digest);
  if (match === null) return undefined;
  const [, iterations = "", salt = "", hash = ""] = match;
  const hashBytes = Buffer.from(hash, "base64");
  // Re-encoding rejects a last character with stray low bits, which base64 decoding ignores.
  if (Number(iterations) > maximumIterations || hashBytes.toString("base64") !== hash) return undefined;
  return { iterations: Number(iterations), salt, hash: hashBytes };
}

export const pbkdf2Sha256DjangoFormat = derivedHashFormat("pbkdf2_sha256_django", parse, (password, parsed) =>
  pbkdf2Async(password, parsed.salt, parsed.iterations, parsed.hash.length, "sha256"),
);
