import { ceilingGoal } from "./goals.ts";
import type { GoalCheck, Measurement } from "./measurement.ts";
import { ourSignUpSubject } from "./scenarios/sign-up.ts";

// Issue #7's goal on a figure another scenario measured: the server's memory under the signUp
// load. It is about our server: it is checked on PostgreSQL, because with the embedded database the
// process also holds the database engine (PGlite's WebAssembly PostgreSQL, several hundred MB on
// its own). (The Better Auth comparison is made inside its scenario, back to back.)

const peakRssCeilingMegabytes = 256;

export function crossScenarioGoals(measurements: Measurement[], database: "pglite" | "postgres"): GoalCheck[] {
  const ours = measurements.find((measurement) => measurement.scenario === "signUp" && measurement.subject === ourSignUpSubject);
  if (ours?.peakRssMegabytes === undefined || database !== "postgres") return [];
  return [ceilingGoal("signUp", `server peak RSS under signUp load <= ${peakRssCeilingMegabytes} MB`, ours.peakRssMegabytes, peakRssCeilingMegabytes)];
}
