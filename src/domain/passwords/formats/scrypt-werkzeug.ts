import { scrypt, type BinaryLike, type ScryptOptions } from "node:crypto";
import { promisify } from "node:util";
import { derivedHashFormat } from "./derived-hash-format.ts";

// promisify's types see only scrypt's overload without options; the call passes them through.
const scryptAsync: (password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions) => Promise<Buffer> =
  promisify(scrypt);

// Werkzeug's generate_password_hash(method="scrypt"): `scrypt:<N>:<r>:<p>$<salt>$<hash>`, the salt
// used as the UTF-8 bytes of the text, the hash the lowercase hex of hashlib.scrypt's 64-byte key.
const digestPattern = /^scrypt:([1-9]\d{0,6}):([1-9]\d?):([1-9]\d?)\$([^$]+)\$([0-9a-f]{128})$/;
const maximumN = 2 ** 20;
const maximumR = 32;
const maximumP = 16;
// A check takes 128·N·r bytes, and 128·N·r·p bytes of work (p passes over that memory one after
// another): at most 256 MiB of each (N 2^18, r 8, p 1: about 1.3 s here), as for argon2. Werkzeug
// writes N 2^15, r 8 (32 MiB); scrypt's own setting for sensitive storage, 1 GiB, took 6–15 s a
// check, and anyone may attempt a sign-in against the account.
const maximumMemoryBytes = 2 ** 28;
const maximumWorkBytes = 2 ** 28;

function parse(digest: string): { options: ScryptOptions; salt: string; hash: Buffer } | undefined {
  const match = digestPattern.exec(digest);
  if (match === null) return undefined;
  const [, nText = "", rText = "", pText = "", salt = "", hash = ""] = match;
  const [N, r, p] = [Number(nText), Number(rText), Number(pText)];
  // RFC 7914: N is a power of two above 1 and below 2^(16·r).
  const validN = N > 1 && N <= maximumN && (N & (N - 1)) === 0 && Math.log2(N) < 16 * r;
  if (!validN || r > maximumR || p > maximumP || 128 * N * r > maximumMemoryBytes || 128 * N * r * p > maximumWorkBytes) return undefined;
  // OpenSSL's EVP_PBE_scrypt refuses unless maxmem covers its 128·r·(N + 2 + p) bytes; Werkzeug's
  // 132·N·r·p would fall short of that for small N.
  return { options: { N, r, p, maxmem: 128 * r * (N + 2 + p) }, salt, hash: Buffer.from(hash, "hex") };
}

export const scryptWerkzeugFormat = derivedHashFormat("scrypt_werkzeug", parse, (password, parsed) =>
  scryptAsync(password, parsed.salt, parsed.hash.length, parsed.options),
);
