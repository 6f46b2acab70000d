/**
 * Text folded for comparison: compatibility forms folded (NFKC: fullwidth "ｓｅｃ" is "sec", "ﬁ" is
 * "fi") and case folded, so that every case variant meets: "STRASSE", "straße" and "STRAẞE";
 * "ΣΟΦΟΣ", "σοφοσ" and "σοφος"; "İlker" and "i̇lker". Lower-casing alone keeps those apart.
 * JavaScript has no case folding: lower, upper, lower again reaches it ("ẞ" only lower-cases to
 * "ß", and "ß" upper-cases to "SS"), and Greek final sigma, which lower-casing writes by its place
 * in the word, is folded to "σ" as Unicode's case folding does, so that part of a word finds the whole.
 */
export function foldedText(text: string): string {
  return text.normalize("NFKC").toLowerCase().toUpperCase().toLowerCase().replaceAll("ς", "σ").normalize("NFKC");
}
