import { randomBytes } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/server.ts";

// SPEC section 9, scale-out: the server is stateless, so several instances serve one PostgreSQL
// database, and with REDIS_URL they enforce one set of rate limits. Two instances here, on one
// database and one Redis; only in the "postgres" project (the embedded database is one process's).

type Result = { __typename: string; user?: { id: string } };

const SignUp = parse(`
  mutation SeveralInstancesSignUp($input: SignUpInput!) {
    signUp(input: $input) { __typename ... on SignUpSuccess { user { id } } }
  }
`) as TypedDocumentNode<{ signUp: Result }, { input: { email: string; password: string } }>;

const SignIn = parse(`
  mutation SeveralInstancesSignIn($input: SignInInput!) {
    signIn(input: $input) { __typename ... on SignInSuccess { user { id } } }
  }
`) as TypedDocumentNode<{ signIn: Result }, { input: { identifier: string; password: string } }>;

const password = "velvet-harbour-ninety-lanterns";
const run = randomBytes(4).toString("hex");

let first: TestServer;
let second: TestServer;

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("two instances on one PostgreSQL database and one Redis", () => {
  beforeAll(async () => {
    const shared = {
      REDIS_URL: "redis://127.0.0.1:6379",
      RATE_LIMIT_KEY_PREFIX: `identity-test-${run}`,
      SIGN_IN_FAILURES_PER_IDENTIFIER: "3",
      SIGN_UPS_PER_IP: "1000",
      OUTBOX_POLL_MILLISECONDS: "0",
    };
    first = await startTestServer(shared);
    const database = first.config.database;
    if (database.kind !== "postgres") throw new Error("expected a PostgreSQL database");
    second = await startTestServer({ ...shared, DATABASE_URL: database.url });
  });
  afterAll(async () => {
    // The second instance first: the first one drops the database.
    await second?.close();
    await first?.close();
  });

  it("lets exactly one of 20 concurrent same-email sign-ups split across both succeed", async () => {
    const email = `race.${run}@example.com`;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? first : second).request(SignUp, { input: { email, password } })),
    );
    const typenames = responses.map((response) => response.body.data?.signUp.__typename ?? JSON.stringify(response.body));
    expect(typenames.filter((typename) => typename === "SignUpSuccess")).toHaveLength(1);
    expect(typenames.filter((typename) => typename === "ConflictError")).toHaveLength(19);
    // Both instances see the one user.
    const winner = responses.find((response) => response.body.data?.signUp.__typename === "SignUpSuccess")!;
    for (const server of [first, second]) {
      const signedIn = await server.request(SignIn, { input: { identifier: email, password } });
      expect(signedIn.body.data?.signIn.user?.id).toBe(winner.body.data?.signUp.user?.id);
    }
  });

  it("shares the rate limits: failures on one instance count on the other", async () => {
    const email = `limited.${run}@example.com`;
    const created = await first.request(SignUp, { input: { email, password } });
    expect(created.body.data?.signUp.__typename).toBe("SignUpSuccess");
    for (const server of [first, second, first]) {
      const failed = await server.request(SignIn, { input: { identifier: email, password: "not the password" } });
      expect(failed.body.data?.signIn.__typename).toBe("InvalidCredentialsError");
    }
    const limited = await second.request(SignIn, { input: { identifier: email, password } });
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(limited.body.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
  });
});
