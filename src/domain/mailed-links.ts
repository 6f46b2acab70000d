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

export function mailedLink(publicUrl: string, page: MailedLinkPage, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/${page}?token=${encodeURIComponent(token)}`;
}

/** "24 hours", "1 hour", "30 minutes": how long a link works, as its mail says. */
export function lifetimeInWords(timeToLiveMilliseconds: number): string {
  const minutes = Math.round(timeToLiveMilliseconds / 60_000);
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}
