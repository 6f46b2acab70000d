import { randomBytes } from "node:crypto";

// Distinct values for every test: each test file has its own database, but no test depends on
// another's data, and the run id keeps values apart between runs on a database that is kept.

/** Tells this run's values from another run's. */
export const runId = randomBytes(3).toString("hex");

let sequence = 0;
/** A number no earlier call in this test file returned. */
export const nextNumber = () => ++sequence;

export const uniqueEmail = (label = "user") => `${label}.${runId}.${nextNumber()}@example.com`;
export const uniqueUsername = (label = "user") => `${label}_${runId}_${nextNumber()}`;
export const uniqueExternalId = () => `ext-${runId}-${nextNumber()}`;
/** A word no other test contains, to search for. */
export const uniqueTag = (label: string) => `${label}${runId}x${nextNumber()}`;
export const uniqueWallet = () => `0x${randomBytes(20).toString("hex")}`;
