import { randomBytes } from "node:crypto";
import { withBareServer } from "../baseline/start-bare-server.ts";
import { measurementOfLoad, ratioGoal } from "../goals.ts";
import { answeredWith, graphqlBody } from "../graphql-requests.ts";
import { measureArgon2Limit, measurementOfLimit } from "../limits/measure-argon2-limit.ts";
import { benchConnections, benchLoadSettings, runLoad, type LoadOptions, type LoadResult } from "../load.ts";
import type { BenchTarget, Scenario } from "../measurement.ts";
import { describeArgon2, serverArgon2Settings } from "../password-settings.ts";
import { peakRssMegabytes, resetPeakRss } from "../processes/peak-rss.ts";

const signUpMutation = `mutation BenchSignUp($input: SignUpInput!) {
  signUp(input: $input) {
    __typename
    ... on SignUpSuccess { user { id email } }
    ... on Error { message }
  }
}`;

const bareSignUpMutation = `mutation BenchBareSignUp($input: JSONObject!) {
  signUp(input: $input) { id email }
}`;

/** The subject the runner's memory goal looks for. */
export const ourSignUpSubject = "identity API signUp";

/**
 * Our signUp (validation, password policy, argon2id, user and session in one write, the cookie)
 * against its limit: the same argon2id hashes, as many at a time, with nothing else to do (goal:
 * >= 0.9). Also against a bare Yoga sign-up that hashes the same way and writes the same rows in
 * one raw INSERT without validation: what RECIPES.md judges the 0.9 against, since on two cores
 * HTTP and the write alone cost 10-20 % of the limit. The server's peak RSS is the peak during our
 * load.
 */
export const signUp: Scenario = async (target) => {
  const hashing = describeArgon2(serverArgon2Settings);
  const limit = await measureArgon2Limit({ ...benchLoadSettings, operation: "hash", concurrency: benchConnections });
  await resetPeakRss(target.serverProcessId);
  const ours = await loadOurSignUp(target, { processId: target.serverProcessId, database: target.database });
  const peakRss = await peakRssMegabytes(target.serverProcessId);
  const bare = await withBareServer(target, (url, { processId }) =>
    runLoad({ ...benchLoadSettings, url, body: bodies(bareSignUpMutation), cpuOf: { processId, database: target.database } }),
  );
  const parameters = `${hashing}, ${benchConnections} connections`;
  return {
    measurements: [
      measurementOfLoad("signUp", ourSignUpSubject, ours, {
        parameters: target.database === "pglite" ? `${parameters}; RSS includes the embedded database` : parameters,
        peakRssMegabytes: peakRss,
      }),
      measurementOfLoad("signUp", "bare Yoga sign-up, one raw INSERT (baseline)", bare, { parameters }),
      measurementOfLimit("signUp", "raw argon2id hash (limit)", limit, hashing, benchConnections),
    ],
    goals: [
      ratioGoal("signUp", "signUp / raw argon2id hash >= 0.9", ours.requestsPerSecond, limit.operationsPerSecond, 0.9),
      ratioGoal("signUp", "signUp / bare sign-up (RECIPES.md) >= 0.9", ours.requestsPerSecond, bare.requestsPerSecond, 0.9),
    ],
  };
};

/** Our signUp under the run's load (with `cpuOf`, where its CPU went). */
export function loadOurSignUp(target: BenchTarget, cpuOf?: LoadOptions["cpuOf"]): Promise<LoadResult> {
  return runLoad({
    ...benchLoadSettings,
    url: target.graphqlUrl,
    body: bodies(signUpMutation),
    isSuccess: answeredWith("signUp", "SignUpSuccess"),
    ...(cpuOf ? { cpuOf } : {}),
  });
}

/** Sign-up inputs with unique email addresses, the same for our server and the baseline. */
function bodies(mutation: string): () => string {
  const runId = randomBytes(4).toString("hex");
  let sequence = 0;
  return () => {
    sequence += 1;
    return graphqlBody(mutation, {
      input: { email: `signup-${runId}-${sequence}@example.com`, password: "bench quartz violin 7 meadow", name: "Ada Lovelace" },
    });
  };
}
