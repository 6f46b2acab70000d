import { randomBytes } from "node:crypto";
import { hashNewPassword } from "../../src/domain/passwords/password-hashing.ts";
import { measurementOfLoad, ratioGoal } from "../goals.ts";
import { adminHeaders, answeredWith, graphqlBody, inParallel, sendExpecting } from "../graphql-requests.ts";
import { measureArgon2Limit } from "../limits/measure-argon2-limit.ts";
import { benchConnections, benchDurationSeconds, benchWarmUpSeconds, runLoad } from "../load.ts";
import type { BenchTarget, Scenario } from "../measurement.ts";
import { describeArgon2, serverArgon2Settings } from "../password-settings.ts";

const signInMutation = `mutation BenchSignIn($input: SignInInput!) {
  signIn(input: $input) {
    __typename
    ... on SignInSuccess { user { id email } }
    ... on Error { message }
  }
}`;

const seedMutation = `mutation BenchSeedSignInUser($input: CreateUserInput!) {
  createUser(input: $input) { __typename ... on Error { message } }
}`;

const password = "bench quartz violin 7 meadow";
// More users than sign-ins in one run, so that no account's own counters or rows get hot.
const seededUsers = 1500;

/**
 * Our signIn by email (lookup, argon2id verification, session write, cookie) against its limit:
 * verifying the same digest as many at a time. Goal: >= 0.9 of the limit.
 */
export const signIn: Scenario = async (target) => {
  const hashing = describeArgon2(serverArgon2Settings);
  const emails = await seedUsers(target);
  const limit = await measureArgon2Limit({
    operation: "verify",
    concurrency: benchConnections,
    warmUpSeconds: benchWarmUpSeconds,
    durationSeconds: benchDurationSeconds,
  });
  let sequence = 0;
  const load = await runLoad({
    url: target.graphqlUrl,
    body: () => graphqlBody(signInMutation, { input: { identifier: emails[sequence++ % emails.length], password } }),
    connections: benchConnections,
    warmUpSeconds: benchWarmUpSeconds,
    durationSeconds: benchDurationSeconds,
    isSuccess: answeredWith("signIn", "SignInSuccess"),
  });
  return {
    measurements: [
      measurementOfLoad("signIn", "identity API signIn", load, { parameters: `${hashing}, ${benchConnections} connections` }),
      {
        scenario: "signIn",
        subject: "raw argon2id verify (limit)",
        operationsPerSecond: limit.operationsPerSecond,
        p50Milliseconds: limit.p50Milliseconds,
        p99Milliseconds: limit.p99Milliseconds,
        parameters: `${hashing}, ${benchConnections} at a time, thread pool ${limit.threadPoolSize}`,
      },
    ],
    goals: [ratioGoal("signIn", "signIn / raw argon2id verify >= 0.9", load.requestsPerSecond, limit.operationsPerSecond, 0.9)],
  };
};

/**
 * Users with an argon2id digest at the server's settings (so no sign-in upgrades it), created
 * with the digest through createUser: seeding costs one hash, not one per user.
 */
async function seedUsers(target: BenchTarget): Promise<string[]> {
  const { digest } = await hashNewPassword(password, { function: "ARGON2" }, serverArgon2Settings);
  const runId = randomBytes(4).toString("hex");
  const emails = Array.from({ length: seededUsers }, (_, index) => `signin-${runId}-${index}@example.com`);
  await inParallel(emails.length, benchConnections, (index) =>
    sendExpecting(
      target.graphqlUrl,
      graphqlBody(seedMutation, { input: { emailAddress: [emails[index]], passwordDigest: digest, passwordHasher: "ARGON2ID" } }),
      adminHeaders(target),
      { field: "createUser", typename: "CreateUserSuccess" },
    ),
  );
  return emails;
}
