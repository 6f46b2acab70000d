import { randomBytes } from "node:crypto";
import { withBareServer } from "../baseline/start-bare-server.ts";
import { benchBcryptDigest, createUserInputs } from "../create-user-input.ts";
import { measurementOfLoad, ratioGoal } from "../goals.ts";
import { adminHeaders, answeredWith, graphqlBody } from "../graphql-requests.ts";
import { benchConnections, benchLoadSettings, runLoad } from "../load.ts";
import type { Scenario } from "../measurement.ts";

const createUserMutation = `mutation BenchCreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    __typename
    ... on CreateUserSuccess { user { id email } }
    ... on Error { message }
  }
}`;

const bareCreateUserMutation = `mutation BenchBareCreateUser($input: JSONObject!) {
  createUser(input: $input) { id email }
}`;

const parameters = `bcrypt passwordDigest (stored, not hashed), ${benchConnections} connections`;

/**
 * Our createUser with an existing bcrypt digest (admin key, validation, one nested write, the
 * user read back for the response) against a bare Yoga + Prisma server inserting the same rows with
 * no validation. Goal: >= 0.7 of the bare server.
 */
export const createUser: Scenario = async (target) => {
  const passwordDigest = await benchBcryptDigest();
  const ours = await runLoad({
    ...benchLoadSettings,
    url: target.graphqlUrl,
    headers: adminHeaders(target),
    body: bodies(createUserMutation, passwordDigest),
    isSuccess: answeredWith("createUser", "CreateUserSuccess"),
  });
  const bare = await withBareServer(target, (url) => runLoad({ ...benchLoadSettings, url, body: bodies(bareCreateUserMutation, passwordDigest) }));
  return {
    measurements: [
      measurementOfLoad("createUser", "identity API createUser", ours, { parameters }),
      measurementOfLoad("createUser", "bare Yoga + Prisma insert (baseline)", bare, { parameters }),
    ],
    goals: [ratioGoal("createUser", "createUser / bare baseline >= 0.7", ours.requestsPerSecond, bare.requestsPerSecond, 0.7)],
  };
};

function bodies(mutation: string, passwordDigest: string): () => string {
  const nextInput = createUserInputs(randomBytes(4).toString("hex"), passwordDigest);
  return () => graphqlBody(mutation, { input: nextInput() });
}
