import { storableString } from "./text.ts";

const urlMaximumLength = 2048;

function isAbsoluteHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
}

/**
 * Whether the scheme is followed by exactly two slashes, as RFC 3986 writes an authority. The URL
 * standard, for http and https, also reads the host after no slash, one, three or backslashes
 * ("https:example.com" is https://example.com/), where RFC 3986 reads a path and other software a
 * relative or different URL: a link that goes elsewhere, or nowhere, depending on who follows it.
 */
function hasTwoSlashesAfterScheme(value: string): boolean {
  return /^https?:\/\/[^/\\]/i.test(value);
}

function hasCredentials(value: string): boolean {
  const url = new URL(value);
  return url.username !== "" || url.password !== "";
}

/**
 * An absolute http(s) URI (seed 000 `picture`, `profile_page`, `website`), stored in the form the
 * WHATWG URL standard gives it ("HTTP://Example.COM/a b" becomes "http://example.com/a%20b"): the
 * form browsers follow and the `URL` type of the API answers with, so what is stored is what is read.
 */
export const httpUrl = storableString
  .trim()
  .max(urlMaximumLength, `Must be at most ${urlMaximumLength} characters.`)
  .refine(isAbsoluteHttpUrl, { message: "Must be an absolute http or https URL.", abort: true })
  .refine(hasTwoSlashesAfterScheme, {
    message: 'Must be written as http:// or https:// followed by the host name, as in "https://example.com/".',
    abort: true,
  })
  // A picture or a website is public: a user name or password in it would be shown to anyone who
  // reads the profile (and browsers refuse to load or follow such URLs anyway).
  .refine((value) => !hasCredentials(value), "Must not contain a user name or password.")
  .transform((value) => new URL(value).href)
  .refine(
    (href) => href.length <= urlMaximumLength,
    `Must be at most ${urlMaximumLength} characters once spaces and other characters are percent-encoded.`,
  );
