import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maximumEmailAddressesPerUser } from "../src/domain/users/own-email-addresses.ts";
import { graphql } from "./generated/gql.ts";
import { untilAStatementWaitsForALock } from "./helpers/lock-waits.ts";
import { closedSmtpUrl, MailSink, type ReceivedMail } from "./helpers/mail-sink.ts";
import { startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";
import { uniqueEmail, uniqueUsername } from "./helpers/unique-values.ts";

// A signed-in user's own email addresses: addEmailAddress mails a verification link to the new
// address, verifyEmail(token) verifies it, setPrimaryEmailAddress makes it primary,
// removeEmailAddress takes the old one away with its links. Each needs the current password.

const OwnAddressesAddMutation = graphql(`
  mutation OwnAddressesAdd($email: String!, $currentPassword: String) {
    addEmailAddress(email: $email, currentPassword: $currentPassword) {
      __typename
      ... on AddEmailAddressSuccess { user { email emailAddresses { email verified primary } } }
      ... on ValidationError { fieldErrors { path message } }
      ... on ConflictError { fields }
      ... on Error { message }
    }
  }
`);

const OwnAddressesSetPrimaryMutation = graphql(`
  mutation OwnAddressesSetPrimary($email: String!, $currentPassword: String) {
    setPrimaryEmailAddress(email: $email, currentPassword: $currentPassword) {
      __typename
      ... on SetPrimaryEmailAddressSuccess { user { email emailAddresses { email verified primary } } }
      ... on ValidationError { fieldErrors { path message } }
      ... on Error { message }
    }
  }
`);

const OwnAddressesRemoveMutation = graphql(`
  mutation OwnAddressesRemove($email: String!, $currentPassword: String) {
    removeEmailAddress(email: $email, currentPassword: $currentPassword) {
      __typename
      ... on RemoveEmailAddressSuccess { user { email emailAddresses { email verified primary } } }
      ... on ValidationError { fieldErrors { path message } }
      ... on Error { message }
    }
  }
`);

const OwnAddressesVerifyMutation = graphql(`
  mutation OwnAddressesVerify($token: String!) {
    verifyEmail(token: $token) {
      __typename
    }
  }
`);

const OwnAddressesSignInMutation = graphql(`
  mutation OwnAddressesSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
    }
  }
`);

const OwnAddressesRequestResetMutation = graphql(`
  mutation OwnAddressesRequestReset($email: String!) {
    requestPasswordReset(email: $email) {
      __typename
    }
  }
`);

const OwnAddressesResetMutation = graphql(`
  mutation OwnAddressesReset($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) {
      __typename
    }
  }
`);

const environment = {
  PUBLIC_URL: "https://id.example.test",
  SECRET_KEY: "own-email-addresses-test-secret-key-0123456789",
  OUTBOX_POLL_MILLISECONDS: "100",
  RATE_LIMITS: "off",
};

const sink = new MailSink();
let server: TestServer;
beforeAll(async () => {
  await sink.start();
  server = await startTestServer({ ...environment, SMTP_URL: sink.url });
});
afterAll(async () => {
  await server?.close();
  await sink.close();
});

const password = "analytical engine notes 1843";

async function send<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables, options?: RequestOptions, target = server) {
  const response = await target.send(document, variables, options);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
}

const sessionCookieOf = (headers: Headers) => /(?:^|[\s,])session=([^;]+)/.exec(headers.get("set-cookie") ?? "")?.[1];

async function signIn(identifier: string, target = server): Promise<{ typename: string; session: RequestOptions | undefined }> {
  const response = await target.send(OwnAddressesSignInMutation, { input: { identifier, password } });
  const token = sessionCookieOf(response.headers);
  return { typename: response.body.data!.signIn.__typename, session: token ? { headers: { cookie: `session=${token}` } } : undefined };
}

/** A user made by the admin with `emails` (and the rest of `input`), signed in with the first. */
async function signedInUser(emails: string[], input: Record<string, unknown> = {}, target = server) {
  const user = await target.createUser({ emailAddress: emails, emailVerified: true, password, ...input });
  const { session } = await signIn(emails[0]!, target);
  if (!session) throw new Error("not signed in");
  return { id: user.id, session };
}

const add = async (email: string, session: RequestOptions, currentPassword: string | null = password, target = server) =>
  (await send(OwnAddressesAddMutation, { email, currentPassword }, session, target)).addEmailAddress;
