import { getOperationAST, Kind, OperationTypeNode, type DocumentNode, type SelectionSetNode } from "graphql";
import type { Plugin, YogaInitialContext } from "graphql-yoga";
import { badRequest } from "../schema/graphql-errors.ts";

export const sessionCookieName = "session";

/** What a resolver can do with the `session` cookie of the response. */
export interface SessionCookie {
  /** The token the request carried, if it carried exactly one (see `cookieFor`). */
  readonly requestToken: string | undefined;
  /** Every different token the request carried: what a sign-in, sign-up or sign-out ends. */
  readonly requestTokens: readonly string[];
  set(token: string, expiresAt: Date): void;
  clear(): void;
  /** Extends the request's own session, unless an operation of the request signs in, up or out. */
  renew(expiresAt: Date): void;
}

export interface SessionCookieOptions {
  /**
   * Adds `Secure`, so browsers send the cookie over HTTPS only (and to http://localhost).
   */
  secure: boolean;
  /** The mutations that set or clear the cookie: signing in, up or out. */
  cookieMutations: readonly string[];
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
  // The requests with an operation that signs in, up or out.
  const changingCookie = new WeakSet<Request>();
  const attributes = `Path=/; HttpOnly; SameSite=Lax${options.secure ? "; Secure" : ""}`;
  const cookieMutations = new Set(options.cookieMutations);
  // A resolver that sets or clears the cookie outside the listed mutations would slip past the
  // one-per-request check: its first request says so (and every test of it).
  const ensureListed = (request: Request) => {
    if (!changingCookie.has(request)) throw new Error("The session cookie is set or cleared by a mutation missing from cookieMutations.");
  };
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
        set(token, expiresAt) {
          ensureListed(request);
          set(token, expiresAt);
        },
        clear() {
          ensureListed(request);
          pendingHeaders.set(request, `${sessionCookieName}=; Max-Age=0; ${attributes}`);
        },
        renew(expiresAt) {
          // The operations of a batch run side by side, each with its own context: a renewal read
          // after a sign-out or sign-in of the batch must not bring the old cookie back.
          if (requestToken !== undefined && !changingCookie.has(request)) set(requestToken, expiresAt);
        },
      };
    },
    plugin: {
      // A response carries one `session` cookie: a second sign-in in the same request would open a
      // session the browser never receives, and a sign-out beside a sign-in would race it. So one
      // such field per request, in one operation of a batch (whose operations run side by side),
      // and the others are refused before anything of their operation runs.
      onExecute({ args, setResultAndStopExecution }) {
        const changes = cookieMutationsIn(args.document, args.operationName, cookieMutations);
        if (changes === 0) return;
        const { request } = args.contextValue as YogaInitialContext;
        if (changes > 1 || changingCookie.has(request)) {
          setResultAndStopExecution({
            errors: [badRequest("A request can sign in, sign up, sign out, delete its user or reset a password once, for its answer carries one session cookie: send each in a request of its own.")],
          });
          return;
        }
        changingCookie.add(request);
      },
      onResponse({ request, response }) {
        const header = pendingHeaders.get(request);
        // Deleted, not left to the collector: see use-released-library-caches.ts.
        changingCookie.delete(request);
        if (header === undefined) return;
        pendingHeaders.delete(request);
        response.headers.append("Set-Cookie", header);
      },
    },
  };
}

/** How many of `names` the operation's top-level mutation fields hold, fragments included. */
function cookieMutationsIn(document: DocumentNode, operationName: string | null | undefined, names: ReadonlySet<string>): number {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== OperationTypeNode.MUTATION) return 0;
  const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])));
  // Counted whatever @skip or @include say: a document that could change the cookie twice is refused.
  const count = (selectionSet: SelectionSetNode): number =>
    selectionSet.selections.reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + (names.has(selection.name.value) ? 1 : 0);
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      return total + (fragment ? count(fragment.selectionSet) : 0);
    }, 0);
  return count(operation.selectionSet);
}
