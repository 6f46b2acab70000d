import { z } from "zod";
import { singleLineText } from "./text.ts";

const genderCodeMaximumLength = 32;

const integerSpelling = /^\s*[+-]?\d+\s*$/;

// seed 000: "Short code of End-User's gender", a string or an integer from -10 to 10. A string
// that spells an integer ("3", "-11") is taken as that integer, range and all: a client that sends
// every value as a string means the number, and "15" must not slip past the range as a code.
export const gender = z.preprocess(
  (value: string | number) => (typeof value === "string" && integerSpelling.test(value) ? Number(value) : value),
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
