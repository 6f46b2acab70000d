import { storableString } from "./text.ts";

const urlMaximumLength = 2048;

function isAbsoluteHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
}

/** An absolute http(s) URI (seed 000 `picture`, `profile_page`, `website`). */
export const httpUrl = storableString
  .trim()
  .max(urlMaximumLength, `Must be at most ${urlMaximumLength} characters.`)
  .refine(isAbsoluteHttpUrl, "Must be an absolute http or https URL.");
