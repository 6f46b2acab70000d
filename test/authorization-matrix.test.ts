import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";
import { stepWithRoom, totp } from "./helpers/totp.ts";

// Issue "Hardening" item 7: who may read and write what, as one table of every operation and
// admin-only field against every kind of caller (SPEC sections 4, 4b and 8). No key or a wrong key
// is UNAUTHENTICATED; a signed-in user without the admin key is FORBIDDEN; an admin key is not a
// session, so operations on "yourself" need a session even with it.

type CallerName = "anonymous" | "userA" | "userB" | "admin" | "wrongKey" | "userAWithWrongKey";
const callers: CallerName[] = ["anonymous", "userA", "userB", "admin", "wrongKey"];
// A signed-in browser that also sends a key that is not one: the key's failure decides, not the cookie.
const operationCallers: CallerName[] = [...callers, "userAWithWrongKey"];

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  };
  headers: Headers;
}

let server: TestServer;
const sessions: Partial<Record<CallerName, string>> = {};
const ids: Record<"userA" | "userB", string> = { userA: "", userB: "" };

async function call(caller: CallerName, query: string, variables: Record<string, unknown> = {}, session?: string): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (caller === "admin") headers.authorization = `Bearer ${adminApiKey}`;
  if (caller === "wrongKey" || caller === "userAWithWrongKey") headers.authorization = `Bearer ${"x".repeat(48)}`;
  const cookie = session ?? sessions[caller === "userAWithWrongKey" ? "userA" : caller];
  if (cookie) headers.cookie = `session=${cookie}`;
  const response = await fetch(server.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const sessionOf = (headers: Headers) => /(?:^|[\s,])session=([^;]+)/.exec(headers.get("set-cookie") ?? "")?.[1];

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}x${Date.now().toString(36)}`;
const password = "analytical engine notes 1843";

const SignUp = `mutation M($input: SignUpInput!) { signUp(input: $input) { __typename ... on SignUpSuccess { user { id } } ... on Error { message } } }`;

/** A fresh user with a session: the id and the session token. */
async function newUser(deleteSelfEnabled = false): Promise<{ id: string; session: string }> {
  const email = `${unique("member")}@example.com`;
  const created = await call("admin", `mutation M($input: CreateUserInput!) { createUser(input: $input) { __typename ... on CreateUserSuccess { user { id } } ... on Error { message } } }`, {
    input: { emailAddress: [email], password, deleteSelfEnabled },
  });
  const id = (created.body.data?.createUser as { user?: { id: string } }).user?.id;
  const signedIn = await call("anonymous", `mutation S($input: SignInInput!) { signIn(input: $input) { __typename } }`, {
    input: { identifier: email, password },
  });
  const session = sessionOf(signedIn.headers);
  if (!id || !session) throw new Error(`could not create a signed-in user: ${JSON.stringify(created.body)}`);
  return { id, session };
}

/** What happened to top-level field `field`: "ok", or the code of the error that took it. */
function outcome(answer: Answer, field: string): string {
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
  const error = answer.body.errors?.find((candidate) => candidate.path?.[0] === field) ?? answer.body.errors?.[0];
  if (error) return error.extensions?.code ?? "NO_CODE";
  return answer.body.data?.[field] === undefined ? "MISSING" : "ok";
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
  const a = await newUser();
  const b = await newUser();
  ids.userA = a.id;
  ids.userB = b.id;
  sessions.userA = a.session;
  sessions.userB = b.session;
  // Something private to read.
  await call("admin", `mutation U($id: ID!) { updateUser(id: $id, input: { privateMetadata: { secret: "A's" } }) { __typename } }`, { id: ids.userA });
});
afterAll(() => server.close());

const U = "UNAUTHENTICATED";
const F = "FORBIDDEN";
type Row = Record<CallerName, string>;
const adminOnly: Row = { anonymous: U, userA: F, userB: F, admin: "ok", wrongKey: U, userAWithWrongKey: U };
const signedInOnly: Row = { anonymous: U, userA: "ok", userB: "ok", admin: U, wrongKey: U, userAWithWrongKey: "ok" };
const everyone: Row = { anonymous: "ok", userA: "ok", userB: "ok", admin: "ok", wrongKey: "ok", userAWithWrongKey: "ok" };

interface Operation {
  field: string;
  query: string;
  variables?: () => Record<string, unknown>;
  expected: Row;
  /** A success ends the session it came with (a sign-up's new one replaces it, a sign-out ends it). */
  replacesSession?: boolean;
}

/**
 * The session a signed-in caller sends an operation that ends it with: one of a user of its own, so
 * that user A and user B stay signed in for the other cases.
 */
async function sessionToSpend(caller: CallerName): Promise<string | undefined> {
  return caller === "userA" || caller === "userB" || caller === "userAWithWrongKey" ? (await newUser()).session : undefined;
}

// Every query and mutation of schema.graphql (the first test checks it). Variables name user A where an operation names a
// user, so a "ok" for user B would be B acting on A's data.
const operations: Operation[] = [
  { field: "me", query: `query { me { id } }`, expected: everyone },
  { field: "user", query: `query Q($id: ID!) { user(id: $id) { id } }`, variables: () => ({ id: ids.userA }), expected: adminOnly },
  { field: "users", query: `query { users(first: 5) { totalCount edges { node { id } } } }`, expected: adminOnly },
  {
    field: "signUp",
    query: SignUp,
    variables: () => ({ input: { email: `${unique("public")}@example.com`, password } }),
    expected: { ...everyone, wrongKey: U, userAWithWrongKey: U },
    replacesSession: true,
  },
  {
    field: "createUser",
    query: `mutation M($input: CreateUserInput!) { createUser(input: $input) { __typename } }`,
    variables: () => ({ input: { emailAddress: [`${unique("created")}@example.com`] } }),
    expected: adminOnly,
  },
  {
    field: "importUsers",
    query: `mutation M($users: [CreateUserInput!]!) { importUsers(users: $users) { __typename } }`,
    variables: () => ({ users: [{ emailAddress: [`${unique("imported")}@example.com`] }] }),
    expected: adminOnly,
  },
  {
    field: "updateUser",
    query: `mutation M($id: ID!) { updateUser(id: $id, input: { firstName: "Changed" }) { __typename } }`,
    variables: () => ({ id: ids.userA }),
    expected: adminOnly,
  },
  {
    field: "deleteUser",
    // A user id that does not exist: the authorization decision comes before the lookup.
    query: `mutation M($id: ID!) { deleteUser(id: $id) { __typename } }`,
    variables: () => ({ id: "01900000-0000-7000-8000-000000000000" }),
    expected: adminOnly,
  },
  { field: "updateMe", query: `mutation { updateMe(input: { lastName: "Self" }) { __typename } }`, expected: signedInOnly },
  // Without currentPassword a signed-in caller's answer is a ValidationError (users A and B keep their addresses); the
  // admin key is no session, so it has no addresses of its own to change.
  { field: "addEmailAddress", query: `mutation { addEmailAddress(email: "added@example.com") { __typename } }`, expected: signedInOnly },
  { field: "setPrimaryEmailAddress", query: `mutation { setPrimaryEmailAddress(email: "added@example.com") { __typename } }`, expected: signedInOnly },
  { field: "removeEmailAddress", query: `mutation { removeEmailAddress(email: "added@example.com") { __typename } }`, expected: signedInOnly },
  { field: "mySessions", query: `query { mySessions { id current } }`, expected: signedInOnly },
  {
    field: "signOutSession",
    // A session id that does not exist: the authorization decision comes before the lookup.
    query: `mutation M($id: ID!) { signOutSession(id: $id) }`,
    variables: () => ({ id: "01900000-0000-7000-8000-000000000000" }),
    expected: signedInOnly,
  },
  // Users A and B have one session each, which it keeps.
  { field: "signOutOtherSessions", query: `mutation { signOutOtherSessions }`, expected: signedInOnly },
  { field: "signOut", query: `mutation { signOut }`, expected: everyone, replacesSession: true },
  { field: "signOut", query: `mutation { signOut(everywhere: true) }`, expected: everyone, replacesSession: true },
  // Users made here may not delete themselves: ForbiddenError, an answer of the operation's own.
  { field: "deleteSelf", query: `mutation { deleteSelf { __typename } }`, expected: signedInOnly, replacesSession: true },
  // The second factor's own operations, answered without changing anything: no password, no
  // enrollment, no TOTP to turn off or renew codes for.
  { field: "beginTotpEnrollment", query: `mutation { beginTotpEnrollment { __typename } }`, expected: signedInOnly },
  { field: "confirmTotpEnrollment", query: `mutation { confirmTotpEnrollment(code: "123456") { __typename } }`, expected: signedInOnly },
  { field: "disableTotp", query: `mutation { disableTotp(currentPassword: "wrong password here", code: "123456") { __typename } }`, expected: signedInOnly },
  { field: "regenerateBackupCodes", query: `mutation { regenerateBackupCodes(code: "123456") { __typename } }`, expected: signedInOnly },
  {
    field: "requestEmailVerification",
    query: `mutation M($id: ID) { requestEmailVerification(userId: $id) { __typename } }`,
    variables: () => ({ id: ids.userA }),
    // Naming a user needs the admin key, even one's own id.
    expected: { anonymous: U, userA: F, userB: F, admin: "ok", wrongKey: U, userAWithWrongKey: U },
  },
  {
    field: "requestEmailVerification",
    query: `mutation { requestEmailVerification { __typename } }`,
    expected: { anonymous: U, userA: "ok", userB: "ok", admin: U, wrongKey: U, userAWithWrongKey: "ok" },
  },
  {
    field: "signIn",
    query: `mutation { signIn(input: { identifier: "nobody@example.com", password: "wrong password here" }) { __typename } }`,
    // Public, and a key plays no part in it (signUp, which has privileged fields, refuses a wrong key).
    expected: everyone,
  },
  {
    field: "verifyEmail",
    query: `mutation { verifyEmail(token: "not-a-token") { __typename } }`,
    // The key decides what its `user` shows: a wrong one is refused, as signUp refuses it.
    expected: { ...everyone, wrongKey: U, userAWithWrongKey: U },
  },
  {
    field: "requestPasswordReset",
    query: `mutation M($email: String!) { requestPasswordReset(email: $email) { __typename } }`,
    variables: () => ({ email: `${unique("forgot")}@example.com` }),
    // Public; the key lifts its rate limits, so a wrong one is refused, as signUp refuses it.
    expected: { ...everyone, wrongKey: U, userAWithWrongKey: U },
  },
  {
    field: "resetPassword",
    query: `mutation { resetPassword(token: "not-a-token", password: "a fine new passphrase") { __typename } }`,
    // Public, and a key plays no part in it: the token alone decides.
    expected: everyone,
  },
];

describe("authorization matrix: operations", () => {
  it("has a row for every query and mutation of the schema", async () => {
    const answer = await call("anonymous", `{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`);
    const schema = answer.body.data?.__schema as { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } };
    const fields = [...schema.queryType.fields, ...schema.mutationType.fields].map(({ name }) => name);
    expect(new Set(operations.map(({ field }) => field))).toEqual(new Set(fields));
  });

  const cases = operations.flatMap((operation, index) =>
    operationCallers.map((caller) => ({ name: `${operation.field}#${index} as ${caller}`, operation, caller })),
  );
  it.each(cases)("$name", async ({ operation, caller }) => {
    const session = operation.replacesSession ? await sessionToSpend(caller) : undefined;
    const answer = await call(caller, operation.query, operation.variables?.() ?? {}, session);
    const expected = operation.expected[caller];
    expect(outcome(answer, operation.field), JSON.stringify(answer.body)).toBe(expected);
    if (expected === U) expect(answer.status).toBe(401);
    if (expected === F) expect(answer.status).toBe(403);
    if (expected !== "ok") expect(answer.body.data?.[operation.field] ?? null).toBeNull();
  });
});

