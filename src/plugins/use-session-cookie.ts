import type { Plugin } from "graphql-yoga";

export const sessionCookieName = "session";

/** What a resolver can do with the `session` cookie of the response. */
export interface SessionCookie {
  /** The token the request carried, if it carried exactly one (see `cookieFor`). */
  readonly requestToken: string | undefined;
  /** Every different token the request carried: what a sign-in, sign-up or sign-out ends. */
  readonly requestTokens: readonly string[];
  /**
   * Reserves the response's cookie for the operation that signs in, signs up or signs out, before
   * it does anything: false when another operation of the same batched request holds it, since a
   * response carries one `session` cookie and a second session would be opened and never delivered.
   */
  claim(): boolean;
  set(token: string, expiresAt: Date): void;
  clear(): void;
  /** Extends the request's own session, unless an operation of the request claimed the cookie. */
  renew(expiresAt: Date): void;
}

export interface SessionCookieOptions {
  /**
   * Adds `Secure`, so browsers send the cookie over HTTPS only (and to http://localhost).
   */
  secure: boolean;
}

// A browser sends one, or a few when other hosts of the domain set theirs: any more are a client's
// own making, and each one would cost the request's queries a parameter.
const maximumSessionCookies = 8;

function readCookies(header: string | null, name: string): string[] {
  const values = new Set<string>();
  for (const part of (header ?? "").split(";")) {
    if (values.size === maximumSessionCookies) break;
    const separator = part.indexOf("=");
    // Not URI-decoded: tokens are base64url, and a stray `%` must read as an unknown token, not throw.
    if (separator > 0 && part.slice(0, separator).trim() === name) values.add(part.slice(separator + 1).trim());
  }
  return [...values];
}

/**
 * The `session` cookie: `cookieFor(request)` gives resolvers a handle on it (through the context),
 * and the plugin writes what they set as a `Set-Cookie` header. HttpOnly so scripts (and XSS)
 * cannot read the token; SameSite=Lax so other sites cannot ride it.
 */
export function useSessionCookie(options: SessionCookieOptions): {
  plugin: Plugin;
  cookieFor(request: Request): SessionCookie;
} {
  const pendingHeaders = new WeakMap<Request, string>();
  const claimedBy = new WeakSet<Request>();
  const attributes = `Path=/; HttpOnly; SameSite=Lax${options.secure ? "; Secure" : ""}`;
  return {
    cookieFor: (request) => {
      const tokens = readCookies(request.headers.get("cookie"), sessionCookieName);
      // This server sets one `session` cookie, for its own host. Another one was planted, by a
      // sibling subdomain say (a cookie for the whole domain with a longer path is sent first),
      // to sign the browser in as its planter: a request with two signs in no one.
      const requestToken = tokens.length === 1 ? tokens[0] : undefined;
      const set = (token: string, expiresAt: Date) => {
        // Max-Age wins over Expires where both are understood, and counts from the browser's
        // receipt, so a client clock that is off does not move the end; Expires is for clients
        // that know no Max-Age. Rounded down: the cookie must not outlive its session.
        const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
        pendingHeaders.set(request, `${sessionCookieName}=${token}; Expires=${expiresAt.toUTCString()}; Max-Age=${maxAgeSeconds}; ${attributes}`);
      };
      return {
        requestToken,
        requestTokens: tokens,
        claim() {
          if (claimedBy.has(request)) return false;
          claimedBy.add(request);
          return true;
        },
        set,
        clear() {
          pendingHeaders.set(request, `${sessionCookieName}=; Max-Age=0; ${attributes}`);
        },
        renew(expiresAt) {
          // The operations of a batch run side by side, each with its own context: a renewal read
          // after a sign-out or sign-in of the batch must not bring the old cookie back.
          if (requestToken !== undefined && !claimedBy.has(request)) set(requestToken, expiresAt);
        },
      };
    },
    plugin: {
      onResponse({ request, response }) {
        const header = pendingHeaders.get(request);
        // Deleted, not left to the collector: see use-released-library-caches.ts.
        claimedBy.delete(request);
        if (header === undefined) return;
        pendingHeaders.delete(request);
        response.headers.append("Set-Cookie", header);
      },
    },
  };
}
