import { createHash } from "node:crypto";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { derivedHashFormat } from "./derived-hash-format.ts";

// Portable hashes of phpass 0.5 (Openwall; as bundled by WordPress, `$P$`, and phpBB 3, `$H$`):
// prefix, one character giving log2 of the iteration count, 8 salt characters, then 16 MD5 bytes
// in phpass's own base64 (22 characters).
const itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const digestPattern = /^(\$[PH]\$([./0-9A-Za-z])([./0-9A-Za-z]{8}))[./0-9A-Za-z]{22}$/;
// phpass accepts 2^7 to 2^30; WordPress uses 2^13 and passlib 2^19. MD5 has no async API, so the
// loop runs here: 2^20 (a few seconds) is the sane ceiling, and it yields to other work as it goes.
const minimumCountLog2 = 7;
const maximumCountLog2 = 20;
const iterationsBetweenYields = 4096;

function parse(digest: string): { setting: string; iterations: number; salt: string; hash: Buffer } | undefined {
  const match = digestPattern.exec(digest);
  if (match === null) return undefined;
  const [, setting = "", countCharacter = "", salt = ""] = match;
  const countLog2 = itoa64.indexOf(countCharacter);
  if (countLog2 < minimumCountLog2 || countLog2 > maximumCountLog2) return undefined;
  // Compared as whole strings: re-encoding what is derived is simpler than decoding phpass's base64.
  return { setting, iterations: 2 ** countLog2, salt, hash: Buffer.from(digest) };
}

/** phpass's encode64: little-endian groups of 3 bytes, 6 bits a character, least significant first. */
function encode64(input: Buffer): string {
  let output = "";
  for (let i = 0; i < input.length; i += 3) {
    const value = (input[i] ?? 0) | ((input[i + 1] ?? 0) << 8) | ((input[i + 2] ?? 0) << 16);
    output += itoa64.charAt(value & 0x3f) + itoa64.charAt((value >> 6) & 0x3f);
    if (i + 1 < input.length) output += itoa64.charAt((value >> 12) & 0x3f);
    if (i + 2 < input.length) output += itoa64.charAt((value >> 18) & 0x3f);
  }
  return output;
}

export const phpassFormat = derivedHashFormat("phpass", parse, async (password, parsed) => {
  const passwordBytes = Buffer.from(password, "utf8");
  let hash = createHash("md5").update(parsed.salt).update(passwordBytes).digest();
  for (let i = 1; i <= parsed.iterations; i++) {
    hash = createHash("md5").update(hash).update(passwordBytes).digest();
    if (i % iterationsBetweenYields === 0) await yieldToEventLoop();
  }
  return Buffer.from(parsed.setting + encode64(hash));
});
