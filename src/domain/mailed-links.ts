import { newRandomToken } from "./random-tokens.ts";
import type { SecretBox } from "./second-factor/secret-box.ts";
import type { NormalizedEmailAddress } from "./users/validation/email-address.ts";

/**
 * Links this service mails (verify an address, reset a password): each holds a one-time token and
 * opens a page of PUBLIC_URL, served by this server by default, or by a front end that sets
 * PUBLIC_URL to itself and has pages of the same names.
 */
export interface MailedLinkSettings {
  /** PUBLIC_URL: links point at `<publicUrl>/<page>?token=…`. */
  publicUrl: string;
  tokenTimeToLiveMilliseconds: number;
}

export type MailedLinkPage = "verify-email" | "reset-password";

function mailedLink(publicUrl: string, page: MailedLinkPage, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/${page}?token=${encodeURIComponent(token)}`;
}

/** "24 hours", "1 hour", "30 minutes": how long a link works, as its mail says. */
function lifetimeInWords(timeToLiveMilliseconds: number): string {
  const minutes = Math.round(timeToLiveMilliseconds / 60_000);
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

/** A kind of mailed link: the page it opens, and the mail that carries it. */
export interface MailedLinkKind {
  page: MailedLinkPage;
  subject: string;
  /** The mail's text around `link`, which works for the lifetime given in words. */
  text(address: string, link: string, lifetime: string): string;
}

/**
 * A new link for `address`, to be written in the same transaction as whatever caused it (the
 * outbox pattern): the token, of which only the hash is kept, and the mail carrying the link, whose
 * body is encrypted because the link holds the raw token.
 */
export interface QueuedMailedLink {
  token: { emailNormalized: string; tokenHash: string; expiresAt: Date };
  message: { recipient: string; subject: string; encryptedBody: string };
}

export function newMailedLink(
  kind: MailedLinkKind,
  settings: MailedLinkSettings,
  secretBox: SecretBox,
  address: NormalizedEmailAddress,
  now = new Date(),
): QueuedMailedLink {
  const { token, tokenHash, expiresAt } = newRandomToken(settings.tokenTimeToLiveMilliseconds, now);
  const body = kind.text(address.email, mailedLink(settings.publicUrl, kind.page, token), lifetimeInWords(settings.tokenTimeToLiveMilliseconds));
  return {
    token: { emailNormalized: address.emailNormalized, tokenHash, expiresAt },
    message: { recipient: address.email, subject: kind.subject, encryptedBody: secretBox.encrypt(body) },
  };
}
