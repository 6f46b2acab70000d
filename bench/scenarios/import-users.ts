import type { Scenario } from "../measurement.ts";
import { benchUserCount, generateUsers, importBatchSize, importConcurrency, importOverHttp, newRunTag } from "../seed-users.ts";

// Issue #7: importUsers of 100,000 users with existing digests, >= 5,000 users/s on PostgreSQL.
// What a migration script does: batches of 1000 rows (the API's limit), four requests in flight.
// The users stay stored for the userPages and emailLookup scenarios.

const goalUsersPerSecond = 5000;

export const importUsers: Scenario = async (target) => {
  // Warm-up: a few small batches (users of their own), so the first measured batch does not pay for
  // compiling the paths.
  const generated = await generateUsers(benchUserCount + 200, newRunTag());
  const users = generated.slice(0, benchUserCount);
  const warmUp = await importOverHttp(target, generated.slice(benchUserCount), { batchSize: 100, concurrency: 1 });
  if (warmUp.failed > 0) throw new Error(`importUsers warm-up: ${warmUp.failed} rows failed (${warmUp.firstFailure})`);

  const outcome = await importOverHttp(target, users, { batchSize: importBatchSize, concurrency: importConcurrency });
  if (outcome.failed > 0) throw new Error(`importUsers: ${outcome.failed} of ${users.length} rows failed (${outcome.firstFailure})`);
  const usersPerSecond = outcome.imported / outcome.seconds;
  return {
    measurements: [
      {
        scenario: "importUsers",
        subject: "identity API importUsers",
        operationsPerSecond: usersPerSecond,
        parameters: `${outcome.imported} users with digests (bcrypt, argon2id, Django PBKDF2, Werkzeug scrypt, SHA-256), ${importBatchSize} per request, ${importConcurrency} requests in flight, ${outcome.seconds.toFixed(1)} s`,
      },
    ],
    // The goal is stated for PostgreSQL; the embedded database's figure is reported without one.
    goals:
      target.database === "postgres"
        ? [{ scenario: "importUsers", goal: `importUsers >= ${goalUsersPerSecond} users/s`, value: usersPerSecond, met: usersPerSecond >= goalUsersPerSecond }]
        : [],
  };
};
