import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput } from "./generated/graphql.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { nextNumber, runId, uniqueEmail, uniqueExternalId, uniqueUsername } from "./helpers/unique-values.ts";

// signUp, createUser and importUsers answer a `user` that selects only the user's own columns and
// primary email and phone from the values they have just written, and signIn from the account it
// reads once the session is open, without reading the user back. What they answer must be what a
// read of the stored user answers, field for field.

const WrittenUserSignUpMutation = graphql(`
  mutation WrittenUserSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on SignUpSuccess { user { ...WrittenUserFields } }
    }
  }
`);

const WrittenUserCreateMutation = graphql(`
  mutation WrittenUserCreate($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on CreateUserSuccess {
        user { ...WrittenUserFields }
        wider: user { id emailAddresses { email primary } metadata hasPassword profile { givenName } }
      }
    }
  }
`);

const WrittenUserImportMutation = graphql(`
  mutation WrittenUserImport($users: [CreateUserInput!]!) {
    importUsers(users: $users) {
      __typename
      ... on CreateUserSuccess { user { ...WrittenUserFields } }
    }
  }
`);

const WrittenUserSignInMutation = graphql(`
  mutation WrittenUserSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { ...WrittenUserFields } }
    }
  }
`);

const WrittenUserStoredQuery = graphql(`
  query WrittenUserStored($id: ID!) {
    user(id: $id) {
      ...WrittenUserFields
      emailAddresses { email primary }
      metadata
      hasPassword
      profile { givenName }
    }
  }
  fragment WrittenUserFields on User {
    id externalId email emailVerified phoneNumber phoneNumberVerified username name firstName lastName picture
    blocked loginAttempts deleteSelfEnabled createOrganizationEnabled createOrganizationsLimit
    legalAcceptedAt createdAt updatedAt lastSignInAt
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server?.close());

type WrittenUser = NonNullable<Awaited<ReturnType<typeof stored>>>;

async function stored(id: string) {
  const response = await server.send(WrittenUserStoredQuery, { id }, { admin: true });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!.user!;
}

/** The stored user's fields of `WrittenUserFields`, to compare with an answer that selected those. */
function writtenFieldsOf(user: WrittenUser) {
  const { emailAddresses: _emailAddresses, metadata: _metadata, hasPassword: _hasPassword, profile: _profile, ...fields } = user;
  return fields;
}

function fullyPopulatedInput(): CreateUserInput {
  const line = String(1000 + nextNumber()).padStart(4, "0");
  return {
    externalId: uniqueExternalId(),
    emailAddress: [uniqueEmail(), uniqueEmail()],
    phoneNumber: [`+1 (415) 555-${line}`],
    username: uniqueUsername(),
    name: "Ada Lovelace",
    firstName: "Ada",
    lastName: "Lovelace",
    picture: "https://example.com/ada.png",
    password: "analytical engine notes 1843",
    emailVerified: true,
    phoneNumberVerified: true,
    blocked: true,
    loginAttempts: 3,
    deleteSelfEnabled: false,
    createOrganizationEnabled: false,
    // A Long beyond 2^53, which every path must carry exactly (the sign-in reads it through the driver).
    createOrganizationsLimit: "9007199254740993",
    // More precision than the database keeps, and offsets other than UTC.
    legalAcceptedAt: "2012-10-20T09:15:20.902123+02:00",
    createdAt: "2011-01-02T03:04:05.678999-05:00",
    metadata: { plan: "pro" },
    profile: { givenName: "Ada" },
  };
}

describe("a result's user answered as written", () => {
  it("signUp answers what a read of the stored user answers (but loginAttempts, which needs an admin key)", async () => {
    const response = await server.send(WrittenUserSignUpMutation, {
      input: {
        email: `  Written.${runId}.${nextNumber()}@EXAMPLE.com `,
        password: "analytical engine notes 1843",
        username: uniqueUsername(),
        name: "Ada Lovelace",
        phoneNumber: `+44 20 7946 ${String(nextNumber()).padStart(4, "0")}`,
        picture: "https://example.com/ada.png",
        legalAccepted: true,
      },
    });
    const result = response.body.data!.signUp;
    if (result.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(response.body));
    expect(result.user.lastSignInAt).not.toBeNull();
    expect(result.user).toEqual({ ...writtenFieldsOf(await stored(result.user.id)), loginAttempts: null });
  });

  it("signUp with the admin key answers the privileged fields, and the defaults of what the input leaves out", async () => {
    const response = await server.send(
      WrittenUserSignUpMutation,
      { input: { email: uniqueEmail(), password: "analytical engine notes 1843", blocked: true, emailVerified: true, loginAttempts: 5 } },
      { admin: true },
    );
    const result = response.body.data!.signUp;
    if (result.__typename !== "SignUpSuccess") throw new Error(JSON.stringify(response.body));
    expect(result.user).toMatchObject({
      phoneNumber: null,
      username: null,
      blocked: true,
      emailVerified: true,
      loginAttempts: 5,
      deleteSelfEnabled: true,
      createOrganizationsLimit: 0,
      // Blocked users are not signed in.
      lastSignInAt: null,
    });
    expect(result.user).toEqual(writtenFieldsOf(await stored(result.user.id)));
  });

  it("createUser answers what a read of the stored user answers, and reads what it did not write", async () => {
    const input = fullyPopulatedInput();
    const response = await server.send(WrittenUserCreateMutation, { input }, { admin: true });
    const result = response.body.data!.createUser;
    if (result.__typename !== "CreateUserSuccess") throw new Error(JSON.stringify(response.body));
    const user = await stored(result.user.id);
    expect(result.user).toEqual(writtenFieldsOf(user));
    expect(result.user).toMatchObject({ email: input.emailAddress![0], phoneNumber: `+1415555${input.phoneNumber![0]!.slice(-4)}` });
    expect(result.wider).toEqual({
      id: user.id,
      emailAddresses: user.emailAddresses,
      metadata: { plan: "pro" },
      hasPassword: true,
      profile: { givenName: "Ada" },
    });
  });

  it("signIn answers what a read of the stored user answers once it has signed them in", async () => {
    const input = { ...fullyPopulatedInput(), blocked: false };
    const created = await server.createUser(input);
    const response = await server.send(WrittenUserSignInMutation, { input: { identifier: input.emailAddress![0]!, password: input.password! } });
    const result = response.body.data!.signIn;
    if (result.__typename !== "SignInSuccess") throw new Error(JSON.stringify(response.body));
    const user = writtenFieldsOf(await stored(created.id));
    expect(user).toMatchObject({ loginAttempts: 0, createdAt: "2011-01-02T08:04:05.678Z" });
    expect(user.lastSignInAt).not.toBeNull();
    expect(result.user).toEqual({ ...user, loginAttempts: null });
  });

  it("importUsers answers each user as a read of the stored user answers", async () => {
    const rows = [fullyPopulatedInput(), { emailAddress: [uniqueEmail()], skipPasswordRequirement: true }, { username: uniqueUsername(), skipPasswordRequirement: true }];
    const response = await server.send(WrittenUserImportMutation, { users: rows }, { admin: true });
    const results = response.body.data!.importUsers;
    expect(results).toHaveLength(rows.length);
    for (const result of results) {
      if (result.__typename !== "CreateUserSuccess") throw new Error(JSON.stringify(response.body));
      expect(result.user).toEqual(writtenFieldsOf(await stored(result.user.id)));
    }
  });
});
