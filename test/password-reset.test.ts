import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../src/domain/random-tokens.ts";
import { deleteExpiredRows } from "../src/domain/sessions/expired-rows.ts";
import { graphql } from "./generated/gql.ts";
import { queuedBehind } from "./helpers/lock-waits.ts";
import { MailSink, type ReceivedMail } from "./helpers/mail-sink.ts";
import { startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";

// Password reset by email: requestPasswordReset mails a one-time link through the outbox, over a
// real SMTP conversation with a server in this process; resetPassword(token, password) sets the
// new password, once, and ends the user's sessions.

const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      __typename
      ... on RequestPasswordResetSuccess { email }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`);

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) {
      __typename
      ... on ResetPasswordSuccess { email }
      ... on PasswordPolicyError { reasons }
      ... on ValidationError { fieldErrors { path message } }
      ... on Error { message }
    }
  }
`);

const ResetTestSignInMutation = graphql(`
  mutation ResetTestSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { id } }
    }
  }
`);

const ResetTestMeQuery = graphql(`
  query ResetTestMe {
    me { id emailAddresses { email verified } }
  }
`);

const ResetTestUpdateUserMutation = graphql(`
  mutation ResetTestUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
    }
  }
`);

const publicUrl = "https://id.example.test";
const environment = {
  PUBLIC_URL: publicUrl,
  SECRET_KEY: "password-reset-test-secret-key-0123456789",
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

let counter = 0;
const uniqueEmail = (prefix: string) => `${prefix}.${Date.now().toString(36)}${++counter}@example.com`;
const oldPassword = "analytical engine notes 1843";
const newPassword = "difference engine plans 1822";

async function send<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables, options?: RequestOptions, target = server) {
  const response = await target.send(document, variables, options);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
}

const requestReset = async (email: string, target = server) => (await send(RequestPasswordResetMutation, { email }, {}, target)).requestPasswordReset;
const reset = async (token: string, password = newPassword) => (await send(ResetPasswordMutation, { token, password })).resetPassword;

async function signIn(identifier: string, password: string) {
  const response = await server.send(ResetTestSignInMutation, { input: { identifier, password } });
  const session = response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("session="))
    ?.split(";")[0];
  return { result: response.body.data!.signIn, session };
}

const linkPattern = /(https?:\/\/\S+?\/reset-password\?token=([A-Za-z0-9_-]+))/;

function tokenOf(mail: ReceivedMail): string {
  const match = linkPattern.exec(mail.text);
  if (!match) throw new Error(`no reset link in: ${mail.text}`);
  return decodeURIComponent(match[2]!);
}

/** Asks for a link to `email` and returns the token of the `count`-th mail to it. */
async function mailedToken(email: string, count = 1): Promise<string> {
  expect(await requestReset(email)).toEqual({ __typename: "RequestPasswordResetSuccess", email });
  return tokenOf(await sink.waitFor(email, count));
}

const tokensOf = (userId: string) => server.database.prisma.passwordResetToken.findMany({ where: { userId }, select: { usedAt: true } });

