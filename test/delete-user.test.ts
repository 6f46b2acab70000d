import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignUpMutation } from "./documents.ts";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput } from "./generated/graphql.ts";
import { queuedBehind, untilAStatementWaitsForALock } from "./helpers/lock-waits.ts";
import { startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";
import { nextNumber, runId, uniqueEmail, uniqueUsername, uniqueWallet } from "./helpers/unique-values.ts";

// deleteUser (admin) and deleteSelf (SPEC section 8): the user and everything that belongs to them
// go, in one go; the freed unique values can be used again. Over real HTTP against the real server.

const DeleteUserTestDeleteMutation = graphql(`
  mutation DeleteUserTestDelete($id: ID!) {
    deleteUser(id: $id) {
      __typename
      ... on DeleteUserSuccess { deletedUserId }
      ... on NotFoundError { message resource }
    }
  }
`);

const DeleteUserTestDeleteSelfMutation = graphql(`
  mutation DeleteUserTestDeleteSelf {
    deleteSelf {
      __typename
      ... on DeleteUserSuccess { deletedUserId }
      ... on ForbiddenError { message fields }
      ... on NotFoundError { message resource }
    }
  }
`);

const DeleteUserTestUserQuery = graphql(`
  query DeleteUserTestUser($id: ID!) {
    user(id: $id) { id email totpEnabled backupCodeCount hasPassword }
  }
`);

const DeleteUserTestMeQuery = graphql(`
  query DeleteUserTestMe {
    me { id }
  }
`);

const DeleteUserTestSignInMutation = graphql(`
  mutation DeleteUserTestSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { id } }
    }
  }
`);

const DeleteUserTestUpdateMutation = graphql(`
  mutation DeleteUserTestUpdate($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
      ... on UpdateUserSuccess { user { id totpEnabled backupCodeCount } }
    }
  }
`);

// Each selects the profile's addresses, a table no write of these operations touches: the test locks
// it, and the operation's read of the user waits there.
const DeletedMeanwhileCreateMutation = graphql(`
  mutation DeletedMeanwhileCreate($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on CreateUserSuccess { user { id profile { addresses { city } } } }
      ... on NotFoundError { message resource }
    }
  }
`);

const DeletedMeanwhileImportMutation = graphql(`
  mutation DeletedMeanwhileImport($users: [CreateUserInput!]!) {
    importUsers(users: $users) {
      __typename
      ... on CreateUserSuccess { user { email profile { addresses { city } } } }
      ... on NotFoundError { message resource }
    }
  }
`);

const DeletedMeanwhileUpdateMutation = graphql(`
  mutation DeletedMeanwhileUpdate($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
      ... on UpdateUserSuccess { user { firstName profile { addresses { city } } } }
      ... on NotFoundError { message resource }
    }
  }
`);

const DeletedMeanwhileSignUpMutation = graphql(`
  mutation DeletedMeanwhileSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on SignUpSuccess { user { profile { addresses { city } } } }
      ... on NotFoundError { message resource }
    }
  }
`);

const DeletedMeanwhileSignInMutation = graphql(`
  mutation DeletedMeanwhileSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { profile { addresses { city } } } }
      ... on Error { message }
    }
  }
`);

let server: TestServer;
beforeAll(async () => {
  // No outbox polling: the verification mail of `verifyEmail` stays in the outbox (a row that
  // belongs to the user) instead of being sent to an SMTP server that this file does not run.
  server = await startTestServer({ RATE_LIMITS: "off", OUTBOX_POLL_MILLISECONDS: "0" });
});
afterAll(() => server?.close());

/** A valid French mobile number, +33 6 12 xx xx xx. */
const uniquePhone = () => `+336${String(12_300_000 + nextNumber())}`;

const password = "granite lighthouse seventy owls";

const send: TestServer["send"] = (document, variables, options) => server.send(document, variables, options);

const createUser = (input: CreateUserInput) => server.createUser(input);

async function userById(id: string) {
  const response = await send(DeleteUserTestUserQuery, { id }, { admin: true });
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.user ?? null;
}

function sessionTokenOf(headers: Headers): string | undefined {
  return headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("session="))
    ?.split(";")[0]!
    .slice("session=".length);
}

