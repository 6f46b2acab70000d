import { createCipheriv, scrypt, type BinaryLike, type ScryptOptions } from "node:crypto";
import { promisify } from "node:util";
import { derivedHashFormat } from "./derived-hash-format.ts";

// promisify's types see only scrypt's overload without options; the call passes them through.
const scryptAsync: (password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions) => Promise<Buffer> =
  promisify(scrypt);

// Firebase Auth's modified scrypt (github.com/firebase/scrypt, scryptenc_buf_saltlen), exported as
// `<hash>$<salt>$<signer key>$<salt separator>$<rounds>$<mem cost>`, the first four base64.
// Firebase takes rounds 1 to 8 as scrypt's r and mem cost 1 to 14 (N = 2^memCost), as its console
// and its own tools allow: higher made one check take a gigabyte and seconds.
const roundsPattern = /^[1-8]$/;
const memCostPattern = /^(?:[1-9]|1[0-4])$/;

/**
 * Base64 as `firebase auth:export` (standard alphabet) or the Admin SDK (URL-safe alphabet) writes
 * it, padded or not; undefined unless `text` is exactly how its bytes encode.
 */
function decodeBase64(text: string): Buffer | undefined {
  const standard = text.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Buffer.from(standard, "base64");
  const canonical = bytes.toString("base64");
  return standard === canonical || standard === canonical.replace(/=+$/, "") ? bytes : undefined;
}

interface FirebaseDigest {
  hash: Buffer;
  /** The account's salt followed by the project's salt separator, as Firebase feeds scrypt. */
  salt: Buffer;
  signerKey: Buffer;
  rounds: number;
  memCost: number;
}

function parse(digest: string): FirebaseDigest | undefined {
  const fields = digest.split("$");
  if (fields.length !== 6) return undefined;
  const [hashText = "", saltText = "", signerKeyText = "", separatorText = "", roundsText = "", memCostText = ""] = fields;
  if (!roundsPattern.test(roundsText) || !memCostPattern.test(memCostText)) return undefined;
  const [rounds, memCost] = [Number(roundsText), Number(memCostText)];
  // RFC 7914 wants N below 2^(16·r): only rounds 1 with mem cost 16 or more breaks it.
  if (memCost >= 16 * rounds) return undefined;
  const [hash, salt, signerKey, separator] = [hashText, saltText, signerKeyText, separatorText].map(decodeBase64);
  // The hash is the signer key encrypted, so as long as it; the separator may be empty.
  if (hash === undefined || salt === undefined || signerKey === undefined || separator === undefined) return undefined;
  if (hash.length === 0 || salt.length === 0 || hash.length !== signerKey.length) return undefined;
  return { hash, salt: Buffer.concat([salt, separator]), signerKey, rounds, memCost };
}

export const scryptFirebaseFormat = derivedHashFormat("scrypt_firebase", parse, async (password, parsed) => {
  const N = 2 ** parsed.memCost;
  const r = parsed.rounds;
  // Firebase derives 64 bytes and keys AES-256 with the first 32; scrypt's final PBKDF2 makes
  // those the same as a 32-byte derivation. maxmem covers OpenSSL's 128·r·(N + 2 + p), p = 1.
  const key = await scryptAsync(password, parsed.salt, 32, { N, r, p: 1, maxmem: 128 * r * (N + 3) });
  // crypto_aesctr_init(key, 0): nonce 0 and block counter 0, an all-zero 16-byte counter block.
  // Firebase's utility encrypts the whole signer key and compares that whole output.
  const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(parsed.signerKey), cipher.final()]);
});