describe("requestPasswordReset and resetPassword", () => {
  it("mails a one-time link over SMTP; its token sets the new password, verifies the address and ends every session", async () => {
    const email = uniqueEmail("ada");
    const user = await server.createUser({ emailAddress: [email], password: oldPassword });
    const { session } = await signIn(email, oldPassword);
    expect(session).toBeDefined();

    const token = await mailedToken(email);
    const mail = sink.to(email)[0]!;
    expect(mail.headers).toMatch(/^Subject: Reset your password/im);
    expect(mail.text).toContain(`${publicUrl}/reset-password?token=`);
    expect(mail.text).toContain("within 1 hour");
    expect(token.length).toBeGreaterThanOrEqual(43);
    // Only the token's hash is stored, and the mail's body (the link) is encrypted and then cleared.
    expect(await server.database.prisma.passwordResetToken.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
    const stored = await server.database.withConnection((connection) =>
      connection.query<{ row: string }>(
        `SELECT row_to_json(t)::text AS row FROM "PasswordResetToken" t UNION ALL SELECT row_to_json(o)::text FROM "OutboxMessage" o`,
      ),
    );
    expect(stored.map((row) => row.row).join("\n")).not.toContain(token);

    expect(await reset(token)).toEqual({ __typename: "ResetPasswordSuccess", email });
    expect((await send(ResetTestMeQuery, {}, { headers: { cookie: session! } })).me).toBeNull();
    expect((await signIn(email, oldPassword)).result.__typename).toBe("InvalidCredentialsError");
    const signedIn = await signIn(email, newPassword);
    expect(signedIn.result).toEqual({ __typename: "SignInSuccess", user: { id: user.id } });
    expect((await send(ResetTestMeQuery, {}, { headers: { cookie: signedIn.session! } })).me?.emailAddresses).toEqual([{ email, verified: true }]);

    // Once.
    expect(await reset(token, "yet another fine passphrase")).toMatchObject({ __typename: "InvalidTokenError", message: expect.stringContaining("password reset link") });
    expect((await signIn(email, newPassword)).result.__typename).toBe("SignInSuccess");
  });

  it("clears the cookie of a request signed in as the user, and of no one else", async () => {
    const email = uniqueEmail("cookie");
    await server.createUser({ emailAddress: [email], password: oldPassword });
    const other = uniqueEmail("other");
    await server.createUser({ emailAddress: [other], password: oldPassword });
    const sessionCookieOf = (headers: Headers) => headers.getSetCookie().find((cookie) => cookie.startsWith("session="));
    const resetWith = async (session: string, password: string) => {
      const response = await server.send(ResetPasswordMutation, { token: await mailedToken(email, sink.to(email).length + 1), password }, { headers: { cookie: session } });
      expect(response.body.data?.resetPassword.__typename).toBe("ResetPasswordSuccess");
      return sessionCookieOf(response.headers);
    };
    expect(await resetWith((await signIn(other, oldPassword)).session!, newPassword)).toBeUndefined();
    expect(await resetWith((await signIn(email, newPassword)).session!, "a third fine passphrase")).toMatch(/^session=; Max-Age=0/);
  });

  it("answers an address no account has, and a blocked account's, as any other, and mails nothing", async () => {
    const unknown = uniqueEmail("nobody");
    const blocked = uniqueEmail("blocked");
    const blockedUser = await server.createUser({ emailAddress: [blocked], password: oldPassword, blocked: true });
    expect(await requestReset(unknown)).toEqual({ __typename: "RequestPasswordResetSuccess", email: unknown });
    expect(await requestReset(blocked)).toEqual({ __typename: "RequestPasswordResetSuccess", email: blocked });
    // A mail to a third address, asked for after them, arrives: theirs would have by then.
    const control = uniqueEmail("control");
    await server.createUser({ emailAddress: [control], password: oldPassword });
    await mailedToken(control);
    expect(sink.to(unknown)).toEqual([]);
    expect(sink.to(blocked)).toEqual([]);
    expect(await tokensOf(blockedUser.id)).toEqual([]);
  });

  it("finds the account by any of its addresses, in any case, and mails the address as stored", async () => {
    const primary = uniqueEmail("primary");
    const second = uniqueEmail("Second");
    await server.createUser({ emailAddress: [primary, second], password: oldPassword });
    expect(await requestReset(`  ${second.toUpperCase()} `)).toMatchObject({ __typename: "RequestPasswordResetSuccess" });
    const token = tokenOf(await sink.waitFor(second));
    expect(await reset(token)).toEqual({ __typename: "ResetPasswordSuccess", email: second });
  });

  it("refuses an address that is not one with a ValidationError naming email", async () => {
    expect(await requestReset("not an address")).toEqual({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["email"], message: "Must be a valid email address." }],
    });
  });

  it("applies the password policy, against the user's own names too, and leaves the link usable", async () => {
    const email = uniqueEmail("grace");
    await server.createUser({ emailAddress: [email], password: oldPassword, firstName: "Gracely" });
    const token = await mailedToken(email);
    const refused = await reset(token, "gracely-hopper-1906");
    expect(refused).toMatchObject({ __typename: "PasswordPolicyError", reasons: ["Must not contain your email address, username or name."] });
    expect(await reset(token, "Zq7#")).toMatchObject({ __typename: "PasswordPolicyError", reasons: ["Must be at least 8 characters long."] });
    expect(await reset(token, "a".repeat(5000))).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["password"] }] });
    expect(await reset(token)).toEqual({ __typename: "ResetPasswordSuccess", email });
  });

  it("refuses unknown, malformed and expired tokens alike", async () => {
    const email = uniqueEmail("expired");
    const user = await server.createUser({ emailAddress: [email], password: oldPassword });
    const token = await mailedToken(email);
    await server.database.prisma.passwordResetToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const candidate of [token, "", "x".repeat(10_000), "not-a-token-of-ours"]) {
      expect(await reset(candidate)).toMatchObject({ __typename: "InvalidTokenError" });
    }
    expect((await signIn(email, oldPassword)).result.__typename).toBe("SignInSuccess");
    // The sweeper deletes expired links.
    expect((await deleteExpiredRows(server.database.prisma)).passwordResetTokens).toBeGreaterThanOrEqual(1);
    expect(await tokensOf(user.id)).toEqual([]);
  });

  it("one link used ends the user's other links", async () => {
    const email = uniqueEmail("twice");
    const user = await server.createUser({ emailAddress: [email], password: oldPassword });
    const first = await mailedToken(email, 1);
    const second = await mailedToken(email, 2);
    expect(await reset(second)).toMatchObject({ __typename: "ResetPasswordSuccess" });
    expect(await reset(first, "yet another fine passphrase")).toMatchObject({ __typename: "InvalidTokenError" });
    expect(await tokensOf(user.id)).toEqual([{ usedAt: expect.any(Date) }]);
  });

  it("of two uses of one link sent at once, exactly one sets its password", async () => {
    const email = uniqueEmail("race");
    await server.createUser({ emailAddress: [email], password: oldPassword });
    const token = await mailedToken(email);
    const passwords = ["first racing passphrase", "second racing passphrase"];
    const results = await Promise.all(passwords.map((password) => reset(token, password)));
    const winners = results.flatMap((result, index) => (result.__typename === "ResetPasswordSuccess" ? [passwords[index]!] : []));
    expect(winners).toHaveLength(1);
    expect(results.map((result) => result.__typename).sort()).toEqual(["InvalidTokenError", "ResetPasswordSuccess"]);
    expect((await signIn(email, winners[0]!)).result.__typename).toBe("SignInSuccess");
  });

  it.each([
    ["a new password set by an admin", { password: "admin chosen passphrase" }],
    ["a block", { blocked: true }],
    ["the address taken away", { emailAddress: ["other-" + uniqueEmail("moved")] }],
  ])("ends the user's links after %s", async (_change, input) => {
    const email = uniqueEmail("changed");
    const user = await server.createUser({ emailAddress: [email], password: oldPassword });
    const token = await mailedToken(email);
    expect((await send(ResetTestUpdateUserMutation, { id: user.id, input }, { admin: true })).updateUser.__typename).toBe("UpdateUserSuccess");
    expect(await reset(token)).toMatchObject({ __typename: "InvalidTokenError" });
    expect(await tokensOf(user.id)).toEqual([]);
  });

  it("does not turn off the second factor: the new password signs in with a TOTP code only", async () => {
    const email = uniqueEmail("totp");
    await server.createUser({ emailAddress: [email], password: oldPassword, totpSecret: "JBSWY3DPEHPK3PXP" });
    expect(await reset(await mailedToken(email))).toMatchObject({ __typename: "ResetPasswordSuccess" });
    expect((await signIn(email, newPassword)).result.__typename).toBe("SecondFactorRequiredError");
  });

  it("gives a password to a user who had none", async () => {
    const email = uniqueEmail("passwordless");
    await server.createUser({ emailAddress: [email], skipPasswordRequirement: true });
    expect(await reset(await mailedToken(email))).toMatchObject({ __typename: "ResetPasswordSuccess" });
    expect((await signIn(email, newPassword)).result.__typename).toBe("SignInSuccess");
  });
});

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("password reset beside changes of the user that hold their row", () => {
  const heldUser = `SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`;
  const update = (id: string, input: Record<string, unknown>) => () =>
    send(ResetTestUpdateUserMutation, { id, input }, { admin: true }).then((data) => data.updateUser.__typename);

  it("a link used while an admin's new password is being written finds itself ended, and the admin's password stands", async () => {
    const email = uniqueEmail("admin-first");
    const { id } = await server.createUser({ emailAddress: [email], password: oldPassword });
    const token = await mailedToken(email);
    const adminPassword = "admin chosen passphrase";
    const answers = await queuedBehind(server.database, heldUser, [id], [update(id, { password: adminPassword }), () => reset(token)]);
    expect(answers).toEqual(["UpdateUserSuccess", expect.objectContaining({ __typename: "InvalidTokenError" })]);
    expect((await signIn(email, adminPassword)).result.__typename).toBe("SignInSuccess");
  });

  it("a request made while a block is being written mails nothing", async () => {
    const email = uniqueEmail("blocked-meanwhile");
    const { id } = await server.createUser({ emailAddress: [email], password: oldPassword });
    const answers = await queuedBehind(server.database, heldUser, [id], [update(id, { blocked: true }), () => requestReset(email)]);
    expect(answers).toEqual(["UpdateUserSuccess", { __typename: "RequestPasswordResetSuccess", email }]);
    expect(await tokensOf(id)).toEqual([]);
  });

  it("a request made while the address is being taken away mails nothing, and leaves no link", async () => {
    const email = uniqueEmail("moved-meanwhile");
    const { id } = await server.createUser({ emailAddress: [email], password: oldPassword });
    const answers = await queuedBehind(server.database, heldUser, [id], [update(id, { emailAddress: [uniqueEmail("replacement")] }), () => requestReset(email)]);
    expect(answers).toEqual(["UpdateUserSuccess", { __typename: "RequestPasswordResetSuccess", email }]);
    expect(await tokensOf(id)).toEqual([]);
  });
});

