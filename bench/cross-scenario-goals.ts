import { ceilingGoal, ratioGoal } from "./goals.ts";
import type { GoalCheck, Measurement } from "./measurement.ts";
import { betterAuthSignUpSubject } from "./scenarios/better-auth-sign-up.ts";
import { ourSignUpSubject } from "./scenarios/sign-up.ts";

// Issue #7's goals that compare figures of different scenarios: ours against Better Auth at the
// same concurrency, and the server's memory under the signUp load. The memory goal is about our
// server: it is checked on PostgreSQL, because with the embedded database the process also holds
// the database engine (PGlite's WebAssembly PostgreSQL, several hundred MB on its own).

const peakRssCeilingMegabytes = 256;
const betterAuthMinimumRatio = 3;

export function crossScenarioGoals(measurements: Measurement[], database: "pglite" | "postgres"): GoalCheck[] {
  const ours = measurements.find((measurement) => measurement.scenario === "signUp" && measurement.subject === ourSignUpSubject);
  if (!ours) return [];
  const betterAuth = measurements.find(
    (measurement) => measurement.scenario === "signUp" && measurement.subject === betterAuthSignUpSubject,
  );
  return [
    ...(ours.peakRssMegabytes === undefined || database !== "postgres"
      ? []
      : [ceilingGoal("signUp", `server peak RSS under signUp load <= ${peakRssCeilingMegabytes} MB`, ours.peakRssMegabytes, peakRssCeilingMegabytes)]),
    ...(betterAuth?.operationsPerSecond === undefined || ours.operationsPerSecond === undefined
      ? []
      : [
          ratioGoal(
            "signUp",
            `signUp / Better Auth sign-up >= ${betterAuthMinimumRatio}`,
            ours.operationsPerSecond,
            betterAuth.operationsPerSecond,
            betterAuthMinimumRatio,
          ),
        ]),
  ];
}
