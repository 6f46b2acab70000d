import { z } from "zod";
import { plainJsonObject, unstorableKeyMessage } from "./json-object.ts";
import { isStorableText } from "./text.ts";

// seed 000: "an object containing 10 fields at max with keys and values no more than 1024
// characters. Values can be only one of the types string, number and boolean ... or null".
const metadataMaximumKeys = 10;
const metadataMaximumLength = 1024;

export type MetadataValue = string | number | boolean | null;

const unstorableTextMessage = (part: string) => `${part} must not contain NUL characters or unpaired surrogates.`;

/** Longer than the seed allows, in characters (code points, as zod counts every other length): an emoji is one. */
function isOverlong(text: string): boolean {
  if (text.length <= metadataMaximumLength) return false;
  // A character is one or two UTF-16 units: only a length in between needs counting.
  return text.length > 2 * metadataMaximumLength || [...text].length > metadataMaximumLength;
}

export const metadata = plainJsonObject.superRefine((object, context) => {
  const keys = Object.keys(object);
  if (keys.length > metadataMaximumKeys) {
    context.addIssue({ code: "custom", message: `Must have at most ${metadataMaximumKeys} keys.` });
    // Refused whatever its keys hold. Judging each of them too would let one public sign-up of a few
    // megabytes keep the server busy for seconds and answer with a field error per key (30 MB).
    return;
  }
  for (const key of keys) {
    const value = object[key];
    if (isOverlong(key)) context.addIssue({ code: "custom", path: [key], message: `Key must be at most ${metadataMaximumLength} characters.` });
    else if (!isStorableText(key)) context.addIssue({ code: "custom", path: [key], message: unstorableTextMessage("Key") });
    if (key === "__proto__") context.addIssue({ code: "custom", path: [key], message: unstorableKeyMessage });
    if (typeof value === "string") {
      if (isOverlong(value)) context.addIssue({ code: "custom", path: [key], message: `Must be at most ${metadataMaximumLength} characters.` });
      else if (!isStorableText(value)) context.addIssue({ code: "custom", path: [key], message: unstorableTextMessage("Value") });
    } else if (!(value === null || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))) {
      context.addIssue({ code: "custom", path: [key], message: "Must be a string, number, boolean or null." });
    }
  }
}) as unknown as z.ZodType<Record<string, MetadataValue>, Record<string, unknown>>;
