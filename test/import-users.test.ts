import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput } from "./generated/graphql.ts";
import { untilAStatementWaitsForALock } from "./helpers/lock-waits.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { nextNumber, runId, uniqueEmail, uniqueExternalId, uniqueTag, uniqueUsername, uniqueWallet } from "./helpers/unique-values.ts";

// importUsers (SPEC section 8): up to 1000 rows per call with the rules of createUser, one result
// per row in input order, a row repeating an earlier row's unique value gets the ConflictError,
// and a bad row never blocks the good ones. Over real HTTP against the real server.

const ImportUsersTestImportMutation = graphql(`
  mutation ImportUsersTestImport($users: [CreateUserInput!]!) {
    importUsers(users: $users) {
      __typename
      ... on CreateUserSuccess { user { id email username externalId phoneNumber hasPassword createOrganizationsLimit } }
      ... on Error { ...ErrorFields }
    }
  }
`);

const ImportUsersTestCountQuery = graphql(`
  query ImportUsersTestCount($email: String, $username: String, $query: String) {
    users(first: 1, email: $email, username: $username, query: $query) { totalCount }
  }
`);

const ImportUsersTestSignInMutation = graphql(`
  mutation ImportUsersTestSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { id } }
    }
  }
`);

// What a migration script asks for: the new ids, in the spellings a client may use.
const ImportUsersTestIdsMutation = graphql(`
  mutation ImportUsersTestIds($users: [CreateUserInput!]!) {
    importUsers(users: $users) {
      ... on CreateUserSuccess {
        user { id }
        aliased: user { __typename newId: id }
        spread: user { ...ImportUsersTestUserId ... on User { id } }
        wider: user { ...ImportUsersTestUserId email externalId }
      }
    }
  }
  fragment ImportUsersTestUserId on User { id }
`);

const ImportUsersTestIdOfEmailQuery = graphql(`
  query ImportUsersTestIdOfEmail($email: String!) {
    users(first: 1, email: $email) { edges { node { id } } }
  }
`);

let server: TestServer;
let digest: string;
const importedPassword = "imported harbour password 1998";
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
  // One digest for every row: cheap to make (cost 4) and to check, so 1000 rows stay fast.
  digest = await bcrypt.hash(importedPassword, 4);
});
afterAll(() => server?.close());


const send: TestServer["send"] = (document, variables, options) => server.send(document, variables, options);

async function importUsers(users: CreateUserInput[]) {
  const response = await send(ImportUsersTestImportMutation, { users }, { admin: true });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const results = response.body.data!.importUsers;
  expect(results).toHaveLength(users.length);
  return results;
}

async function count(filter: { email?: string; username?: string; query?: string } = {}) {
  const response = await send(ImportUsersTestCountQuery, filter, { admin: true });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.users.totalCount;
}

const createUser = (input: CreateUserInput) => server.createUser(input);

/**
 * How many transactions and subtransactions wrote these users: 1 for users written by one
 * statement, one per user for users written one by one, each behind a savepoint of its own.
 */
async function writingTransactions(userIds: string[]): Promise<number> {
  const [row] = await server.database.statements.query<{ writers: number }>(
    `SELECT count(DISTINCT xmin::text)::int AS writers FROM "User" WHERE id::text = ANY($1::text[])`,
    [userIds],
  );
  return row!.writers;
}

const idsOf = (results: Array<{ __typename: string; user?: { id: string } }>) =>
  results.map((result) => (result.__typename === "CreateUserSuccess" ? result.user!.id : ""));

async function signIn(identifier: string, password: string) {
  const response = await send(ImportUsersTestSignInMutation, { input: { identifier, password } });
  return response.body.data?.signIn.__typename;
}

