import argon2 from "argon2";
import type { DigestFormat } from "../digest-format.ts";

// PHC string as the reference argon2 implementation writes it:
// `$argon2id$v=<16|19>$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>`, salt and hash unpadded base64.
const digestPattern = /^\$argon2id\$v=(?:16|19)\$m=([1-9]\d{0,6}),t=([1-9]\d?),p=([1-9]\d?)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
// libargon2's floors, below which argon2.verify throws: 8 KiB a lane, an 8-byte salt, a 4-byte
// hash. Ceilings: RFC 9106's most costly recommended memory (2 GiB), 32 passes, 16 lanes.
const maximumMemoryKiB = 2 ** 21;
const maximumPasses = 32;
const maximumLanes = 16;
const minimumSaltBytes = 8;
const minimumHashBytes = 4;

/** Byte length of unpadded base64; undefined unless `text` is exactly how those bytes encode. */
function decodedLength(text: string): number | undefined {
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64").replace(/=+$/, "") === text ? bytes.length : undefined;
}

function recognizes(digest: string): boolean {
  const match = digestPattern.exec(digest);
  if (match === null) return false;
  const [, m = "", t = "", p = "", salt = "", hash = ""] = match;
  const [memoryKiB, passes, lanes] = [Number(m), Number(t), Number(p)];
  const [saltBytes = 0, hashBytes = 0] = [decodedLength(salt), decodedLength(hash)];
  return (
    memoryKiB >= 8 * lanes && memoryKiB <= maximumMemoryKiB && passes <= maximumPasses && lanes <= maximumLanes &&
    saltBytes >= minimumSaltBytes && hashBytes >= minimumHashBytes
  );
}

export const argon2idFormat: DigestFormat = {
  name: "argon2id",
  recognizes,
  async verify(password, digest) {
    // argon2.verify compares in constant time.
    return recognizes(digest) && argon2.verify(digest, password);
  },
};
