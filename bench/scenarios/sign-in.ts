import { randomBytes } from "node:crypto";
import { hashNewPassword } from "../../src/domain/passwords/password-hashing.ts";
import { measurementOfLoad, ratioGoal } from "../goals.ts";
import { adminHeaders, answeredWith, graphqlBody } from "../graphql-requests.ts";
import { measureArgon2Limit, measurementOfLimit } from "../limits/measure-argon2-limit.ts";
import { benchConnections, benchLoadSettings, runLoad } from "../load.ts";
import type { BenchTarget, Scenario } from "../measurement.ts";
import { describeArgon2, serverArgon2Settings } from "../password-settings.ts";

const signInMutation = `mutation BenchSignIn($input: SignInInput!) {
  signIn(input: $input) {
    __typename
    ... on SignInSuccess { user { id email } }
    ... on Error { message }
  }
}`;

const seedMutation = `mutation BenchSeedSignInUsers($users: [CreateUserInput!]!) {
  importUsers(users: $users) { __typename ... on Error { message } }
}`;

const password = "bench quartz violin 7 meadow";
// More users than sign-ins in one run, so that no account's own counters or rows get hot.
const seededUsers = 1500;
const seedBatchSize = 500;

/**
 * Our signIn by email (lookup, argon2id verification, session write, cookie) against its limit:
 * verifying the same digest as many at a time. Goal: >= 0.9 of the limit.
 */
export const signIn: Scenario = async (target) => {
  const hashing = describeArgon2(serverArgon2Settings);
  const emails = await seedUsers(target);
  const limit = await measureArgon2Limit({ ...benchLoadSettings, operation: "verify", concurrency: benchConnections });
  let sequence = 0;
  const load = await runLoad({
    ...benchLoadSettings,
    url: target.graphqlUrl,
    body: () => graphqlBody(signInMutation, { input: { identifier: emails[sequence++ % emails.length], password } }),
    isSuccess: answeredWith("signIn", "SignInSuccess"),
  });
  return {
    measurements: [
      measurementOfLoad("signIn", "identity API signIn", load, { parameters: `${hashing}, ${benchConnections} connections` }),
      measurementOfLimit("signIn", "raw argon2id verify (limit)", limit, hashing, benchConnections),
    ],
    goals: [ratioGoal("signIn", "signIn / raw argon2id verify >= 0.9", load.requestsPerSecond, limit.operationsPerSecond, 0.9)],
  };
};

/**
 * Users with an argon2id digest at the server's settings (so no sign-in upgrades it), imported
 * with the digest: seeding costs one hash and a few requests, not one hash per user.
 */
async function seedUsers(target: BenchTarget): Promise<string[]> {
  const { digest } = await hashNewPassword(password, { function: "ARGON2" }, serverArgon2Settings);
  const runId = randomBytes(4).toString("hex");
  const emails = Array.from({ length: seededUsers }, (_, index) => `signin-${runId}-${index}@example.com`);
  for (let start = 0; start < emails.length; start += seedBatchSize) {
    const users = emails
      .slice(start, start + seedBatchSize)
      .map((email) => ({ emailAddress: [email], passwordDigest: digest, passwordHasher: "ARGON2ID" }));
    const response = await fetch(target.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...adminHeaders(target) },
      body: graphqlBody(seedMutation, { users }),
    });
    const text = await response.text();
    const results = (JSON.parse(text) as { data?: { importUsers?: Array<{ __typename: string }> } }).data?.importUsers;
    if (!results || results.some((result) => result.__typename !== "CreateUserSuccess")) {
      throw new Error(`seeding sign-in users failed: HTTP ${response.status} ${text.slice(0, 500)}`);
    }
  }
  return emails;
}