describe("importUsers", () => {
  it("imports 1000 rows in one call: 1000 results in input order, all written", async () => {
    const tag = `bulk${runId}x${nextNumber()}`;
    const rows: CreateUserInput[] = Array.from({ length: 1000 }, (_, index) => ({
      emailAddress: [`${tag}.${index}@Example.com`],
      username: `${tag}_${index}`,
      externalId: `${tag}-${index}`,
      passwordDigest: digest,
      passwordHasher: "BCRYPT",
    }));
    const before = await count();
    const started = Date.now();
    const results = await importUsers(rows);
    const elapsed = Date.now() - started;

    expect(results.map((result) => result.__typename)).toEqual(Array(1000).fill("CreateUserSuccess"));
    const users = results.map((result) => (result.__typename === "CreateUserSuccess" ? result.user : undefined));
    users.forEach((user, index) => {
      expect(user, String(index)).toMatchObject({
        email: `${tag}.${index}@example.com`,
        username: `${tag}_${index}`,
        externalId: `${tag}-${index}`,
        hasPassword: true,
      });
    });
    expect(new Set(users.map((user) => user!.id)).size).toBe(1000);
    expect(await count()).toBe(before + 1000);
    expect(await count({ query: tag })).toBe(1000);
    expect(await server.database.prisma.passwordCredential.count({ where: { digest } })).toBe(1000);
    // The imported digest signs in.
    expect(await signIn(`${tag}.123@example.com`, importedPassword)).toBe("SignInSuccess");
    expect(await signIn(`${tag}_999`, importedPassword)).toBe("SignInSuccess");
    expect(await signIn(`${tag}_998`, "not the imported password")).toBe("InvalidCredentialsError");
    expect(elapsed).toBeLessThan(45_000);
  });

  it("imports 1000 rows of 17 identities each: 17,000 identities to look up at once", async () => {
    const tag = `identities${runId}x${nextNumber()}`;
    const rows: CreateUserInput[] = Array.from({ length: 1000 }, (_, row) => ({
      emailAddress: [`${tag}.${row}@example.com`],
      skipPasswordRequirement: true,
      identities: Array.from({ length: 17 }, (_, index) => ({
        connection: "github",
        provider: "GITHUB" as const,
        type: "SOCIAL" as const,
        id: `${tag}-${row}-${index}`,
        details: {},
      })),
    }));
    const results = await importUsers(rows);
    expect(results.map((result) => result.__typename)).toEqual(Array(1000).fill("CreateUserSuccess"));
    expect(await server.database.prisma.identity.count({ where: { providerUserId: { startsWith: tag } } })).toBe(17_000);
    // And the same identities again are each a conflict, found among the 17,000 stored.
    const again = await importUsers(rows.slice(0, 3).map((row, index) => ({ ...row, emailAddress: [`${tag}.again${index}@example.com`] })));
    expect(again.map((result) => (result.__typename === "ConflictError" ? result.fields : result.__typename))).toEqual([
      ["identities"],
      ["identities"],
      ["identities"],
    ]);
  });

  it("answers each row of a mixed batch in order, and writes every good row", async () => {
    const taken = await createUser({ emailAddress: [uniqueEmail("taken")], skipPasswordRequirement: true });
    const good = (label: string, extra: Partial<CreateUserInput> = {}): CreateUserInput => ({
      emailAddress: [uniqueEmail(label)],
      username: uniqueUsername(label),
      skipPasswordRequirement: true,
      ...extra,
    });
    const rows: CreateUserInput[] = [
      /* 0 */ good("first"),
      /* 1 */ {
        emailAddress: ["not-an-email"],
        phoneNumber: ["12345"],
        username: uniqueUsername("invalid"),
        profile: { zoneinfo: "Not/AZone" },
        skipPasswordRequirement: true,
      },
      /* 2 */ { emailAddress: [taken.email!.toUpperCase()], username: uniqueUsername("dbtaken"), skipPasswordRequirement: true },
      /* 3 */ good("third"),
      /* 4 */ { ...good("repeat"), emailAddress: [] },
      /* 5 */ good("fifth", { password: "hashed in the import 2024" }),
      /* 6 */ good("weak", { password: "password123" }),
      /* 7 */ good("last", { phoneNumber: ["+44 7911 123777"] }),
    ];
    // Row 4 repeats row 0's email address (in another case); row 8 repeats row 3's username.
    rows[4]!.emailAddress = [rows[0]!.emailAddress![0]!.toUpperCase()];
    rows.push(/* 8 */ { ...good("repeat-username"), username: rows[3]!.username!.toUpperCase() });
    // Row 9 repeats row 7's phone number in another format.
    rows.push(/* 9 */ good("repeat-phone", { phoneNumber: ["+447911123777"] }));
    const before = await count();

    const results = await importUsers(rows);
    expect(results.map((result) => result.__typename)).toEqual([
      "CreateUserSuccess",
      "ValidationError",
      "ConflictError",
      "CreateUserSuccess",
      "ConflictError",
      "CreateUserSuccess",
      "PasswordPolicyError",
      "CreateUserSuccess",
      "ConflictError",
      "ConflictError",
    ]);

    const invalid = results[1]!;
    if (invalid.__typename === "ValidationError") {
      const paths = invalid.fieldErrors.map((error) => error.path);
      expect(paths).toContainEqual(["users", "1", "emailAddress", "0"]);
      expect(paths).toContainEqual(["users", "1", "phoneNumber", "0"]);
      expect(paths).toContainEqual(["users", "1", "profile", "zoneinfo"]);
      expect(paths.every((path) => path[0] === "users" && path[1] === "1")).toBe(true);
    }
    const fieldsOf = (index: number) => {
      const result = results[index]!;
      return result.__typename === "ConflictError" ? [...result.fields].sort() : undefined;
    };
    expect(fieldsOf(2)).toEqual(["emailAddress"]);
    expect(fieldsOf(4)).toEqual(["emailAddress"]);
    expect(fieldsOf(8)).toEqual(["username"]);
    expect(fieldsOf(9)).toEqual(["phoneNumber"]);

    // The good rows are written, with their own values (the earlier row keeps what the later repeated).
    for (const index of [0, 3, 5, 7]) {
      const result = results[index]!;
      expect(result.__typename).toBe("CreateUserSuccess");
      if (result.__typename !== "CreateUserSuccess") continue;
      expect(result.user.email).toBe(rows[index]!.emailAddress![0]);
      expect(result.user.username).toBe(rows[index]!.username);
      expect(await count({ email: rows[index]!.emailAddress![0] })).toBe(1);
    }
    const last = results[7]!;
    if (last.__typename === "CreateUserSuccess") expect(last.user.phoneNumber).toBe("+447911123777");
    expect(await signIn(rows[5]!.emailAddress![0]!, "hashed in the import 2024")).toBe("SignInSuccess");
    expect(await count()).toBe(before + 4);
    // Nothing of the refused rows is written.
    for (const index of [1, 2, 4, 6, 9]) expect(await count({ username: rows[index]!.username! }), String(index)).toBe(0);
    for (const index of [6, 8, 9]) expect(await count({ email: rows[index]!.emailAddress![0] }), String(index)).toBe(0);
  });

  it("imports seed 004's Long createOrganizationsLimit beyond 32 bits, and refuses one beyond a Long at its row only", async () => {
    const row = (createOrganizationsLimit: number | string): CreateUserInput => ({
      emailAddress: [uniqueEmail("limit")],
      skipPasswordRequirement: true,
      createOrganizationsLimit,
    });
    const results = await importUsers([row(3_000_000_000), row("9223372036854775808"), row("9223372036854775807")]);
    expect(results.map((result) => result.__typename)).toEqual(["CreateUserSuccess", "ValidationError", "CreateUserSuccess"]);
    const [first, refused, last] = results;
    if (first?.__typename === "CreateUserSuccess") expect(first.user.createOrganizationsLimit).toBe(3_000_000_000);
    if (refused?.__typename === "ValidationError") {
      expect(refused.fieldErrors.map((error) => error.path)).toEqual([["users", "1", "createOrganizationsLimit"]]);
    }
    if (last?.__typename === "CreateUserSuccess") expect(last.user.createOrganizationsLimit).toBe("9223372036854775807");
  });

  it("does not let a row that failed against the database block a later good row with one of its values", async () => {
    // Row 0 cannot be written (its email address belongs to a user already), so its username is
    // claimed by no one; row 1, which is good, takes that username. Run in order, row 0 writes
    // nothing and row 1 succeeds: "a bad row never blocks the good ones".
    const taken = await createUser({ emailAddress: [uniqueEmail("holder")], skipPasswordRequirement: true });
    const username = uniqueUsername("shared");
    const rows: CreateUserInput[] = [
      { emailAddress: [taken.email!], username, skipPasswordRequirement: true },
      { emailAddress: [uniqueEmail("good")], username, skipPasswordRequirement: true },
    ];
    const results = await importUsers(rows);
    expect(results[0]!.__typename).toBe("ConflictError");
    if (results[0]!.__typename === "ConflictError") expect(results[0]!.fields).toEqual(["emailAddress"]);
    expect(results[1], JSON.stringify(results[1])).toMatchObject({ __typename: "CreateUserSuccess", user: { username } });
    expect(await count({ username })).toBe(1);
  });

  it("names every field a row conflicts on, whether another user has the value or an earlier row does", async () => {
    const taken = await createUser({ emailAddress: [uniqueEmail("stored")], skipPasswordRequirement: true });
    const username = uniqueUsername("first-claim");
    const results = await importUsers([
      { emailAddress: [uniqueEmail("first")], username, skipPasswordRequirement: true },
      { emailAddress: [taken.email!], username: username.toUpperCase(), skipPasswordRequirement: true },
    ]);
    expect(results[0]!.__typename).toBe("CreateUserSuccess");
    expect(results[1]!.__typename).toBe("ConflictError");
    if (results[1]!.__typename === "ConflictError") expect([...results[1]!.fields].sort()).toEqual(["emailAddress", "username"]);
  });

  it("refuses a row whose password column is blank even with skipPasswordChecks, and imports the others", async () => {
    const [blank, spaces, good] = [uniqueEmail("blank"), uniqueEmail("spaces"), uniqueEmail("good")];
    const results = await importUsers([
      { emailAddress: [blank], password: "", skipPasswordChecks: true },
      { emailAddress: [spaces], password: "  ", skipPasswordChecks: true },
      { emailAddress: [good], password: importedPassword, skipPasswordChecks: true },
    ]);
    expect(results.map((result) => result.__typename)).toEqual(["ValidationError", "ValidationError", "CreateUserSuccess"]);
    for (const [index, result] of results.slice(0, 2).entries()) {
      if (result.__typename === "ValidationError") expect(result.fieldErrors.map((error) => error.path)).toEqual([["users", String(index), "password"]]);
    }
    expect([await count({ email: blank }), await count({ email: spaces }), await count({ email: good })]).toEqual([0, 0, 1]);
    expect(await signIn(blank, "")).not.toBe("SignInSuccess");
    expect(await signIn(good, importedPassword)).toBe("SignInSuccess");
  });

  it("refuses a row with backup codes but no TOTP secret, at that row's backupCodes, and imports the others", async () => {
    const [withoutTotp, withTotp, emptyList] = [uniqueEmail("codes-no-totp"), uniqueEmail("codes-totp"), uniqueEmail("codes-empty")];
    const results = await importUsers([
      { emailAddress: [withoutTotp], passwordDigest: digest, passwordHasher: "BCRYPT", backupCodes: ["abcd-1234"] },
      { emailAddress: [withTotp], passwordDigest: digest, passwordHasher: "BCRYPT", totpSecret: "JBSWY3DPEHPK3PXP", backupCodes: ["abcd-1234"] },
      { emailAddress: [emptyList], passwordDigest: digest, passwordHasher: "BCRYPT", backupCodes: [] },
    ]);
    expect(results.map((result) => result.__typename)).toEqual(["ValidationError", "CreateUserSuccess", "CreateUserSuccess"]);
    if (results[0]!.__typename === "ValidationError") {
      expect(results[0]!.fieldErrors).toEqual([{ path: ["users", "0", "backupCodes"], message: expect.stringMatching(/need a TOTP secret \(totpSecret\)/) }]);
    }
    expect([await count({ email: withoutTotp }), await count({ email: withTotp }), await count({ email: emptyList })]).toEqual([0, 1, 1]);
  });

  it("lets a later row use a value of an earlier row that was invalid", async () => {
    const email = uniqueEmail("reused");
    const results = await importUsers([
      { emailAddress: [email], phoneNumber: ["not a phone"], skipPasswordRequirement: true },
      { emailAddress: [email], skipPasswordRequirement: true },
    ]);
    expect(results.map((result) => result.__typename)).toEqual(["ValidationError", "CreateUserSuccess"]);
    expect(await count({ email })).toBe(1);
  });

  it("hashes each row's plain backup codes one after another, so a sign-in meanwhile waits for a few hashes, not all of them", async () => {
    const bystander = uniqueEmail("bystander");
    await createUser({ emailAddress: [bystander], password: importedPassword });
    const rows: CreateUserInput[] = Array.from({ length: 16 }, (_, row) => ({
      emailAddress: [uniqueEmail(`codes${row}`)],
      skipPasswordRequirement: true,
      totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
      backupCodes: Array.from({ length: 10 }, (_, code) => `code-${row}-${code}-${runId}`),
    }));
    const startedAt = performance.now();
    let signedInAt = 0;
    const importing = importUsers(rows);
    // Once the import's hashing has begun (it takes a few seconds: 160 bcrypt hashes of cost 10).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signingIn = signIn(bystander, importedPassword).then((outcome) => {
      signedInAt = performance.now();
      return outcome;
    });
    const results = await importing;
    const importedAt = performance.now();
    expect(results.every((result) => result.__typename === "CreateUserSuccess")).toBe(true);
    expect(await signingIn).toBe("SignInSuccess");
    // All 160 queued at once, the sign-in's verification came after the last of them.
    expect(signedInAt - startedAt).toBeLessThan((importedAt - startedAt) / 2);
  });

  it("answers `user { id }` in every spelling with the stored user's id, and a wider selection with the stored user", async () => {
    const tag = `ids${runId}x${nextNumber()}`;
    const emails = [0, 1, 2].map((index) => `${tag}.${index}@example.com`);
    const response = await send(
      ImportUsersTestIdsMutation,
      { users: emails.map((email) => ({ emailAddress: [email], externalId: email, passwordDigest: digest, passwordHasher: "BCRYPT" as const })) },
      { admin: true },
    );
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    const results = response.body.data!.importUsers;
    for (const [index, email] of emails.entries()) {
      const lookup = await send(ImportUsersTestIdOfEmailQuery, { email }, { admin: true });
      const storedId = lookup.body.data!.users.edges[0]!.node.id;
      expect(results[index]).toEqual({
        user: { id: storedId },
        aliased: { __typename: "User", newId: storedId },
        spread: { id: storedId },
        wider: { id: storedId, email, externalId: email },
      });
    }
  });

  it("takes an empty list", async () => {
    expect(await importUsers([])).toEqual([]);
  });

  it("refuses 1001 rows with a BAD_USER_INPUT GraphQL error and writes nothing", async () => {
    const tag = `over${runId}x${nextNumber()}`;
    const rows: CreateUserInput[] = Array.from({ length: 1001 }, (_, index) => ({
      emailAddress: [`${tag}.${index}@example.com`],
      skipPasswordRequirement: true,
    }));
    const before = await count();
    const response = await send(ImportUsersTestImportMutation, { users: rows }, { admin: true });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body.data?.importUsers ?? null).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.body.errors?.[0]?.message).toMatch(/1000/);
    expect(await count()).toBe(before);
    expect(await count({ query: tag })).toBe(0);
  });

  it("answers UNAUTHENTICATED without the admin key, FORBIDDEN to a signed-in user, and writes nothing", async () => {
    const email = uniqueEmail("caller");
    const password = "signed in caller password 77";
    await createUser({ emailAddress: [email], password });
    const sessionResponse = await send(ImportUsersTestSignInMutation, { input: { identifier: email, password } });
    const token = /(?:^|[\s,])session=([^;]+)/.exec(sessionResponse.headers.get("set-cookie") ?? "")?.[1];
    expect(token).toBeTruthy();

    const row = { emailAddress: [uniqueEmail("unauthorized")], skipPasswordRequirement: true };
    const before = await count();
    const anonymous = await send(ImportUsersTestImportMutation, { users: [row] });
    expect(anonymous.body.data?.importUsers ?? null).toBeNull();
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const wrongKey = await send(ImportUsersTestImportMutation, { users: [row] }, { headers: { authorization: `Bearer ${"k".repeat(48)}` } });
    expect(wrongKey.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const signedIn = await send(ImportUsersTestImportMutation, { users: [row] }, { headers: { cookie: `session=${token}` } });
    expect(signedIn.body.data?.importUsers ?? null).toBeNull();
    expect(signedIn.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await count()).toBe(before);
    expect(await count({ email: row.emailAddress[0] })).toBe(0);
  });
});

