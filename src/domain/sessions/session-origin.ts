import type { RequestOrigin } from "../rate-limits/rate-limits.ts";

/**
 * What a session keeps of the request that opened it (a sign-in or sign-up), so that its owner can
 * tell their sessions apart in `mySessions`: the browser or app, and the network it was on.
 */
export interface SessionOrigin {
  userAgent: string | null;
  ipAddress: string | null;
}

// A browser's User-Agent is about 150 characters, the longest app ones a few hundred; a client may
// send kilobytes, and every sign-in would store them.
export const maximumRecordedUserAgentLength = 512;

export function sessionOrigin({ userAgent, ipAddress }: RequestOrigin): SessionOrigin {
  // An empty header says no more than a missing one.
  return { userAgent: userAgent ? userAgent.slice(0, maximumRecordedUserAgentLength) : null, ipAddress };
}
