import { z } from "zod";
import { isStorableText } from "./text.ts";

// Deeper nesting than this is not data anyone means to store; it is a way to make parsers work hard.
const maximumDepth = 16;

// JSON.parse makes "__proto__" an own key, but zod's records and Prisma's Json serialization drop
// it without a word: refuse it rather than store less than was given.
export const unstorableKeyMessage = 'Keys must not be "__proto__".';

function firstUnstorablePart(value: unknown, depth: number): string | undefined {
  if (depth > maximumDepth) return `Must not nest deeper than ${maximumDepth} levels.`;
  if (typeof value === "string") return isStorableText(value) ? undefined : "Must not contain NUL characters or unpaired surrogates.";
  if (typeof value === "number") return Number.isFinite(value) ? undefined : "Numbers must be finite.";
  if (value === null || typeof value === "boolean") return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = firstUnstorablePart(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return "Keys must not contain NUL characters or unpaired surrogates.";
      if (key === "__proto__") return unstorableKeyMessage;
      const problem = firstUnstorablePart(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  return "Must hold only JSON values.";
}

/** A JSON object, passed on as given (`z.record` would rebuild it, dropping a "__proto__" key unseen). */
export const plainJsonObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  "Must be a JSON object.",
);

/** A JSON object of at most `maximumBytes` once serialized (UTF-8), storable in jsonb. */
export function jsonObject(maximumBytes: number) {
  return plainJsonObject.superRefine((object, context) => {
    const problem = firstUnstorablePart(object, 0);
    if (problem) {
      context.addIssue({ code: "custom", message: problem });
      return;
    }
    if (Buffer.byteLength(JSON.stringify(object)) > maximumBytes) {
      context.addIssue({ code: "custom", message: `Must be at most ${maximumBytes} bytes as JSON.` });
    }
  });
}

// SPEC section 6: publicMetadata, privateMetadata and unsafeMetadata, at most 8 KiB each.
export const metadataMaximumBytes = 8 * 1024;
export const clerkMetadata = jsonObject(metadataMaximumBytes);
// The raw user object from an identity's connection.
export const identityDetails = jsonObject(16 * 1024);
