import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateUserMutation, SignUpMutation } from "./documents.ts";
import { graphql } from "./generated/gql.ts";
import type { UpdateUserInput } from "./generated/graphql.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

// LEGAL_ACCEPTANCE_REQUIRED=true: sign-up and creation need the user's acceptance of the terms,
// unless an admin skips the check (seed 004 `skipLegalChecks`, "when migrating a user").

const LegalUpdateUserMutation = graphql(`
  mutation LegalUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
      ... on UpdateUserSuccess { user { legalAcceptedAt } }
      ... on ValidationError { fieldErrors { path } }
    }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LEGAL_ACCEPTANCE_REQUIRED: "true", RATE_LIMITS: "off" });
});
afterAll(() => server.close());

const password = "analytical engine notes 1843";

describe("legal acceptance required by the instance", () => {
  it("refuses a sign-up without legalAccepted, naming the field", async () => {
    const { body } = await server.request(SignUpMutation, { input: { email: "no-terms@example.com", password } });
    expect(body.data?.signUp).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "legalAccepted"], message: expect.stringContaining("legal terms") }],
    });
    expect(await server.database.prisma.user.count({ where: { emailAddresses: { some: { emailNormalized: "no-terms@example.com" } } } })).toBe(0);
  });

  it("signs up with legalAccepted and stamps legalAcceptedAt", async () => {
    const before = Date.now();
    const { body } = await server.request(SignUpMutation, { input: { email: "terms@example.com", password, legalAccepted: true } });
    const result = body.data?.signUp;
    expect(result?.__typename).toBe("SignUpSuccess");
    if (result?.__typename !== "SignUpSuccess") return;
    expect(Date.parse(result.user.legalAcceptedAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("lets only an admin skip the check on sign-up", async () => {
    const input = { email: "skip-terms@example.com", password, skipLegalChecks: true };
    expect((await server.request(SignUpMutation, { input })).body.data?.signUp).toMatchObject({
      __typename: "ForbiddenError",
      fields: ["skipLegalChecks"],
    });
    const { body } = await server.request(SignUpMutation, { input }, { admin: true });
    expect(body.data?.signUp).toMatchObject({ __typename: "SignUpSuccess", user: { legalAcceptedAt: null } });
  });

  it("refuses createUser without legalAcceptedAt unless skipLegalChecks", async () => {
    const base = { emailAddress: ["legal@example.com"], skipPasswordRequirement: true };
    expect((await server.request(CreateUserMutation, { input: base }, { admin: true })).body.data?.createUser).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["input", "legalAcceptedAt"] }],
    });
    const accepted = await server.request(
      CreateUserMutation,
      { input: { ...base, legalAcceptedAt: "2012-10-20T07:15:20.902Z" } },
      { admin: true },
    );
    expect(accepted.body.data?.createUser).toMatchObject({
      __typename: "CreateUserSuccess",
      user: { legalAcceptedAt: "2012-10-20T07:15:20.902Z" },
    });
    const skipped = await server.request(
      CreateUserMutation,
      { input: { ...base, emailAddress: ["legal-skipped@example.com"], skipLegalChecks: true } },
      { admin: true },
    );
    expect(skipped.body.data?.createUser).toMatchObject({ __typename: "CreateUserSuccess", user: { legalAcceptedAt: null } });
  });

  it("refuses updateUser clearing legalAcceptedAt unless skipLegalChecks, and leaves it alone otherwise", async () => {
    const acceptedAt = "2012-10-20T07:15:20.902Z";
    const created = await server.request(
      CreateUserMutation,
      { input: { emailAddress: ["legal-update@example.com"], skipPasswordRequirement: true, legalAcceptedAt: acceptedAt } },
      { admin: true },
    );
    if (created.body.data?.createUser.__typename !== "CreateUserSuccess") throw new Error(JSON.stringify(created.body));
    const id = created.body.data.createUser.user.id;
    const update = async (input: UpdateUserInput) => (await server.request(LegalUpdateUserMutation, { id, input }, { admin: true })).body.data?.updateUser;
    expect(await update({ legalAcceptedAt: null })).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "legalAcceptedAt"] }] });
    expect(await update({ name: "Grace" })).toMatchObject({ __typename: "UpdateUserSuccess", user: { legalAcceptedAt: acceptedAt } });
    expect(await update({ legalAcceptedAt: null, skipLegalChecks: true })).toMatchObject({ __typename: "UpdateUserSuccess", user: { legalAcceptedAt: null } });
  });
});
