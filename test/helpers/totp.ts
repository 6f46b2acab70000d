import { createHmac } from "node:crypto";

// RFC 4226 HOTP / RFC 6238 TOTP, written for the tests (checked against RFC 6238 Appendix B in
// test/sign-in-second-factor.test.ts): expected codes do not come from src/.

export function decodeBase32(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let buffer = 0;
  let bitCount = 0;
  const bytes: number[] = [];
  for (const character of text.toUpperCase().replace(/=+$/, "")) {
    const value = alphabet.indexOf(character);
    if (value < 0) throw new Error(`not base32: ${character}`);
    buffer = ((buffer << 5) | value) & 0xffff;
    bitCount += 5;
    if (bitCount >= 8) {
      bitCount -= 8;
      bytes.push((buffer >> bitCount) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

export function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
  message.writeUInt32BE(counter % 2 ** 32, 4);
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return (binary % 10 ** digits).toString().padStart(digits, "0");
}

export const period = 30;
export const stepAt = (unixSeconds: number) => Math.floor(unixSeconds / period);
export const totp = (base32Secret: string, step: number, digits = 6) => hotp(decodeBase32(base32Secret), step, digits);

/**
 * Waits, when needed, until the current 30-second step has at least `seconds` left, so that a
 * test's codes cannot cross a step boundary between computing them and the server checking them.
 * Returns the current step.
 */
export async function stepWithRoom(seconds = 10): Promise<number> {
  const intoStep = (Date.now() / 1000) % period;
  if (period - intoStep < seconds) await new Promise((resolve) => setTimeout(resolve, (period - intoStep + 0.5) * 1000));
  return stepAt(Date.now() / 1000);
}

