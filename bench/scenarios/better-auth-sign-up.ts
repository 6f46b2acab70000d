import { randomBytes } from "node:crypto";
import { createBenchDatabase } from "../bench-database.ts";
import { measurementOfLoad, ratioGoal } from "../goals.ts";
import { benchConnections, benchDurationSeconds, benchWarmUpSeconds, runLoad } from "../load.ts";
import type { Scenario } from "../measurement.ts";
import { describeArgon2, serverArgon2Settings } from "../password-settings.ts";
import { betterAuthScrypt, measureScryptLimit } from "../peers/better-auth/measure-scrypt-limit.ts";
import { startBetterAuth } from "../peers/better-auth/start-peer.ts";
import { peakRssMegabytes, resetPeakRss } from "../processes/peak-rss.ts";
import { loadOurSignUp } from "./sign-up.ts";

const betterAuthMinimumRatio = 3;

/**
 * Better Auth's email-and-password sign-up (default settings, its Prisma adapter, a database of its
 * own on the same kind of database as ours) at our concurrency, next to the limit of its default
 * scrypt hashing, and our signUp under the same load just before it: measured back to back, so
 * that the ratio does not take in the machine's drift between scenarios (its memory-hard hashing
 * speed moves by a third within minutes on a shared host; README *Performance*).
 */
export const betterAuthSignUp: Scenario = async (target) => {
  const load = { connections: benchConnections, warmUpSeconds: benchWarmUpSeconds, durationSeconds: benchDurationSeconds };
  const limit = await measureScryptLimit({ ...load, operation: "hash", concurrency: benchConnections });
  const database = await createBenchDatabase();
  try {
    if (database.kind !== target.database) throw new Error(`Better Auth would run on ${database.kind}, ours runs on ${target.database}`);
    const betterAuth = await startBetterAuth(database.url);
    try {
      const runId = randomBytes(4).toString("hex");
      let sequence = 0;
      const ours = await loadOurSignUp(target);
      // The peak during the load, as for ours, not the start's (PGlite's initdb peaks far higher).
      await resetPeakRss(betterAuth.processId);
      const signUpLoad = await runLoad({
        ...load,
        url: `${betterAuth.origin}/api/auth/sign-up/email`,
        body: () => {
          sequence += 1;
          return JSON.stringify({ email: `better-auth-${runId}-${sequence}@example.com`, password: "bench quartz violin 7 meadow", name: "Ada Lovelace" });
        },
        isSuccess: isSignedUp,
      });
      const parameters = `${betterAuthScrypt}, ${benchConnections} connections`;
      const signUp = measurementOfLoad("signUp", "Better Auth sign-up (email and password)", signUpLoad, {
        parameters: target.database === "pglite" ? `${parameters}; RSS includes the embedded database` : parameters,
        peakRssMegabytes: await peakRssMegabytes(betterAuth.processId),
      });
      return {
        measurements: [
          measurementOfLoad("signUp", "identity API signUp, just before Better Auth's", ours, {
            parameters: `${describeArgon2(serverArgon2Settings)}, ${benchConnections} connections`,
          }),
          signUp,
          {
            scenario: "signUp",
            subject: "Better Auth raw scrypt hash (limit)",
            operationsPerSecond: limit.operationsPerSecond,
            p50Milliseconds: limit.p50Milliseconds,
            p99Milliseconds: limit.p99Milliseconds,
            parameters: `${betterAuthScrypt}, ${benchConnections} at a time, thread pool ${limit.threadPoolSize}`,
          },
        ],
        goals: [
          ratioGoal(
            "signUp",
            `signUp / Better Auth sign-up, back to back >= ${betterAuthMinimumRatio}`,
            ours.requestsPerSecond,
            signUpLoad.requestsPerSecond,
            betterAuthMinimumRatio,
          ),
        ],
      };
    } finally {
      await betterAuth.stop();
    }
  } finally {
    await database.drop();
  }
};

/** Better Auth's sign-up success: HTTP 200 with the new session's token and the user (auto sign-in is on by default). */
function isSignedUp(status: number, responseBody: string): boolean {
  if (status !== 200) return false;
  try {
    const parsed = JSON.parse(responseBody) as { token?: unknown; user?: { id?: unknown } };
    return typeof parsed.token === "string" && parsed.token !== "" && typeof parsed.user?.id === "string";
  } catch {
    return false;
  }
}
