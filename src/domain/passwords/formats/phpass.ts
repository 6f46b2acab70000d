import { derivedHashFormat } from "./derived-hash-format.ts";
import { md5Chain } from "./md5-chain-threads.ts";

// Portable hashes of phpass 0.5 (Openwall; as bundled by WordPress, `$P$`, and phpBB 3, `$H$`):
// prefix, one character giving log2 of the iteration count, 8 salt characters, then 16 MD5 bytes
// in phpass's own base64 (22 characters).
const itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const digestPattern = /^(\$[PH]\$([./0-9A-Za-z])([./0-9A-Za-z]{8}))[./0-9A-Za-z]{22}$/;
// phpass accepts 2^7 to 2^30; WordPress uses 2^13 and passlib 2^19. Each round hashes the whole
// password again, so the work is rounds × length, and the chain runs on a worker thread
// (`md5-chain-threads.ts`) that holds one core for it: a check that would hash more than
// `maximumBytesHashed` (about a quarter of a second) is refused rather than run (WordPress's 2^13
// rounds allow 16 KB, passlib's 2^19 a password of 240 bytes).
const minimumCountLog2 = 7;
const maximumCountLog2 = 20;
const maximumBytesHashed = 2 ** 27;

function parse(digest: string): { setting: string; iterations: number; salt: string; hash: Buffer } | undefined {
  const match = digestPattern.exec(digest);
  if (match === null) return undefined;
  const [, setting = "", countCharacter = "", salt = ""] = match;
  const countLog2 = itoa64.indexOf(countCharacter);
  if (countLog2 < minimumCountLog2 || countLog2 > maximumCountLog2) return undefined;
  // The last character carries the top 2 bits of the 16th byte: phpass never sets the other 4, and
  // with them set no password would match.
  if (itoa64.indexOf(digest.charAt(digest.length - 1)) >= 4) return undefined;
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
  // Derives something no digest can equal: the password cannot be this account's.
  if (parsed.iterations * (16 + passwordBytes.length) > maximumBytesHashed) return Buffer.alloc(0);
  const hash = await md5Chain(parsed.salt, passwordBytes, parsed.iterations);
  return Buffer.from(parsed.setting + encode64(hash));
});