async function sessionOf(identifier: string, code?: string): Promise<RequestOptions> {
  const response = await send(DeleteUserTestSignInMutation, { input: { identifier, password, code } });
  expect(response.body.data?.signIn.__typename).toBe("SignInSuccess");
  const token = sessionTokenOf(response.headers);
  expect(token).toBeTruthy();
  return { headers: { cookie: `session=${token}` } };
}

async function me(options: RequestOptions) {
  const response = await send(DeleteUserTestMeQuery, {}, options);
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.me ?? null;
}

/** The user's rows in every table that holds something of theirs. */
async function rowsOf(userId: string) {
  const prisma = server.database.prisma;
  const [users, emails, phones, wallets, identities, profiles, addresses, passwords, totps, backupCodes, sessions, tokens, outbox] =
    await Promise.all([
      prisma.user.count({ where: { id: userId } }),
      prisma.emailAddress.count({ where: { userId } }),
      prisma.phoneNumber.count({ where: { userId } }),
      prisma.web3Wallet.count({ where: { userId } }),
      prisma.identity.count({ where: { userId } }),
      prisma.profile.count({ where: { userId } }),
      prisma.address.count({ where: { profileUserId: userId } }),
      prisma.passwordCredential.count({ where: { userId } }),
      prisma.totpCredential.count({ where: { userId } }),
      prisma.backupCode.count({ where: { userId } }),
      prisma.session.count({ where: { userId } }),
      prisma.emailVerificationToken.count({ where: { userId } }),
      prisma.outboxMessage.count({ where: { userId } }),
    ]);
  return { users, emails, phones, wallets, identities, profiles, addresses, passwords, totps, backupCodes, sessions, tokens, outbox };
}

const noRows = {
  users: 0,
  emails: 0,
  phones: 0,
  wallets: 0,
  identities: 0,
  profiles: 0,
  addresses: 0,
  passwords: 0,
  totps: 0,
  backupCodes: 0,
  sessions: 0,
  tokens: 0,
  outbox: 0,
};

/**
 * A user with a row in every table: two emails (one with a pending verification mail), a phone,
 * a wallet, two identities, a profile with two addresses, a password, two sessions, TOTP and
 * backup codes.
 */
