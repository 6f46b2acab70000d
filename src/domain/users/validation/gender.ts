import { z } from "zod";
import { singleLineText } from "./text.ts";

const genderCodeMaximumLength = 32;

// Digits of any script: fullwidth "１５" and Arabic-Indic "١٥" spell numbers as much as "15" does.
const integerSpelling = /^\s*[+\-\u2212]?\p{Nd}+\s*$/u;

/** The integer a string spells in digits of any script (NaN for digits other than 0-9 once normalized), or the value itself. */
function asInteger(value: string | number): string | number {
  if (typeof value !== "string" || !integerSpelling.test(value)) return value;
  // NFKC writes fullwidth digits and the minus sign U+2212 as ASCII; other scripts' digits stay.
  const ascii = value.normalize("NFKC").replace("\u2212", "-");
  return /^\s*[+-]?[0-9]+\s*$/.test(ascii) ? Number(ascii) : Number.NaN;
}

// seed 000: "Short code of End-User's gender", a string or an integer from -10 to 10. A string
// that spells an integer ("3", "-11", "１５") is taken as that integer, range and all: a client that
// sends every value as a string means the number, and "15" must not slip past the range as a code.
export const gender = z.preprocess(
  asInteger,
  z.union(
    [
      // One line: a code with a line break or an escape sequence would forge what a log or an export shows.
      singleLineText(genderCodeMaximumLength),
      z
        .number()
        // Not `.int()`, which also refuses integers beyond 2^53 (1e20): one mistake, one message.
        .refine(Number.isInteger, "Must be a whole number from -10 to 10 or a short code.")
        .min(-10, "Must be from -10 to 10.")
        .max(10, "Must be from -10 to 10."),
    ],
    { error: "Must be a short code or a whole number from -10 to 10." },
  ),
);
