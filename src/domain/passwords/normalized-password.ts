/**
 * The form a password is hashed and judged in: NFKC, as NIST SP 800-63B 5.1.1.2 asks of verifiers.
 * The same password typed on another system or pasted from elsewhere ("é" as one code point or as
 * "e" and a combining accent, fullwidth "ｐａｓｓ", the ligature "ﬁ") is then the same password.
 */
export function normalizedPassword(password: string): string {
  return password.normalize("NFKC");
}
