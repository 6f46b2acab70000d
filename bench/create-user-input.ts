import bcrypt from "bcrypt";
import { bcryptCost } from "../src/domain/passwords/password-hashing.ts";

/**
 * The createUser input of the create-user scenario: a user imported with an existing bcrypt digest
 * (no hashing on the server), sent as the same JSON to our server and to the bare baseline.
 */
export interface BenchCreateUserInput {
  emailAddress: [string];
  username: string;
  firstName: string;
  lastName: string;
  passwordDigest: string;
  passwordHasher: "BCRYPT";
}

/** One digest for every row: the server stores it as it is, so its cost does not matter here. */
export function benchBcryptDigest(): Promise<string> {
  return bcrypt.hash("bench imported password 7 quartz", bcryptCost);
}

/** Inputs with unique email addresses and usernames, for `runId` (unique per run and subject). */
export function createUserInputs(runId: string, passwordDigest: string): () => BenchCreateUserInput {
  let sequence = 0;
  return () => {
    sequence += 1;
    return {
      emailAddress: [`import-${runId}-${sequence}@example.com`],
      username: `import_${runId}_${sequence}`,
      firstName: "Grace",
      lastName: "Hopper",
      passwordDigest,
      passwordHasher: "BCRYPT",
    };
  };
}
