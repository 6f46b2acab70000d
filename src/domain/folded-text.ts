/**
 * Text folded for comparison: compatibility forms folded (NFKC: fullwidth "ｓｅｃ" is "sec", "ﬁ" is
 * "fi") and case folded, so that every case variant meets: "STRASSE", "straße" and "STRAẞE";
 * "ΣΟΦΟΣ", "σοφοσ" and "σοφος". Lower-casing alone keeps those apart. JavaScript has no case
 * folding: lower, upper, lower again reaches it ("ẞ" only lower-cases to "ß", and "ß" upper-cases
 * to "SS"), and Greek final sigma, which lower-casing writes by its place in the word, is folded to
 * "σ" as Unicode's case folding does, so that part of a word finds the whole.
 *
 * Turkish writes its i in two pairs, "İ"/"i" and "I"/"ı", where other languages have one. The
 * chain folds "ı" to "i" (through "I"), and "İ" to "i" with a combining dot above, which is then
 * dropped: "İlker", "ilker", "ILKER" and "ılker" are one, whichever keyboard typed them.
 */
export function foldedText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .replaceAll("ς", "σ")
    .replaceAll("i\u0307", "i")
    .normalize("NFKC");
}
