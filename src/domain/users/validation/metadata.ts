import { z } from "zod";
import { plainJsonObject, unstorableKeyMessage } from "./json-object.ts";
import { isStorableText } from "./text.ts";

// seed 000: "an object containing 10 fields at max with keys and values no more than 1024
// characters. Values can be only one of the types string, number and boolean ... or null".
const metadataMaximumKeys = 10;
const metadataMaximumLength = 1024;

export type MetadataValue = string | number | boolean | null;

export const metadata = plainJsonObject.superRefine((object, context) => {
  const keys = Object.keys(object);
  if (keys.length > metadataMaximumKeys) {
    context.addIssue({ code: "custom", message: `Must have at most ${metadataMaximumKeys} keys.` });
  }
  for (const key of keys) {
    const value = object[key];
    if (key.length > metadataMaximumLength || !isStorableText(key)) {
      context.addIssue({ code: "custom", path: [key], message: `Key must be at most ${metadataMaximumLength} storable characters.` });
    }
    if (key === "__proto__") context.addIssue({ code: "custom", path: [key], message: unstorableKeyMessage });
    if (typeof value === "string") {
      if (value.length > metadataMaximumLength || !isStorableText(value)) {
        context.addIssue({ code: "custom", path: [key], message: `Must be at most ${metadataMaximumLength} storable characters.` });
      }
    } else if (!(value === null || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))) {
      context.addIssue({ code: "custom", path: [key], message: "Must be a string, number, boolean or null." });
    }
  }
}) as unknown as z.ZodType<Record<string, MetadataValue>, Record<string, unknown>>;
