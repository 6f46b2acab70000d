import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// seed 004 `totpSecret`: "Period: 30 seconds, Code length: 6 digits, Algorithm: SHA1" (RFC 6238).
const periodSeconds = 30;
const digits = 6;
// RFC 6238 section 5.2: accept one step either side for clock drift between phone and server.
const allowedDriftSteps = 1;

const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * `text` without the `=` padding at its end. A loop rather than `/=+$/`, which backtracks from every
 * `=` of a long run that does not end the text: 80,000 of them held the event loop for 3 s.
 */
export function withoutBase32Padding(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === "=") end--;
  return text.slice(0, end);
}

/**
 * Whether `length` base32 characters (without padding) are a whole encoding. Each character holds 5
 * bits, and an encoding of bytes stops at the character that holds the last byte's last bit: after
 * 1, 3 or 6 characters of a group of 8 the last character would hold no bit of any byte, so no
 * encoder writes such a length (RFC 4648 section 6), decoders drop that character, and a secret of
 * that length lost a character or gained one.
 */
export function isWholeBase32Length(length: number): boolean {
  return ![1, 3, 6].includes(length % 8);
}

export function encodeBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let text = "";
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      text += base32Alphabet[(value >>> (bits - 5)) & 0x1f];
      bits -= 5;
    }
  }
  return bits > 0 ? text + base32Alphabet[(value << (5 - bits)) & 0x1f] : text;
}

// RFC 4226 section 4: a shared secret of 160 bits is recommended (HMAC-SHA-1's output length).
const newSecretBytes = 20;

/** A new random TOTP secret, base32 without padding: 32 characters, as authenticator apps take it. */
export function newTotpSecret(): string {
  return encodeBase32(randomBytes(newSecretBytes));
}

/**
 * The otpauth:// URI of a secret (Google Authenticator's Key Uri Format), which a QR code carries
 * to an authenticator app: the label "issuer:account", and the parameters of the codes this server
 * accepts, spelt out for apps that do not assume them.
 */
export function totpKeyUri(secret: string, issuer: string, account: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const parameters = new URLSearchParams({ secret, issuer, algorithm: "SHA1", digits: String(digits), period: String(periodSeconds) });
  return `otpauth://totp/${label}?${parameters.toString().replaceAll("+", "%20")}`;
}

export function decodeBase32(secret: string): Buffer {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const character of withoutBase32Padding(secret).toUpperCase()) {
    const index = base32Alphabet.indexOf(character);
    if (index < 0) throw new Error("Not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP with HMAC-SHA-1 and dynamic truncation. */
export function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac("sha1", key).update(message).digest();
  const offset = hmac[hmac.length - 1]! & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / periodSeconds);
}

// Authenticator apps show a code in groups ("123 456") and people type or paste it as they see it,
// some with a hyphen: spaces and hyphens are dropped, as they are from a typed `totpSecret`.
// Nothing else is, and six ASCII digits must be left. A guesser could always send the six digits
// themselves, so this makes no guess likelier to succeed.
const totpCodeSeparators = /[\s-]/g;

/**
 * The time step whose TOTP code `typedCode` is (separators aside), within the allowed drift, or
 * undefined. Every candidate is compared in constant time, so timing does not tell which step was
 * close.
 */
export function matchingTotpStep(secret: string, typedCode: string, now = new Date()): number | undefined {
  const code = typedCode.replace(totpCodeSeparators, "");
  if (!/^\d{6}$/.test(code)) return undefined;
  const key = decodeBase32(secret);
  const current = totpStep(now);
  let matched: number | undefined;
  for (let step = current - allowedDriftSteps; step <= current + allowedDriftSteps; step++) {
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code)) && matched === undefined) matched = step;
  }
  return matched;
}
