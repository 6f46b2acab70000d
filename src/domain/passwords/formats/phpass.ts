import { createHash } from "node:crypto";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { derivedHashFormat } from "./derived-hash-format.ts";

// Portable hashes of phpass 0.5 (Openwall; as bundled by WordPress, `$P$`, and phpBB 3, `$H$`):
// prefix, one character giving log2 of the iteration count, 8 salt characters, then 16 MD5 bytes
// in phpass's own base64 (22 characters).
const itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const digestPattern = /^(\$[PH]\$([./0-9A-Za-z])([./0-9A-Za-z]{8}))[./0-9A-Za-z]{22}$/;
// phpass accepts 2^7 to 2^30; WordPress uses 2^13 and passlib 2^19. MD5 has no async API, so the
// loop runs on the event loop. Each round hashes the whole password again, so the work is rounds ×
// length: a check that would hash more than `maximumBytesHashed` (about a quarter of a second) is
// refused rather than run (WordPress's 2^13 rounds allow 16 KB, passlib's 2^19 a password of 240
// bytes), and the loop yields to other work after every `bytesBetweenYields` (a few milliseconds).
const minimumCountLog2 = 7;
const maximumCountLog2 = 20;
const maximumBytesHashed = 2 ** 27;
const bytesBetweenYields = 2 ** 20;

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
  const bytesPerRound = 16 + passwordBytes.length;
  // Derives something no digest can equal: the password cannot be this account's.
  if (parsed.iterations * bytesPerRound > maximumBytesHashed) return Buffer.alloc(0);
  const roundsBetweenYields = Math.max(1, Math.floor(bytesBetweenYields / bytesPerRound));
  let hash = createHash("md5").update(parsed.salt).update(passwordBytes).digest();
  for (let i = 1; i <= parsed.iterations; i++) {
    hash = createHash("md5").update(hash).update(passwordBytes).digest();
    if (i % roundsBetweenYields === 0) await yieldToEventLoop();
  }
  return Buffer.from(parsed.setting + encode64(hash));
});