async function userWithEverything() {
  const values = {
    email: uniqueEmail("everything"),
    secondEmail: uniqueEmail("everything-second"),
    phone: uniquePhone(),
    wallet: uniqueWallet(),
    username: uniqueUsername("everything"),
    externalId: `ext-${runId}-${nextNumber()}`,
    identityId: `gh-${runId}-${nextNumber()}`,
  };
  const user = await createUser({
    emailAddress: [values.email, values.secondEmail],
    verifyEmail: true,
    phoneNumber: [values.phone],
    web3Wallet: [values.wallet],
    username: values.username,
    externalId: values.externalId,
    password,
    identities: [
      { connection: "github", provider: "GITHUB", type: "SOCIAL", id: values.identityId, details: { login: "x" } },
      { connection: "sms", provider: "TWILIO", type: "SMS", details: {} },
    ],
    profile: { givenName: "Every", addresses: [{ id: "Home", isPrimary: true, city: "Nantes" }, { city: "Rennes" }] },
  });
  // TOTP before the sessions (a new second factor ends the sessions opened without it), which
  // then need a code: the backup codes, one each.
  const updated = await send(
    DeleteUserTestUpdateMutation,
    { id: user.id, input: { totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", backupCodes: ["backup-1", "backup-2"] } },
    { admin: true },
  );
  expect(updated.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
  const sessions = [await sessionOf(values.email, "backup-1"), await sessionOf(values.username, "backup-2")];
  const rows = await rowsOf(user.id);
  for (const [table, count] of Object.entries(rows)) expect(count, table).toBeGreaterThan(0);
  return { user, values, sessions };
}

describe("deleteUser", () => {
  it("deletes the user and every row that belongs to them, and nothing of anyone else", async () => {
    const bystander = await userWithEverything();
    const bystanderRows = await rowsOf(bystander.user.id);
    const { user, sessions } = await userWithEverything();

    const response = await send(DeleteUserTestDeleteMutation, { id: user.id }, { admin: true });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.deleteUser).toEqual({ __typename: "DeleteUserSuccess", deletedUserId: user.id });

    expect(await userById(user.id)).toBeNull();
    expect(await rowsOf(user.id)).toEqual(noRows);
    for (const session of sessions) expect(await me(session)).toBeNull();
    // The other user keeps everything.
    expect(await rowsOf(bystander.user.id)).toEqual(bystanderRows);
    expect(await me(bystander.sessions[0]!)).toEqual({ id: bystander.user.id });
  });

  it("frees the email address for a new sign-up, and the other unique values for new users", async () => {
    const { user, values } = await userWithEverything();
    const deleted = await send(DeleteUserTestDeleteMutation, { id: user.id }, { admin: true });
    expect(deleted.body.data?.deleteUser.__typename).toBe("DeleteUserSuccess");

    const signUp = await send(SignUpMutation, { input: { email: values.email.toUpperCase(), password } });
    expect(signUp.body.data?.signUp.__typename).toBe("SignUpSuccess");
    if (signUp.body.data?.signUp.__typename === "SignUpSuccess") expect(signUp.body.data.signUp.user.id).not.toBe(user.id);
    const again = await createUser({
      emailAddress: [values.secondEmail],
      phoneNumber: [values.phone],
      web3Wallet: [values.wallet],
      username: values.username,
      externalId: values.externalId,
      identities: [{ connection: "github", provider: "GITHUB", type: "SOCIAL", id: values.identityId, details: {} }],
      skipPasswordRequirement: true,
    });
    expect(again.id).not.toBe(user.id);
    // The old password does not open the new account.
    const signIn = await send(DeleteUserTestSignInMutation, { input: { identifier: values.username, password } });
    expect(signIn.body.data?.signIn.__typename).toBe("InvalidCredentialsError");
  });

  it("answers NotFoundError for an unknown id, a non-UUID id, and a user already deleted", async () => {
    const created = await createUser({ emailAddress: [uniqueEmail("twice")], skipPasswordRequirement: true });
    expect((await send(DeleteUserTestDeleteMutation, { id: created.id }, { admin: true })).body.data?.deleteUser.__typename).toBe(
      "DeleteUserSuccess",
    );
    for (const id of [created.id, "01900000-0000-7000-8000-000000000000", "not-a-uuid", "", "' OR 1=1 --"]) {
      const response = await send(DeleteUserTestDeleteMutation, { id }, { admin: true });
      expect(response.body.errors, id).toBeUndefined();
      const result = response.body.data?.deleteUser;
      expect(result?.__typename, id).toBe("NotFoundError");
      if (result?.__typename === "NotFoundError") {
        expect(result.resource).toBe("user");
        expect(result.message).toBeTruthy();
      }
    }
  });

  it("takes an id in capitals as the user's, and answers with the stored id", async () => {
    const created = await createUser({ emailAddress: [uniqueEmail("capitals")], skipPasswordRequirement: true });
    const response = await send(DeleteUserTestDeleteMutation, { id: created.id.toUpperCase() }, { admin: true });
    expect(response.body.data?.deleteUser).toEqual({ __typename: "DeleteUserSuccess", deletedUserId: created.id });
  });

  it("answers UNAUTHENTICATED without the admin key, FORBIDDEN to a signed-in user, and deletes nothing", async () => {
    const email = uniqueEmail("nokey");
    const created = await createUser({ emailAddress: [email], password });
    const anonymous = await send(DeleteUserTestDeleteMutation, { id: created.id });
    expect(anonymous.body.data?.deleteUser ?? null).toBeNull();
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const wrongKey = await send(DeleteUserTestDeleteMutation, { id: created.id }, { headers: { authorization: `Bearer ${"x".repeat(40)}` } });
    expect(wrongKey.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const session = await sessionOf(email);
    const self = await send(DeleteUserTestDeleteMutation, { id: created.id }, session);
    expect(self.body.data?.deleteUser ?? null).toBeNull();
    expect(self.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await userById(created.id)).not.toBeNull();
  });
});

describe("deleteSelf", () => {
  it("deletes the signed-in user (deleteSelfEnabled by default), clears the cookie and ends the session", async () => {
    const email = uniqueEmail("self");
    const created = await createUser({ emailAddress: [email], password, profile: { givenName: "Self" }, phoneNumber: [uniquePhone()] });
    expect(created.deleteSelfEnabled).toBe(true);
    const session = await sessionOf(email);
    const otherSession = await sessionOf(email);

    const response = await send(DeleteUserTestDeleteSelfMutation, {}, session);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.deleteSelf).toEqual({ __typename: "DeleteUserSuccess", deletedUserId: created.id });
    // The cookie is cleared: emptied, and expired.
    const cleared = response.headers.getSetCookie().find((cookie) => cookie.startsWith("session="));
    expect(cleared).toBeDefined();
    expect(sessionTokenOf(response.headers)).toBe("");
    const expired = /max-age=0/i.test(cleared!) || Date.parse(/expires=([^;]+)/i.exec(cleared!)?.[1] ?? "") <= Date.now();
    expect(expired, cleared).toBe(true);

    expect(await me(session)).toBeNull();
    expect(await me(otherSession)).toBeNull();
    expect(await userById(created.id)).toBeNull();
    expect(await rowsOf(created.id)).toEqual(noRows);
    // The session is gone with the user: deleting again is not possible.
    const again = await send(DeleteUserTestDeleteSelfMutation, {}, session);
    expect(again.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // And the address is free again.
    expect((await send(SignUpMutation, { input: { email, password } })).body.data?.signUp.__typename).toBe("SignUpSuccess");
  });

  it("answers ForbiddenError when deleteSelfEnabled is false, and the user stays", async () => {
    const email = uniqueEmail("locked");
    const created = await createUser({ emailAddress: [email], password, deleteSelfEnabled: false });
    expect(created.deleteSelfEnabled).toBe(false);
    const session = await sessionOf(email);
    const before = await rowsOf(created.id);

    const response = await send(DeleteUserTestDeleteSelfMutation, {}, session);
    expect(response.body.errors).toBeUndefined();
    const result = response.body.data?.deleteSelf;
    expect(result?.__typename).toBe("ForbiddenError");
    if (result?.__typename === "ForbiddenError") {
      expect(result.fields).toEqual(["deleteSelfEnabled"]);
      expect(result.message).toBeTruthy();
    }
    // No cleared cookie either (a renewed one would be fine).
    expect(sessionTokenOf(response.headers)).not.toBe("");
    expect(await userById(created.id)).not.toBeNull();
    expect(await rowsOf(created.id)).toEqual(before);
    // The user is still signed in: a refused deletion is no sign-out.
    expect(await me(session)).toEqual({ id: created.id });
  });

  /** Makes a session's sign-in `age` milliseconds old, as if the user had used it since. */
  async function signedInAgo(options: RequestOptions, age: number): Promise<void> {
    const token = /session=([^;]+)/.exec(String(options.headers?.cookie))![1]!;
    const tokenHash = createHash("sha256").update(token).digest("hex");
    await server.database.prisma.session.update({ where: { tokenHash }, data: { createdAt: new Date(Date.now() - age), lastSeenAt: new Date() } });
  }

  it("needs a session signed in within SESSION_FRESH_MINUTES: an older one gets ForbiddenError for the session, and a new sign-in may delete", async () => {
    const email = uniqueEmail("stale");
    const created = await createUser({ emailAddress: [email], password });
    const stale = await sessionOf(email);
    await signedInAgo(stale, server.config.sessionFreshMilliseconds + 60_000);
    const before = await rowsOf(created.id);

    const refused = await send(DeleteUserTestDeleteSelfMutation, {}, stale);
    expect(refused.body.errors).toBeUndefined();
    const result = refused.body.data?.deleteSelf;
    expect(result?.__typename).toBe("ForbiddenError");
    if (result?.__typename === "ForbiddenError") {
      expect(result.fields).toEqual(["session"]);
      expect(result.message).toMatch(/sign in again/);
    }
    expect(sessionTokenOf(refused.headers)).not.toBe("");
    expect(await rowsOf(created.id)).toEqual(before);
    expect(await me(stale)).toEqual({ id: created.id });

    // Just inside the limit is still fresh.
    const recent = await sessionOf(email);
    await signedInAgo(recent, server.config.sessionFreshMilliseconds - 60_000);
    const deleted = await send(DeleteUserTestDeleteSelfMutation, {}, recent);
    expect(deleted.body.data?.deleteSelf).toEqual({ __typename: "DeleteUserSuccess", deletedUserId: created.id });
    expect(await userById(created.id)).toBeNull();
    expect(await me(stale)).toBeNull();
  });

  it("names deleteSelfEnabled, not the session, when the account may not delete itself at all", async () => {
    const email = uniqueEmail("stale-locked");
    const created = await createUser({ emailAddress: [email], password, deleteSelfEnabled: false });
    const stale = await sessionOf(email);
    await signedInAgo(stale, 2 * server.config.sessionFreshMilliseconds);
    const response = await send(DeleteUserTestDeleteSelfMutation, {}, stale);
    const result = response.body.data?.deleteSelf;
    expect(result?.__typename === "ForbiddenError" && result.fields).toEqual(["deleteSelfEnabled"]);
    expect(await userById(created.id)).not.toBeNull();
  });

  it("answers UNAUTHENTICATED without a session, with an unknown one, and with only the admin key", async () => {
    const countBefore = await server.database.prisma.user.count();
    for (const options of [{}, { headers: { cookie: `session=${"B".repeat(43)}` } }, { admin: true }] as RequestOptions[]) {
      const response = await send(DeleteUserTestDeleteSelfMutation, {}, options);
      expect(response.body.data?.deleteSelf ?? null).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(options)).toBe("UNAUTHENTICATED");
    }
    expect(await server.database.prisma.user.count()).toBe(countBefore);
  });
});

// Queued behind a row lock the test holds: PostgreSQL only (the embedded database runs one
// transaction at a time).
describe.skipIf(process.env.TEST_DATABASE !== "postgres")("deleteSelf beside a block", () => {
  it("does not delete a user blocked while the deletion waited, and answers it UNAUTHENTICATED", async () => {
    const email = uniqueEmail("blocked-deleting");
    const created = await createUser({ emailAddress: [email], password });
    const session = await sessionOf(email);
    const [blocking, refused] = await queuedBehind(server.database, `SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`, [created.id], [
      () => send(DeleteUserTestUpdateMutation, { id: created.id, input: { blocked: true } }, { admin: true }),
      () => send(DeleteUserTestDeleteSelfMutation, {}, session),
    ]);
    expect(blocking.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(refused.body.data?.deleteSelf ?? null).toBeNull();
    expect(await userById(created.id)).not.toBeNull();
  });
});

// Two connections at once: PostgreSQL only (the embedded database has one).
describe.skipIf(process.env.TEST_DATABASE !== "postgres")("a user deleted between an operation and its answer", () => {
  /** Locks the Address table until the function it answers is called: a read of addresses waits. */
  async function lockAddresses(): Promise<() => Promise<void>> {
    let release!: () => void;
    let locked!: () => void;
    const mayRelease = new Promise<void>((resolve) => (release = resolve));
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const locker = server.database.prisma.$transaction(
      async (transaction) => {
        await transaction.$executeRaw`LOCK TABLE "Address" IN ACCESS EXCLUSIVE MODE`;
        locked();
        await mayRelease;
      },
      { timeout: 30_000 },
    );
    await isLocked;
    return async () => {
      release();
      await locker;
    };
  }

  /**
   * Runs `operation` while the Address table is locked, so that its read of the user waits there
   * after its write has committed; then deletes the users `victims` names, and lets the read go on.
   * The delete skips the foreign keys' cascades, which would wait for that lock too.
   */
  async function deletingBeforeTheAnswer<Result>(operation: () => Promise<Result>, victims: () => Promise<string[]>): Promise<Result> {
    const unlock = await lockAddresses();
    const answering = operation();
    await untilAStatementWaitsForALock(server.database);
    const ids = await victims();
    expect(ids.length).toBeGreaterThan(0);
    await server.database.prisma.$transaction(async (transaction) => {
      await transaction.$executeRaw`SET LOCAL session_replication_role = replica`;
      await transaction.user.deleteMany({ where: { id: { in: ids } } });
    });
    await unlock();
    return answering;
  }

  const idOfEmail = async (email: string) => {
    const address = await server.database.prisma.emailAddress.findUnique({ where: { emailNormalized: email }, select: { userId: true } });
    return address ? [address.userId] : [];
  };

  const deletedMessage = { message: "The user was deleted before this answer could be read.", resource: "user" };

  it("createUser answers NotFoundError", async () => {
    const email = uniqueEmail("created-deleted");
    const response = await deletingBeforeTheAnswer(
      () => send(DeletedMeanwhileCreateMutation, { input: { emailAddress: [email], skipPasswordRequirement: true } }, { admin: true }),
      () => idOfEmail(email),
    );
    expect(response.body).toEqual({ data: { createUser: { __typename: "NotFoundError", ...deletedMessage } } });
  });

  it("importUsers answers NotFoundError for that row, and the others' users", async () => {
    const emails = [uniqueEmail("imported-kept"), uniqueEmail("imported-deleted"), uniqueEmail("imported-kept")];
    const response = await deletingBeforeTheAnswer(
      () => send(DeletedMeanwhileImportMutation, { users: emails.map((email) => ({ emailAddress: [email], skipPasswordRequirement: true })) }, { admin: true }),
      () => idOfEmail(emails[1]!),
    );
    expect(response.body).toEqual({
      data: {
        importUsers: [
          { __typename: "CreateUserSuccess", user: { email: emails[0], profile: null } },
          { __typename: "NotFoundError", ...deletedMessage },
          { __typename: "CreateUserSuccess", user: { email: emails[2], profile: null } },
        ],
      },
    });
  });

  it("updateUser reads its answer before the deletion can happen: it answers the user as updated, and the deletion follows", async () => {
    const { id } = await createUser({ emailAddress: [uniqueEmail("updated-deleted")], skipPasswordRequirement: true });
    const unlock = await lockAddresses();
    const updating = send(DeletedMeanwhileUpdateMutation, { id, input: { firstName: "Ada" } }, { admin: true });
    await untilAStatementWaitsForALock(server.database);
    // The update holds the user's row while its read waits: the deletion waits for it.
    const deleting = send(DeleteUserTestDeleteMutation, { id }, { admin: true });
    await unlock();
    expect((await updating).body).toEqual({ data: { updateUser: { __typename: "UpdateUserSuccess", user: { firstName: "Ada", profile: null } } } });
    expect((await deleting).body).toEqual({ data: { deleteUser: { __typename: "DeleteUserSuccess", deletedUserId: id } } });
  });

  it("signUp answers NotFoundError and sets no session cookie", async () => {
    const email = uniqueEmail("signed-up-deleted");
    const response = await deletingBeforeTheAnswer(
      () => send(DeletedMeanwhileSignUpMutation, { input: { email, password } }),
      () => idOfEmail(email),
    );
    expect(response.body).toEqual({ data: { signUp: { __typename: "NotFoundError", ...deletedMessage } } });
    expect(response.headers.getSetCookie().filter((cookie) => cookie.startsWith("session="))).toEqual([]);
  });

  it("signIn answers InvalidCredentialsError, as for an unknown identifier, and sets no session cookie", async () => {
    const email = uniqueEmail("signed-in-deleted");
    const { id } = await createUser({ emailAddress: [email], password });
    const response = await deletingBeforeTheAnswer(
      () => send(DeletedMeanwhileSignInMutation, { input: { identifier: email, password } }),
      async () => [id],
    );
    expect(response.body).toEqual({
      data: { signIn: { __typename: "InvalidCredentialsError", message: "The identifier or the password is not correct." } },
    });
    expect(response.headers.getSetCookie().filter((cookie) => cookie.startsWith("session="))).toEqual([]);
  });
});