const setPrimary = async (email: string, session: RequestOptions, currentPassword: string | null = password) =>
  (await send(OwnAddressesSetPrimaryMutation, { email, currentPassword }, session)).setPrimaryEmailAddress;
const remove = async (email: string, session: RequestOptions, currentPassword: string | null = password) =>
  (await send(OwnAddressesRemoveMutation, { email, currentPassword }, session)).removeEmailAddress;

function tokenOf(mail: ReceivedMail, page: string): string {
  const match = new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
  return decodeURIComponent(match[1]!);
}

const loginAttemptsOf = async (userId: string) => (await server.database.prisma.user.findUniqueOrThrow({ where: { id: userId } })).loginAttempts;
const emailField = (message: string) => ({ __typename: "ValidationError", fieldErrors: [{ path: ["email"], message }] });

describe("a user's own email addresses", () => {
  it("add, verify by the mailed link, make primary, sign in with it, remove the old one and its links", async () => {
    const old = uniqueEmail("old");
    const { id, session } = await signedInUser([old]);
    const added = uniqueEmail("new");

    expect(await add(added, session)).toEqual({
      __typename: "AddEmailAddressSuccess",
      user: {
        email: old,
        emailAddresses: [
          { email: old, verified: true, primary: true },
          { email: added, verified: false, primary: false },
        ],
      },
    });
    // Not primary yet: an unverified address could be someone else's.
    expect(await setPrimary(added, session)).toMatchObject(emailField("Verify this address first (the link mailed to it): only a verified address can be primary."));

    const verificationMail = await sink.waitFor(added);
    expect(verificationMail.to).toEqual([added]);
    expect((await send(OwnAddressesVerifyMutation, { token: tokenOf(verificationMail, "verify-email") })).verifyEmail.__typename).toBe("VerifyEmailSuccess");

    expect(await setPrimary(added, session)).toEqual({
      __typename: "SetPrimaryEmailAddressSuccess",
      user: {
        email: added,
        emailAddresses: [
          { email: added, verified: true, primary: true },
          { email: old, verified: true, primary: false },
        ],
      },
    });
    expect((await signIn(added)).typename).toBe("SignInSuccess");

    // A reset link mailed to the old address before it goes.
    expect((await send(OwnAddressesRequestResetMutation, { email: old })).requestPasswordReset.__typename).toBe("RequestPasswordResetSuccess");
    const resetToken = tokenOf(await sink.waitFor(old), "reset-password");

    expect(await remove(old, session)).toEqual({
      __typename: "RemoveEmailAddressSuccess",
      user: { email: added, emailAddresses: [{ email: added, verified: true, primary: true }] },
    });
    expect((await signIn(old)).typename).toBe("InvalidCredentialsError");
    expect((await send(OwnAddressesResetMutation, { token: resetToken, password: "a different fine passphrase" })).resetPassword.__typename).toBe(
      "InvalidTokenError",
    );
    expect((await signIn(added)).typename).toBe("SignInSuccess");
    expect(await server.database.prisma.passwordResetToken.count({ where: { userId: id } })).toBe(0);
  });

  it("moves each change's updatedAt on, which sign-in reads to know the account changed", async () => {
    const email = uniqueEmail("moves");
    const { id, session } = await signedInUser([email]);
    const updatedAt = async () => (await server.database.prisma.user.findUniqueOrThrow({ where: { id } })).updatedAt.getTime();
    const before = await updatedAt();
    const added = uniqueEmail("moves-added");
    await add(added, session);
    const afterAdd = await updatedAt();
    expect(afterAdd).toBeGreaterThan(before);
    await remove(added, session);
    expect(await updatedAt()).toBeGreaterThan(afterAdd);
  });

  it("needs the current password for each change; a wrong one is InvalidCredentialsError, counted as a failed sign-in", async () => {
    const email = uniqueEmail("reauth");
    const other = uniqueEmail("reauth-other");
    const { id, session } = await signedInUser([email, other]);
    const added = uniqueEmail("reauth-added");
    const required = (change: string) => ({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["currentPassword"], message: `Required to ${change}: send your current password.` }],
    });
    expect(await add(added, session, null)).toMatchObject(required("add an email address"));
    expect(await setPrimary(other, session, null)).toMatchObject(required("change your primary email address"));
    expect(await remove(other, session, null)).toMatchObject(required("remove an email address"));
    expect(await loginAttemptsOf(id)).toBe(0);

    expect((await add(added, session, "not my password at all")).__typename).toBe("InvalidCredentialsError");
    expect((await setPrimary(other, session, "not my password at all")).__typename).toBe("InvalidCredentialsError");
    expect((await remove(other, session, "not my password at all")).__typename).toBe("InvalidCredentialsError");
    expect(await loginAttemptsOf(id)).toBe(3);

    const stored = await server.database.prisma.emailAddress.findMany({ where: { userId: id }, orderBy: { createdAt: "asc" } });
    expect(stored.map((address) => [address.email, address.primary])).toEqual([
      [email, true],
      [other, false],
    ]);
    expect(sink.to(added)).toEqual([]);
  });

  it("refuses an invalid address, one the user has (in any case), and another user's as a ConflictError", async () => {
    const email = uniqueEmail("conflicts");
    const { session } = await signedInUser([email]);
    expect(await add("not an address", session)).toMatchObject(emailField("Must be a valid email address."));
    expect(await add(email.toUpperCase(), session)).toMatchObject(emailField("Is one of your email addresses already."));
    const taken = uniqueEmail("taken");
    await server.createUser({ emailAddress: [taken], password });
    expect(await add(taken, session)).toMatchObject({ __typename: "ConflictError", fields: ["email"] });
    expect(sink.to(taken)).toEqual([]);
  });

  it(`refuses an address past the ${maximumEmailAddressesPerUser}th`, async () => {
    const emails = Array.from({ length: maximumEmailAddressesPerUser }, (_, index) => uniqueEmail(`many${index}`));
    const { id, session } = await signedInUser(emails);
    expect(await add(uniqueEmail("one-too-many"), session)).toMatchObject(
      emailField(`You have ${maximumEmailAddressesPerUser} email addresses, the most there can be: remove one first.`),
    );
    expect(await server.database.prisma.emailAddress.count({ where: { userId: id } })).toBe(maximumEmailAddressesPerUser);
  });

  it("makes only one of the user's own addresses primary", async () => {
    const { session } = await signedInUser([uniqueEmail("primary")]);
    const someoneElses = uniqueEmail("someone-elses");
    await server.createUser({ emailAddress: [someoneElses], emailVerified: true, password });
    expect(await setPrimary(someoneElses, session)).toMatchObject(emailField("Is not one of your email addresses."));
    expect(await remove(someoneElses, session)).toMatchObject(emailField("Is not one of your email addresses."));
  });

  it("refuses to remove the only identifier of a user with a password, and lets the oldest address left take a removed primary's place", async () => {
    const only = uniqueEmail("only");
    const lone = await signedInUser([only]);
    expect(await remove(only, lone.session)).toMatchObject(
      emailField("Cannot remove your only email address: it is the only identifier you can sign in with. Add another address first."),
    );
    expect((await signIn(only)).typename).toBe("SignInSuccess");

    // A username is an identifier too.
    const named = uniqueEmail("named");
    const withUsername = await signedInUser([named], { username: uniqueUsername("named") });
    expect(await remove(named, withUsername.session)).toEqual({ __typename: "RemoveEmailAddressSuccess", user: { email: null, emailAddresses: [] } });

    const [first, second, third] = [uniqueEmail("first"), uniqueEmail("second"), uniqueEmail("third")];
    const three = await signedInUser([first, second, third]);
    expect(await remove(first, three.session)).toEqual({
      __typename: "RemoveEmailAddressSuccess",
      user: {
        email: second,
        emailAddresses: [
          { email: second, verified: true, primary: true },
          { email: third, verified: true, primary: false },
        ],
      },
    });
  });

  it("removes the verification link of a removed address, and its mail not sent yet", async () => {
    // Its SMTP server is down: the mail waits in the outbox.
    const mailDown = await startTestServer({ ...environment, SMTP_URL: await closedSmtpUrl() });
    try {
      const email = uniqueEmail("unsent");
      const { id, session } = await signedInUser([email], {}, mailDown);
      const added = uniqueEmail("unsent-added");
      expect((await add(added, session, password, mailDown)).__typename).toBe("AddEmailAddressSuccess");
      const linksAndMail = async () => ({
        links: await mailDown.database.prisma.emailVerificationToken.count({ where: { userId: id, emailNormalized: added } }),
        unsent: await mailDown.database.prisma.outboxMessage.count({ where: { userId: id, recipient: added, sentAt: null } }),
      });
      expect(await linksAndMail()).toEqual({ links: 1, unsent: 1 });
      const removed = await mailDown.send(OwnAddressesRemoveMutation, { email: added, currentPassword: password }, session);
      expect(removed.body.data?.removeEmailAddress.__typename).toBe("RemoveEmailAddressSuccess");
      expect(await linksAndMail()).toEqual({ links: 0, unsent: 0 });
    } finally {
      await mailDown.close();
    }
  });

  it("refuses callers who are not signed in", async () => {
    for (const document of [OwnAddressesAddMutation, OwnAddressesSetPrimaryMutation, OwnAddressesRemoveMutation] as const) {
      const response = await server.request(document as typeof OwnAddressesAddMutation, { email: uniqueEmail("anonymous"), currentPassword: password });
      expect(response.status).toBe(401);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    }
  });

  it("lands two additions at once, each seeing the other, and keeps one primary when an addition races a removal", async () => {
    const email = uniqueEmail("racing");
    const { id, session } = await signedInUser([email]);
    const [one, two] = [uniqueEmail("racing-one"), uniqueEmail("racing-two")];
    const answers = await Promise.all([add(one, session), add(two, session)]);
    expect(answers.map((answer) => answer.__typename)).toEqual(["AddEmailAddressSuccess", "AddEmailAddressSuccess"]);
    const stored = await server.database.prisma.emailAddress.findMany({ where: { userId: id } });
    expect(stored.map((address) => address.email).sort()).toEqual([email, one, two].sort());

    const three = uniqueEmail("racing-three");
    const [added, removed] = await Promise.all([add(three, session), remove(email, session)]);
    expect([added.__typename, removed.__typename]).toEqual(["AddEmailAddressSuccess", "RemoveEmailAddressSuccess"]);
    const after = await server.database.prisma.emailAddress.findMany({ where: { userId: id } });
    expect(after.map((address) => address.email).sort()).toEqual([one, two, three].sort());
    expect(after.filter((address) => address.primary)).toHaveLength(1);
  });

  it("counts additions against the sign-up limit: which addresses have accounts cannot be probed at leisure", async () => {
    const limited = await startTestServer({ SIGN_UPS_PER_IP: "2" });
    try {
      const email = uniqueEmail("probing");
      const { session } = await signedInUser([email], {}, limited);
      const taken = uniqueEmail("probed");
      await limited.createUser({ emailAddress: [taken], password });
      expect((await add(taken, session, password, limited)).__typename).toBe("ConflictError");
      expect((await add(uniqueEmail("free"), session, password, limited)).__typename).toBe("AddEmailAddressSuccess");
      const refused = await limited.send(OwnAddressesAddMutation, { email: taken, currentPassword: password }, session);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    } finally {
      await limited.close();
    }
  });
});

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("a change whose session ends while it waits for the user's row", () => {
  it("is refused as UNAUTHENTICATED and writes nothing", async () => {
    const email = uniqueEmail("ended");
    const { id, session } = await signedInUser([email]);
    const added = uniqueEmail("ended-added");
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const userLocked = new Promise<void>((resolve) => (locked = resolve));
    // A sign-out everywhere, as an admin's block or password reset would end the session: under the user's row lock.
    const signingOut = server.database.withConnection(async (connection) => {
      await connection.query("BEGIN");
      await connection.query(`SELECT 1 FROM "User" WHERE id = $1 FOR NO KEY UPDATE`, [id]);
      locked();
      await released;
      await connection.query(`DELETE FROM "Session" WHERE "userId" = $1`, [id]);
      await connection.query("COMMIT");
    });
    await userLocked;
    const adding = server.request(OwnAddressesAddMutation, { email: added, currentPassword: password }, session);
    try {
      await untilAStatementWaitsForALock(server.database);
    } finally {
      release();
      await signingOut;
    }
    const refused = await adding;
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect(await server.database.prisma.emailAddress.count({ where: { userId: id } })).toBe(1);
    expect(await server.database.prisma.emailVerificationToken.count({ where: { userId: id } })).toBe(0);
  });
});