describe("authorization matrix: admin-only User fields", () => {
  const fields = ["privateMetadata", "loginAttempts", "backupCodeCount"] as const;
  const cases = fields.flatMap((field) => callers.map((caller) => ({ field, caller })));

  it.each(cases)("$field through me and signUp as $caller", async ({ field, caller }) => {
    // `me` is the only way a non-admin reaches a User object of an existing account.
    const me = await call(caller, `query { me { id ${field} } }`);
    // The refusal of one field of an answer is not the refusal of the request.
    expect(me.status).toBe(200);
    const user = me.body.data?.me as Record<string, unknown> | null;
    if (caller === "userA" || caller === "userB") {
      expect(user?.id).toBe(ids[caller]);
      expect(user?.[field]).toBeNull();
      expect(me.body.errors?.map((error) => [error.path?.join("."), error.extensions?.code])).toEqual([[`me.${field}`, F]]);
    } else {
      expect(user).toBeNull();
    }
    // A sign-up's own result carries a User too: the field is admin-only there as well.
    const signedUp = await call(
      caller,
      `mutation M($input: SignUpInput!) { signUp(input: $input) { ... on SignUpSuccess { user { id ${field} } } } }`,
      { input: { email: `${unique("field")}@example.com`, password } },
      await sessionToSpend(caller),
    );
    // The sign-up happened (for every caller a key does not refuse): its answer is 200 with the field refused.
    expect(signedUp.status).toBe(caller === "wrongKey" ? 401 : 200);
    if (caller === "admin") {
      expect(signedUp.body.errors).toBeUndefined();
    } else {
      expect(signedUp.body.errors?.some((error) => [U, F].includes(error.extensions?.code ?? ""))).toBe(true);
      const fieldValue = (signedUp.body.data?.signUp as { user?: Record<string, unknown> } | null)?.user?.[field];
      expect(fieldValue ?? null).toBeNull();
    }
  });

  it("an admin reads them on any user; the values never leak into a non-admin's answer", async () => {
    const asAdmin = await call("admin", `query Q($id: ID!) { user(id: $id) { privateMetadata loginAttempts backupCodeCount } }`, { id: ids.userA });
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data?.user).toEqual({ privateMetadata: { secret: "A's" }, loginAttempts: 0, backupCodeCount: 0 });
    for (const caller of callers.filter((name) => name !== "admin")) {
      const answer = await call(caller, `query Q($id: ID!) { me { privateMetadata } user(id: $id) { privateMetadata } users(first: 50) { edges { node { privateMetadata } } } }`, { id: ids.userA });
      expect(JSON.stringify(answer.body)).not.toContain("A's");
    }
  });
});