describe("password reset rate limits", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({
      ...environment,
      SMTP_URL: sink.url,
      RATE_LIMITS: "on",
      PASSWORD_RESET_MAILS_PER_ADDRESS: "2",
      PASSWORD_RESET_REQUESTS_PER_IP: "5",
      SIGN_IN_FAILURES_PER_IDENTIFIER: "2",
      PASSWORD_RESET_REQUEST_MINIMUM_MILLISECONDS: "300",
    });
  });
  afterAll(() => limited?.close());

  const rateLimited = async (email: string) => {
    const response = await limited.send(RequestPasswordResetMutation, { email });
    return response.body.errors?.[0]?.extensions?.code;
  };

  it("limits mails per address, whether an account has it or not, and requests per client", async () => {
    const known = uniqueEmail("limited");
    await limited.createUser({ emailAddress: [known], password: oldPassword });
    const unknown = uniqueEmail("unknown-limited");
    for (const email of [known, unknown]) {
      expect(await requestReset(email, limited)).toMatchObject({ __typename: "RequestPasswordResetSuccess" });
      expect(await requestReset(email, limited)).toMatchObject({ __typename: "RequestPasswordResetSuccess" });
      expect(await rateLimited(email)).toBe("RATE_LIMITED");
    }
    await sink.waitFor(known, 2);
    // Four requests were counted against this client (the refused ones were given back): one more, then none.
    expect(await requestReset(uniqueEmail("fifth"), limited)).toMatchObject({ __typename: "RequestPasswordResetSuccess" });
    expect(await rateLimited(uniqueEmail("sixth"))).toBe("RATE_LIMITED");
    // An admin key is not limited.
    const admin = await limited.send(RequestPasswordResetMutation, { email: known }, { admin: true });
    expect(admin.body.data?.requestPasswordReset).toMatchObject({ __typename: "RequestPasswordResetSuccess" });
  });

  it("answers a request for an address with an account, and one without, no sooner than the minimum", async () => {
    const known = uniqueEmail("timed");
    await limited.createUser({ emailAddress: [known], password: oldPassword });
    for (const email of [known, uniqueEmail("timed-unknown")]) {
      const startedAt = performance.now();
      // With the admin key: this client's requests are used up by now.
      const response = await limited.send(RequestPasswordResetMutation, { email }, { admin: true });
      expect(response.body.data?.requestPasswordReset).toMatchObject({ __typename: "RequestPasswordResetSuccess" });
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(300);
    }
  });

  it("forgets the sign-in failures of the account and its identifiers, and its loginAttempts, once its password is reset", async () => {
    const email = uniqueEmail("guessed");
    const username = `guessed${++counter}`;
    await limited.createUser({ emailAddress: [email], username, password: oldPassword });
    const signInTo = async (identifier: string, password: string) => {
      const response = await limited.send(ResetTestSignInMutation, { input: { identifier, password } });
      return response.body.data?.signIn?.__typename ?? response.body.errors?.[0]?.extensions?.code;
    };
    const loginAttemptsOf = async (id: string) => (await limited.database.prisma.user.findUniqueOrThrow({ where: { id }, select: { loginAttempts: true } })).loginAttempts;
    for (const identifier of [email, username]) expect(await signInTo(identifier, "someone else's guess")).toBe("InvalidCredentialsError");
    // The account's budget is used up: even the right password is refused, by either identifier.
    expect(await signInTo(email, oldPassword)).toBe("RATE_LIMITED");
    const admin = await limited.send(RequestPasswordResetMutation, { email }, { admin: true });
    expect(admin.body.data?.requestPasswordReset).toMatchObject({ __typename: "RequestPasswordResetSuccess" });
    const token = tokenOf(await sink.waitFor(email));
    const { id: userId } = await limited.database.prisma.user.findFirstOrThrow({ where: { usernameNormalized: username }, select: { id: true } });
    expect(await loginAttemptsOf(userId)).toBe(2);
    expect((await limited.send(ResetPasswordMutation, { token, password: newPassword })).body.data?.resetPassword).toMatchObject({
      __typename: "ResetPasswordSuccess",
    });
    expect(await loginAttemptsOf(userId)).toBe(0);
    expect(await signInTo(username, newPassword)).toBe("SignInSuccess");
  });
});
