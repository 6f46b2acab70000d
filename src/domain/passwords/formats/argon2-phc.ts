import argon2 from "argon2";
import type { DigestFormat } from "../digest-format.ts";

export interface Argon2Parameters {
  variant: "argon2i" | "argon2id";
  memoryKiB: number;
  passes: number;
  lanes: number;
}

// PHC string as argon2 implementations write it:
// `$argon2id$v=<16|19>$<parameters>$<salt>$<hash>`, salt and hash unpadded base64. The reference
// tool writes the parameters as m,t,p; node's argon2 package as m,p,t: any order is accepted.
// Implementations older than version 19 wrote no `v=` (version 16 implied).
const digestPattern = /^\$(argon2id|argon2i)\$(?:v=(?:16|19)\$)?([a-z]=\d+(?:,[a-z]=\d+){2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const parameterValuePattern = /^[1-9]\d{0,6}$/;
// libargon2's floors, below which argon2.verify throws: 8 KiB a lane, an 8-byte salt, a 4-byte
// hash. Ceilings: 256 MiB, 32 passes, 16 lanes, and memory × passes at most 2^20 KiB (256 MiB × 4,
// 64 MiB × 16: one to two seconds here). Each sign-in attempt against the account costs one check,
// two at once as many times that memory, and anyone may attempt: 2 GiB × 1 (RFC 9106's first
// choice, meant for a machine that does little else) took 9–15 s and 2 GiB of memory a check.
// The server's own settings are held to the same ceilings (config.ts), or its digests would not verify.
export const argon2Ceilings = { memoryKiB: 2 ** 18, passes: 32, lanes: 16, memoryKiBTimesPasses: 2 ** 20 } as const;
const minimumSaltBytes = 8;
const minimumHashBytes = 4;

/** Byte length of unpadded base64; undefined unless `text` is exactly how those bytes encode. */
function decodedLength(text: string): number | undefined {
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64").replace(/=+$/, "") === text ? bytes.length : undefined;
}

/** The variant and cost parameters of a well-formed argon2 PHC string, or undefined. */
export function parseArgon2Digest(digest: string): Argon2Parameters | undefined {
  const match = digestPattern.exec(digest);
  if (match === null) return undefined;
  const [, variant, parameterList = "", salt = "", hash = ""] = match;
  const parameters = new Map(parameterList.split(",").map((pair) => pair.split("=") as [string, string]));
  const [m = "", t = "", p = ""] = [parameters.get("m"), parameters.get("t"), parameters.get("p")];
  if (parameters.size !== 3 || ![m, t, p].every((value) => parameterValuePattern.test(value))) return undefined;
  const [memoryKiB, passes, lanes] = [Number(m), Number(t), Number(p)];
  const [saltBytes = 0, hashBytes = 0] = [decodedLength(salt), decodedLength(hash)];
  const plausible =
    memoryKiB >= 8 * lanes && memoryKiB <= argon2Ceilings.memoryKiB && passes <= argon2Ceilings.passes && lanes <= argon2Ceilings.lanes &&
    memoryKiB * passes <= argon2Ceilings.memoryKiBTimesPasses &&
    saltBytes >= minimumSaltBytes && hashBytes >= minimumHashBytes;
  return plausible ? { variant: variant as Argon2Parameters["variant"], memoryKiB, passes, lanes } : undefined;
}

export function argon2Format(variant: Argon2Parameters["variant"]): DigestFormat {
  const recognizes = (digest: string) => parseArgon2Digest(digest)?.variant === variant;
  return {
    name: variant,
    recognizes,
    async verify(password, digest) {
      // argon2.verify compares in constant time.
      return recognizes(digest) && argon2.verify(digest, password);
    },
  };
}
