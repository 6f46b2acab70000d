import type { ServiceDependencies } from "../domain/dependencies.ts";
import type { RequestOrigin } from "../domain/rate-limits/rate-limits.ts";
import type { SessionCookie } from "../plugins/use-session-cookie.ts";
import type { AuthenticationOutcomes } from "./authentication-outcomes.ts";

/** Who is calling, decided once per request from the Authorization header and the session cookie. */
export interface Caller {
  /** "invalid": a key was presented and matches none; such a request is refused where keys matter. */
  adminKey: "none" | "valid" | "invalid";
  /** The signed-in user, from a valid `session` cookie. */
  userId?: string;
  /** The id of that session. */
  sessionId?: string;
  /** When that session's sign-in happened. */
  signedInAt?: Date;
}

export interface Context {
  caller: Caller;
  services: ServiceDependencies;
  sessionCookie: SessionCookie;
  origin: RequestOrigin;
  /** Counts how sign-ups and sign-ins end (metrics). */
  authenticationOutcomes: AuthenticationOutcomes;
}