// The batch statement meeting a concurrent writer, made to happen on both databases: a race needs
// two connections (the embedded database has one) and good timing, so a trigger of the test's own
// raises, in the real database, the errors the race and the faults after it would. Tagged rows
// inserted two or more in one statement (the batch) meet a unique violation, as if a concurrent
// writer had taken one of their values (every time, or with `racesOnce` only the first time: a
// sequence, outside transactions, remembers it was raised); a tagged row inserted alone (written
// one by one) meets the error given for its address, if any.
describe("importUsers writing its rows one by one after its batch met a concurrent writer", () => {
  async function withRaceAndFaults<Result>(
    tag: string,
    faults: Record<string, string>,
    work: () => Promise<Result>,
    { racesOnce = false } = {},
  ): Promise<Result> {
    // Addresses made by the test: nothing in them needs quoting.
    const faultsJson = JSON.stringify(faults);
    await server.database.withConnection((connection) =>
      connection.executeScript(`
        CREATE SEQUENCE test_import_races;
        CREATE FUNCTION test_import_race_and_faults() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          fault text;
        BEGIN
          IF (SELECT count(*) FROM inserted WHERE "emailNormalized" LIKE '%${tag}%') > 1
            AND (NOT ${racesOnce} OR nextval('test_import_races') = 1) THEN
            RAISE EXCEPTION 'a concurrent writer took a value (raised by the test)' USING ERRCODE = 'unique_violation';
          END IF;
          SELECT '${faultsJson}'::jsonb ->> "emailNormalized" INTO fault FROM inserted WHERE '${faultsJson}'::jsonb ? "emailNormalized" LIMIT 1;
          IF fault IS NOT NULL THEN
            RAISE EXCEPTION 'fault % (raised by the test)', fault USING ERRCODE = fault;
          END IF;
          RETURN NULL;
        END $$;
        CREATE TRIGGER test_import_race_and_faults AFTER INSERT ON "EmailAddress"
          REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION test_import_race_and_faults();
      `),
    );
    try {
      return await work();
    } finally {
      await server.database.withConnection((connection) =>
        connection.executeScript(`
          DROP TRIGGER test_import_race_and_faults ON "EmailAddress";
          DROP FUNCTION test_import_race_and_faults();
          DROP SEQUENCE test_import_races;
        `),
      );
    }
  }

  const mailsTo = (email: string) => server.database.prisma.outboxMessage.count({ where: { recipient: email } });

  it("answers the row that lost its race a ConflictError, writes the others in the batch's order, and mails only written rows", async () => {
    const tag = uniqueTag("raced");
    const [lost, repeat, plain, deadlocked] = ["lost", "repeat", "plain", "deadlocked"].map((label) => `${label}.${tag}@example.com`) as [string, string, string, string];
    const username = uniqueUsername("repeated");
    const results = await withRaceAndFaults(tag, { [lost]: "23505", [deadlocked]: "40P01" }, () =>
      importUsers([
        { emailAddress: [lost], username, verifyEmail: true, skipPasswordRequirement: true },
        // Refused for repeating the first row's username, then written once that row lost its race.
        { emailAddress: [repeat], username, verifyEmail: true, skipPasswordRequirement: true },
        { emailAddress: [plain], verifyEmail: true, skipPasswordRequirement: true },
        // Deadlocks each time it is tried: in the end judged as a row that lost its race.
        { emailAddress: [deadlocked], verifyEmail: true, skipPasswordRequirement: true },
      ]),
    );
    expect(results[0]!.__typename).toBe("ConflictError");
    // The value's holder is not stored (the trigger made the violation up): every unique field of
    // the row is named, as for a holder deleted before the look-up.
    if (results[0]!.__typename === "ConflictError") expect(results[0]!.fields).toEqual(["emailAddress", "username"]);
    expect(results[1], JSON.stringify(results[1])).toMatchObject({ __typename: "CreateUserSuccess", user: { email: repeat, username } });
    expect(results[2], JSON.stringify(results[2])).toMatchObject({ __typename: "CreateUserSuccess", user: { email: plain } });
    expect(results[3]!.__typename).toBe("ConflictError");
    if (results[3]!.__typename === "ConflictError") expect(results[3]!.fields).toEqual(["emailAddress"]);
    expect(await Promise.all([lost, repeat, plain, deadlocked].map((email) => count({ email })))).toEqual([0, 1, 1, 0]);
    expect(await count({ username })).toBe(1);
    // Ids taken in input order: the repeat, written last, is still listed before the third row.
    const ids = results.slice(1, 3).map((result) => (result.__typename === "CreateUserSuccess" ? result.user.id : ""));
    expect([...ids].sort()).toEqual(ids);
    expect(await Promise.all([lost, repeat, plain, deadlocked].map(mailsTo))).toEqual([0, 1, 1, 0]);
  });

  it("tries a batch that met a concurrent writer once again whole, in one statement", async () => {
    const tag = uniqueTag("retried");
    const emails = ["first", "second", "third"].map((label) => `${label}.${tag}@example.com`);
    const results = await withRaceAndFaults(tag, {}, () => importUsers(emails.map((email) => ({ emailAddress: [email], skipPasswordRequirement: true }))), {
      racesOnce: true,
    });
    expect(results.map((result) => result.__typename)).toEqual(Array(3).fill("CreateUserSuccess"));
    expect(await writingTransactions(idsOf(results))).toBe(1);
  });

  it("writes nothing of the batch when a row written one by one meets a fault, and the call fails", async () => {
    const tag = uniqueTag("faulted");
    const emails = ["first", "second", "faulted", "last"].map((label) => `${label}.${tag}@example.com`);
    const faulted = emails[2]!;
    // 57014: what PostgreSQL raises for a statement that ran past statement_timeout.
    const response = await withRaceAndFaults(tag, { [faulted]: "57014" }, () =>
      server.request(ImportUsersTestImportMutation, { users: emails.map((email) => ({ emailAddress: [email], verifyEmail: true, skipPasswordRequirement: true })) }, { admin: true }),
    );
    expect(response.body.data?.importUsers ?? null).toBeNull();
    // A canceled statement is the database side's doing, answered as a passing fault (README *Faults*).
    expect(response.body.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    // The rows before the faulted one were written one by one too: undone with it, or a client
    // that tries the batch again would meet its own rows as conflicts without knowing their ids.
    for (const email of emails) {
      expect(await count({ email }), email).toBe(0);
      expect(await mailsTo(email), email).toBe(0);
    }
  });
});

// Two connections at once: PostgreSQL only (the embedded database has one).
describe.skipIf(process.env.TEST_DATABASE !== "postgres")("importUsers meeting a concurrent writer", () => {
  it("names every taken field to the loser of two imports of one row at once", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const row: CreateUserInput = {
        emailAddress: [uniqueEmail("twice")],
        phoneNumber: [`+447911${100_000 + nextNumber()}`],
        web3Wallet: [uniqueWallet()],
        username: uniqueUsername("twice"),
        externalId: uniqueExternalId(),
        identities: [{ connection: "github", provider: "GITHUB", type: "SOCIAL", id: `twice-${runId}-${nextNumber()}`, details: {} }],
        skipPasswordRequirement: true,
      };
      const results = (await Promise.all([importUsers([row]), importUsers([row])])).flat();
      const outcomes = results.map((result) => (result.__typename === "ConflictError" ? result.fields : result.__typename));
      expect(outcomes, `attempt ${attempt}`).toContain("CreateUserSuccess");
      expect(outcomes, `attempt ${attempt}`).toContainEqual(["emailAddress", "phoneNumber", "web3Wallet", "username", "externalId", "identities"]);
    }
  });

  it("writes a row refused for repeating an earlier row when that row loses its race, in its place in the batch's order", async () => {
    const [raced, other, third] = [uniqueEmail("raced"), uniqueEmail("other"), uniqueEmail("third")];
    const username = uniqueUsername("repeated");
    // Another writer's user with the first row's address, not yet committed: the import's check
    // cannot see it, and its write then waits for that transaction.
    let commit!: () => void;
    let written!: () => void;
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    const writer = server.database.prisma.$transaction(
      async (transaction) => {
        await transaction.user.create({ data: { emailAddresses: { create: { email: raced, emailNormalized: raced, primary: true } } } });
        written();
        await mayCommit;
      },
      { timeout: 30_000 },
    );
    await isWritten;
    const importing = importUsers([
      { emailAddress: [raced], username, skipPasswordRequirement: true },
      { emailAddress: [other], username, skipPasswordRequirement: true },
      { emailAddress: [third], skipPasswordRequirement: true },
    ]);
    await untilAStatementWaitsForALock(server.database);
    commit();
    await writer;

    const results = await importing;
    expect(results[0]!.__typename).toBe("ConflictError");
    if (results[0]!.__typename === "ConflictError") expect(results[0]!.fields).toEqual(["emailAddress"]);
    // Run in order, the first row writes nothing, so the second takes the username.
    expect(results[1], JSON.stringify(results[1])).toMatchObject({ __typename: "CreateUserSuccess", user: { email: other, username } });
    expect(await count({ username })).toBe(1);
    // Written after the third row, the second is still listed before it: users are listed in the batch's order.
    expect(results[2], JSON.stringify(results[2])).toMatchObject({ __typename: "CreateUserSuccess", user: { email: third } });
    // Judged again against the writer's committed user and written in one statement, not one by one.
    expect(await writingTransactions(idsOf(results.slice(1)))).toBe(1);
    const listed = await server.database.prisma.user.findMany({
      where: { emailAddresses: { some: { emailNormalized: { in: [other, third] } } } },
      orderBy: { id: "asc" },
      select: { emailAddresses: { select: { email: true } } },
    });
    expect(listed.map((user) => user.emailAddresses[0]!.email)).toEqual([other, third]);
  });

  it("writes nothing of the batch when the connection is lost while it is written again after a race, and answers SERVICE_UNAVAILABLE", async () => {
    const [raced, written, blocked] = [uniqueEmail("raced"), uniqueEmail("written"), uniqueEmail("blocked")];
    // Two other writers, not yet committed: one with the first row's address, which the batch
    // statement waits for and then meets as a unique violation, so the batch is judged again and
    // written again without that row; one with the third row's, which that statement then waits for,
    // after it wrote the second row.
    const holders = [raced, blocked].map((email) => {
      let release!: (commit: boolean) => void;
      let inserted!: (backendId: number) => void;
      const released = new Promise<boolean>((resolve) => (release = resolve));
      const backendId = new Promise<number>((resolve) => (inserted = resolve));
      const done = server.database.prisma
        .$transaction(
          async (transaction) => {
            await transaction.user.create({ data: { emailAddresses: { create: { email, emailNormalized: email, primary: true } } } });
            const [{ pid }] = await transaction.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
            inserted(pid);
            if (!(await released)) throw new Error("rolled back by the test");
          },
          { timeout: 30_000 },
        )
        .catch((error: Error) => {
          if (error.message !== "rolled back by the test") throw error;
        });
      return { release, backendId, done };
    });
    const [racedHolder, blockedHolder] = holders as [(typeof holders)[number], (typeof holders)[number]];
    const blockingBackend = await blockedHolder.backendId;
    await racedHolder.backendId;
    const importing = server.request(
      ImportUsersTestImportMutation,
      { users: [raced, written, blocked].map((email) => ({ emailAddress: [email], skipPasswordRequirement: true })) },
      { admin: true },
    );
    await untilAStatementWaitsForALock(server.database);
    racedHolder.release(true);
    await racedHolder.done;
    // The third row waits for the second writer: the import's connection goes away (as when the
    // server restarts or the network drops it) while the second row is written and not yet committed.
    let terminated = false;
    for (let attempt = 0; attempt < 200 && !terminated; attempt++) {
      const [row] = await server.database.statements.query<{ terminated: boolean }>(
        `SELECT bool_or(pg_terminate_backend(pid)) AS terminated FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid))`,
        [blockingBackend],
      );
      terminated = row?.terminated ?? false;
      if (!terminated) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(terminated).toBe(true);
    const response = await importing;
    blockedHolder.release(false);
    await blockedHolder.done;

    expect(response.status).toBe(503);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect([await count({ email: raced }), await count({ email: written }), await count({ email: blocked })]).toEqual([1, 0, 0]);
  });
});