describe("authorization matrix: acting on yourself only", () => {
  it("mySessions lists the caller's own sessions, and signOutSession ends no one else's", async () => {
    const other = await newUser();
    const mine = await newUser();
    const [otherSession] = (await call("anonymous", `query { mySessions { id } }`, {}, other.session)).body.data?.mySessions as { id: string }[];
    const listed = (await call("anonymous", `query { mySessions { id current } }`, {}, mine.session)).body.data?.mySessions as { id: string }[];
    expect(listed).toEqual([{ id: expect.any(String), current: true }]);
    expect(listed[0]!.id).not.toBe(otherSession!.id);
    const answer = await call("anonymous", `mutation M($id: ID!) { signOutSession(id: $id) }`, { id: otherSession!.id }, mine.session);
    expect(answer.body.data?.signOutSession).toBe(false);
    expect((await call("anonymous", `query { me { id } }`, {}, other.session)).body.data?.me).toEqual({ id: other.id });
  });

  it("signOutOtherSessions ends the caller's own other sessions, no one else's", async () => {
    const other = await newUser();
    const mine = await newUser();
    const signInAgain = async (id: string) => {
      const user = (await call("admin", `query Q($id: ID!) { user(id: $id) { email } }`, { id })).body.data?.user as { email: string };
      const signedIn = await call("anonymous", `mutation S($input: SignInInput!) { signIn(input: $input) { __typename } }`, { input: { identifier: user.email, password } });
      return sessionOf(signedIn.headers)!;
    };
    const [otherSecond, mySecond] = [await signInAgain(other.id), await signInAgain(mine.id)];
    const answer = await call("anonymous", `mutation { signOutOtherSessions }`, {}, mine.session);
    expect(answer.body.data?.signOutOtherSessions).toBe(1);
    expect((await call("anonymous", `query { me { id } }`, {}, mySecond)).body.data?.me).toBeNull();
    for (const session of [other.session, otherSecond]) {
      expect((await call("anonymous", `query { me { id } }`, {}, session)).body.data?.me).toEqual({ id: other.id });
    }
  });

  it("me answers the session's own user, never another", async () => {
    for (const caller of ["userA", "userB"] as const) {
      const answer = await call(caller, `query { me { id } }`);
      expect(answer.body.data?.me).toEqual({ id: ids[caller] });
    }
    // An admin key is not a session.
    expect((await call("admin", `query { me { id } }`)).body.data?.me).toBeNull();
  });

  it("updateMe changes the caller's account only", async () => {
    const name = unique("Renamed");
    const answer = await call("userB", `mutation M($name: String) { updateMe(input: { firstName: $name }) { __typename ... on UpdateMeSuccess { user { id firstName } } } }`, { name });
    expect(answer.body.data?.updateMe).toEqual({ __typename: "UpdateMeSuccess", user: { id: ids.userB, firstName: name } });
    const a = await call("admin", `query Q($id: ID!) { user(id: $id) { firstName } }`, { id: ids.userA });
    expect((a.body.data?.user as { firstName: string | null }).firstName).not.toBe(name);
  });

  it("the second factor's operations set up and turn off the caller's own TOTP only", async () => {
    const other = await newUser();
    const mine = await newUser();
    const totpEnabled = async (session: string) => ((await call("anonymous", `query { me { totpEnabled } }`, {}, session)).body.data?.me as { totpEnabled: boolean }).totpEnabled;
    const begun = await call("anonymous", `mutation M($p: String) { beginTotpEnrollment(currentPassword: $p) { ... on BeginTotpEnrollmentSuccess { secret } } }`, { p: password }, mine.session);
    const { secret } = begun.body.data?.beginTotpEnrollment as { secret: string };
    const step = await stepWithRoom();
    // The other user has no enrollment of their own: the caller's code confirms nothing for them.
    const confirmedByOther = await call("anonymous", `mutation M($c: String!) { confirmTotpEnrollment(code: $c) { __typename } }`, { c: totp(secret, step) }, other.session);
    expect(confirmedByOther.body.data?.confirmTotpEnrollment).toEqual({ __typename: "NoTotpEnrollmentError" });
    const confirmed = await call("anonymous", `mutation M($c: String!) { confirmTotpEnrollment(code: $c) { __typename } }`, { c: totp(secret, step) }, mine.session);
    expect(confirmed.body.data?.confirmTotpEnrollment).toEqual({ __typename: "ConfirmTotpEnrollmentSuccess" });
    expect([await totpEnabled(mine.session), await totpEnabled(other.session)]).toEqual([true, false]);
    // Nor can the other user turn it off, or renew its codes, with a code of it.
    const disabledByOther = await call("anonymous", `mutation M($p: String, $c: String!) { disableTotp(currentPassword: $p, code: $c) { __typename } }`, { p: password, c: totp(secret, step + 1) }, other.session);
    expect(disabledByOther.body.data?.disableTotp).toEqual({ __typename: "TotpNotEnabledError" });
    expect(await totpEnabled(mine.session)).toBe(true);
  });

  it("deleteSelf deletes the caller only, and only where deleteSelfEnabled allows it", async () => {
    const bystander = await newUser(true);
    const leaving = await newUser(true);
    const staying = await newUser(false);
    const refused = await call("anonymous", `mutation { deleteSelf { __typename } }`, {}, staying.session);
    expect(refused.body.data?.deleteSelf).toEqual({ __typename: "ForbiddenError" });
    for (const caller of ["anonymous", "admin", "wrongKey"] as const) {
      const answer = await call(caller, `mutation { deleteSelf { __typename } }`);
      expect(outcome(answer, "deleteSelf")).toBe(U);
    }
    const deleted = await call("anonymous", `mutation { deleteSelf { __typename ... on DeleteUserSuccess { deletedUserId } } }`, {}, leaving.session);
    expect(deleted.body.data?.deleteSelf).toEqual({ __typename: "DeleteUserSuccess", deletedUserId: leaving.id });
    const remaining = await call("admin", `query Q($a: ID!, $b: ID!, $c: ID!) { a: user(id: $a) { id } b: user(id: $b) { id } c: user(id: $c) { id } }`, {
      a: bystander.id,
      b: leaving.id,
      c: staying.id,
    });
    expect(remaining.body.data).toEqual({ a: { id: bystander.id }, b: null, c: { id: staying.id } });
    // The deleted user's session is gone with it.
    expect((await call("anonymous", `query { me { id } }`, {}, leaving.session)).body.data?.me).toBeNull();
  });

  it("signOut ends the caller's own session only", async () => {
    const other = await newUser();
    const mine = await newUser();
    const answer = await call("anonymous", `mutation { signOut }`, {}, mine.session);
    expect(answer.body.data?.signOut).toBe(true);
    expect((await call("anonymous", `query { me { id } }`, {}, mine.session)).body.data?.me).toBeNull();
    expect((await call("anonymous", `query { me { id } }`, {}, other.session)).body.data?.me).toEqual({ id: other.id });
    expect((await call("anonymous", `mutation { signOut }`)).body.data?.signOut).toBe(false);
  });

  it("signOut everywhere ends the caller's own sessions only, and no one's without a session", async () => {
    const other = await newUser();
    const mine = await newUser();
    // An admin key is not a session: it signs no one out.
    for (const caller of ["anonymous", "admin"] as const) {
      expect((await call(caller, `mutation { signOut(everywhere: true) }`)).body.data?.signOut).toBe(false);
    }
    const answer = await call("anonymous", `mutation { signOut(everywhere: true) }`, {}, mine.session);
    expect(answer.body.data?.signOut).toBe(true);
    expect((await call("anonymous", `query { me { id } }`, {}, mine.session)).body.data?.me).toBeNull();
    for (const [session, id] of [[other.session, other.id], [sessions.userA, ids.userA], [sessions.userB, ids.userB]]) {
      expect((await call("anonymous", `query { me { id } }`, {}, session)).body.data?.me).toEqual({ id });
    }
  });
});
