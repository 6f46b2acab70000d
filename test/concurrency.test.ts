import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateUserMutation, SignUpMutation } from "./documents.ts";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput } from "./generated/graphql.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { holdRows, untilAStatementWaitsForALock } from "./helpers/lock-waits.ts";
import { tableCounts } from "./helpers/table-counts.ts";
import { nextNumber, runId, uniqueEmail, uniqueWallet } from "./helpers/unique-values.ts";

// SPEC section 6: of concurrent requests for one unique value exactly one wins and the others get
// a ConflictError; section 5: a failed mutation writes nothing (one transaction).

const parallelRequests = 20;

let server: TestServer;
beforeAll(async () => {
  // Twenty sign-ups from one address in a moment must not meet a sign-up rate limit.
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server?.close());

const uniquePhone = () => `+1415555${String(1000 + nextNumber()).padStart(4, "0")}`;
const strongPassword = "velvet-harbour-ninety-lanterns";

const countRows = () => tableCounts(server.database.prisma);

type Counts = Awaited<ReturnType<typeof countRows>>;

function difference(after: Counts, before: Counts): Counts {
  return Object.fromEntries(
    Object.entries(after).map(([table, count]) => [table, count - before[table as keyof Counts]]),
  ) as Counts;
}

/** Every row that belongs to a user belongs to one that exists (no orphans), by direct query. */
async function expectNoOrphans() {
  const prisma = server.database.prisma;
  const userIds = (await prisma.user.findMany({ select: { id: true } })).map((user) => user.id);
  const notAUser = { userId: { notIn: userIds } };
  const orphans = await Promise.all([
    prisma.emailAddress.count({ where: notAUser }),
    prisma.phoneNumber.count({ where: notAUser }),
    prisma.web3Wallet.count({ where: notAUser }),
    prisma.identity.count({ where: notAUser }),
    prisma.profile.count({ where: notAUser }),
    prisma.address.count({ where: { profileUserId: { notIn: userIds } } }),
    prisma.passwordCredential.count({ where: notAUser }),
    prisma.totpCredential.count({ where: notAUser }),
    prisma.backupCode.count({ where: notAUser }),
    prisma.session.count({ where: notAUser }),
  ]);
  expect(orphans).toEqual(orphans.map(() => 0));
}

/** A createUser input with one of everything that lives in its own table. */
function richCreateUserInput(index: number, shared: Partial<CreateUserInput>): CreateUserInput {
  return {
    emailAddress: [uniqueEmail(`rich${index}`)],
    phoneNumber: [uniquePhone()],
    web3Wallet: [uniqueWallet()],
    identities: [{ connection: "github", provider: "GITHUB", type: "SOCIAL", id: `gh-${runId}-${nextNumber()}`, details: { index } }],
    profile: { givenName: "Race", addresses: [{ id: "Home", city: "Lyon" }, { id: "Work", city: "Paris" }] },
    password: strongPassword,
    totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    backupCodes: ["k7m2-q9x4", "p3n8-w6z1"],
    ...shared,
  };
}

describe("concurrent requests for one unique value", () => {
  it(`${parallelRequests} simultaneous signUps with one email: exactly one succeeds, the rest get ConflictError ["email"]`, async () => {
    const email = uniqueEmail("race");
    const before = await countRows();
    const responses = await Promise.all(
      Array.from({ length: parallelRequests }, (_, index) =>
        server.request(SignUpMutation, {
          input: {
            // The same address, written differently: case does not make it another address.
            email: index % 2 === 0 ? email : email.toUpperCase(),
            password: strongPassword,
            username: `racer_${runId}_${index}`,
            phoneNumber: uniquePhone(),
            profile: { givenName: "Race", addresses: [{ id: "Home", city: "Lyon" }] },
            identities: [{ connection: "github", provider: "GITHUB", type: "SOCIAL", id: `su-${runId}-${nextNumber()}`, details: {} }],
          },
        }),
      ),
    );
    for (const response of responses) {
      expect(response.status).toBeLessThan(500);
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    }
    const results = responses.map((response) => response.body.data!.signUp);
    const successes = results.filter((result) => result.__typename === "SignUpSuccess");
    const conflicts = results.filter((result) => result.__typename === "ConflictError");
    expect(successes).toHaveLength(1);
    expect(conflicts).toHaveLength(parallelRequests - 1);
    for (const conflict of conflicts) if (conflict.__typename === "ConflictError") expect(conflict.fields).toEqual(["email"]);

    // Only the winner got a session cookie.
    const cookies = responses.map((response) => response.headers.get("set-cookie")).filter((cookie) => cookie?.startsWith("session="));
    expect(cookies).toHaveLength(1);

    const prisma = server.database.prisma;
    expect(await prisma.emailAddress.count({ where: { emailNormalized: email.toLowerCase() } })).toBe(1);
    expect(await prisma.user.count({ where: { username: { startsWith: `racer_${runId}_` } } })).toBe(1);
    expect(difference(await countRows(), before)).toEqual({
      users: 1,
      emails: 1,
      phones: 1,
      wallets: 0,
      identities: 1,
      profiles: 1,
      addresses: 1,
      passwords: 1,
      totps: 0,
      backupCodes: 0,
      sessions: 1,
    });
    await expectNoOrphans();
  });

  /** One contested value per case: the input of the index-th request, and how to count its owners. */
  interface Contest {
    field: string;
    input: (index: number) => Partial<CreateUserInput>;
    owners: () => Promise<number>;
  }
  const contests: Record<string, () => Contest> = {
    username: () => {
      const username = `Contested_${runId}_${nextNumber()}`;
      return {
        field: "username",
        // The same username in another case is the same username.
        input: (index) => ({ username: index % 2 ? username.toLowerCase() : username }),
        owners: () => server.database.prisma.user.count({ where: { usernameNormalized: username.toLowerCase() } }),
      };
    },
    externalId: () => {
      const externalId = `ext-${runId}-${nextNumber()}`;
      return {
        field: "externalId",
        input: () => ({ externalId }),
        owners: () => server.database.prisma.user.count({ where: { externalId } }),
      };
    },
    emailAddress: () => {
      const email = uniqueEmail("contested");
      return {
        field: "emailAddress",
        input: (index) => ({ emailAddress: [index % 2 ? email.toUpperCase() : email] }),
        owners: () => server.database.prisma.emailAddress.count({ where: { emailNormalized: email } }),
      };
    },
    phoneNumber: () => {
      const phone = uniquePhone();
      return {
        field: "phoneNumber",
        input: (index) => ({ phoneNumber: [index % 2 ? `+1 (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}` : phone] }),
        owners: () => server.database.prisma.phoneNumber.count({ where: { phoneNumber: phone } }),
      };
    },
  };

  it.each(Object.keys(contests))(
    `${parallelRequests} simultaneous createUsers with one %s: exactly one succeeds, the rest get ConflictError`,
    async (name) => {
      const { field, input, owners } = contests[name]!();
      const before = await countRows();
      const responses = await Promise.all(
        Array.from({ length: parallelRequests }, (_, index) =>
          server.request(CreateUserMutation, { input: richCreateUserInput(index, input(index)) }, { admin: true }),
        ),
      );
      for (const response of responses) {
        expect(response.status).toBeLessThan(500);
        expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      }
      const results = responses.map((response) => response.body.data!.createUser);
      const successes = results.filter((result) => result.__typename === "CreateUserSuccess");
      const conflicts = results.filter((result) => result.__typename === "ConflictError");
      expect(successes).toHaveLength(1);
      expect(conflicts).toHaveLength(parallelRequests - 1);
      for (const conflict of conflicts) if (conflict.__typename === "ConflictError") expect(conflict.fields).toEqual([field]);

      const prisma = server.database.prisma;
      expect(await owners()).toBe(1);
      const winner = successes[0]!.__typename === "CreateUserSuccess" ? successes[0]!.user : undefined;
      expect(winner).toBeDefined();
      // The winner has all its rows and nobody else got any.
      expect(difference(await countRows(), before)).toEqual({
        users: 1,
        emails: 1,
        phones: 1,
        wallets: 1,
        identities: 1,
        profiles: 1,
        addresses: 2,
        passwords: 1,
        totps: 1,
        backupCodes: 2,
        sessions: 0,
      });
      expect(await prisma.emailAddress.count({ where: { userId: winner!.id } })).toBe(1);
      expect(await prisma.address.count({ where: { profileUserId: winner!.id } })).toBe(2);
      await expectNoOrphans();
    },
  );
});

describe("writes that take the same unique values in opposite orders", () => {
  // On PostgreSQL such writes can deadlock (SQLSTATE 40P01): one of them must still end as
  // ConflictError, never as a server fault. The embedded database runs one statement at a time.
  const UpdateEmails = graphql(`
    mutation ConcurrencyUpdateEmails($id: ID!, $input: UpdateUserInput!) {
      updateUser(id: $id, input: $input) { __typename }
    }
  `);

  it("createUser with emails [a..j] against [j..a]: one wins, the other gets ConflictError, every round", async () => {
    for (let round = 0; round < 30; round++) {
      const emails = Array.from({ length: 10 }, (_, index) => uniqueEmail(`order${index}-`));
      const answers = await Promise.all(
        [emails, [...emails].reverse()].map((emailAddress) =>
          server.send(CreateUserMutation, { input: { emailAddress, skipPasswordRequirement: true } }, { admin: true }),
        ),
      );
      expect(answers.map((answer) => answer.body.errors)).toEqual([undefined, undefined]);
      expect(answers.map((answer) => answer.body.data?.createUser.__typename).sort()).toEqual(["ConflictError", "CreateUserSuccess"]);
    }
  });

  it("two updateUser swapping two users' addresses end as ConflictError or success, never a fault, every round", async () => {
    for (let round = 0; round < 15; round++) {
      const [first, second] = [Array.from({ length: 5 }, () => uniqueEmail("swap-a")), Array.from({ length: 5 }, () => uniqueEmail("swap-b"))];
      const userA = await server.createUser({ emailAddress: first, skipPasswordRequirement: true });
      const userB = await server.createUser({ emailAddress: second, skipPasswordRequirement: true });
      const answers = await Promise.all([
        server.send(UpdateEmails, { id: userA.id, input: { emailAddress: [...second].reverse() } }, { admin: true }),
        server.send(UpdateEmails, { id: userB.id, input: { emailAddress: first } }, { admin: true }),
      ]);
      expect(answers.map((answer) => answer.body.errors)).toEqual([undefined, undefined]);
      // Each sees the other's addresses taken, unless the other finished first and freed its own.
      for (const answer of answers) expect(["ConflictError", "UpdateUserSuccess"]).toContain(answer.body.data?.updateUser.__typename);
    }
  });
});

describe("a failed createUser writes nothing", () => {
  it("leaves every table as it was when its second email is taken and its first is new", async () => {
    const taken = uniqueEmail("taken");
    const first = await server.request(
      CreateUserMutation,
      { input: { emailAddress: [taken], skipPasswordRequirement: true } },
      { admin: true },
    );
    expect(first.status).toBeLessThan(500);
    expect(first.body.data?.createUser.__typename).toBe("CreateUserSuccess");

    const fresh = uniqueEmail("fresh");
    const before = await countRows();
    const response = await server.request(
      CreateUserMutation,
      { input: richCreateUserInput(0, { emailAddress: [fresh, taken.toUpperCase()], username: `partial_${runId}_${nextNumber()}` }) },
      { admin: true },
    );
    expect(response.status).toBeLessThan(500);
    const result = response.body.data?.createUser;
    expect(result?.__typename).toBe("ConflictError");
    if (result?.__typename === "ConflictError") expect(result.fields).toEqual(["emailAddress"]);
    expect(await countRows()).toEqual(before);
    expect(await server.database.prisma.emailAddress.count({ where: { emailNormalized: fresh } })).toBe(0);
    await expectNoOrphans();

    // The fresh address is still free.
    const retry = await server.request(
      CreateUserMutation,
      { input: { emailAddress: [fresh], skipPasswordRequirement: true } },
      { admin: true },
    );
    expect(retry.status).toBeLessThan(500);
    expect(retry.body.data?.createUser.__typename).toBe("CreateUserSuccess");
  });

  it("leaves every table as it was when validation fails after other fields were fine", async () => {
    const before = await countRows();
    const response = await server.request(
      CreateUserMutation,
      { input: richCreateUserInput(0, { createOrganizationsLimit: -1 }) },
      { admin: true },
    );
    expect(response.status).toBeLessThan(500);
    expect(response.body.data?.createUser.__typename).toBe("ValidationError");
    expect(await countRows()).toEqual(before);
  });
});

// Every connection of the pool at once: PostgreSQL only (the embedded database has one).
describe.skipIf(process.env.TEST_DATABASE !== "postgres")("more writes of one user than the pool has connections", () => {
  const RenameUser = graphql(`
    mutation ConcurrencyRenameUser($id: ID!, $name: String!) {
      updateUser(id: $id, input: { name: $name }) { __typename }
    }
  `);

  it("answers those that cannot start in time SERVICE_UNAVAILABLE with Retry-After, the others as usual", async () => {
    const { id } = await server.createUser({ emailAddress: [uniqueEmail("crowd")], skipPasswordRequirement: true });
    // The user's row held for 3 s: each update's transaction holds a connection while it waits for
    // the row, and past the pool's 20 the rest wait for a connection longer than Prisma's 2 s.
    const { release, held: holding } = holdRows(server.database, `SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`, [id]);
    const updates = Array.from({ length: 30 }, (_, index) => server.request(RenameUser, { id, name: `Name ${index}` }, { admin: true }));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    release();
    await holding;

    const responses = await Promise.all(updates);
    const outcomes = responses.map((response) => response.body.data?.updateUser?.__typename ?? response.body.errors?.[0]?.extensions?.code);
    expect(new Set(outcomes)).toEqual(new Set(["UpdateUserSuccess", "SERVICE_UNAVAILABLE"]));
    for (const response of responses.filter((response) => response.body.errors)) {
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
    }
  });
});

// A write whose transaction runs out of time waiting for the user's row is told to retry, like one
// that found no connection: never an INTERNAL_SERVER_ERROR. PostgreSQL only (the embedded database
// runs one transaction at a time: there is no row held by another).
describe.skipIf(process.env.TEST_DATABASE !== "postgres")("writes waiting for a user's row longer than DATABASE_QUERY_TIMEOUT_MS", () => {
  // The transactions' time limit is DATABASE_QUERY_TIMEOUT_MS: short here, so the test waits little.
  const queryTimeoutMilliseconds = 2000;
  let slowServer: TestServer;
  beforeAll(async () => {
    slowServer = await startTestServer({ RATE_LIMITS: "off", DATABASE_QUERY_TIMEOUT_MS: String(queryTimeoutMilliseconds), OUTBOX_POLL_MILLISECONDS: "0" });
  });
  afterAll(() => slowServer?.close());

  const ReplaceAddresses = graphql(`
    mutation ConcurrencyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {
      updateUser(id: $id, input: $input) { __typename }
    }
  `);
  const SignInForSession = graphql(`
    mutation ConcurrencySignIn($input: SignInInput!) {
      signIn(input: $input) { __typename }
    }
  `);
  const RenameMe = graphql(`
    mutation ConcurrencyRenameMe($input: UpdateMeInput!) {
      updateMe(input: $input) { __typename }
    }
  `);
  const RequestVerification = graphql(`
    mutation ConcurrencyRequestVerification($userId: ID) {
      requestEmailVerification(userId: $userId) { __typename }
    }
  `);

  /** Holds rows with `SELECT … FOR UPDATE` on a connection of the test's own until `release`. */
  const holdRowsOf = (sql: string, id: string) => holdRows(slowServer.database, sql, [id]);
  const holdUser = (id: string) => holdRowsOf(`SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`, id);

  async function storedState(id: string) {
    const prisma = slowServer.database.prisma;
    return {
      name: (await prisma.user.findUniqueOrThrow({ where: { id }, select: { name: true } })).name,
      emails: (await prisma.emailAddress.findMany({ where: { userId: id }, select: { email: true } })).map((row) => row.email),
      phones: (await prisma.phoneNumber.findMany({ where: { userId: id }, select: { phoneNumber: true } })).map((row) => row.phoneNumber),
      links: await prisma.emailVerificationToken.count({ where: { userId: id } }),
    };
  }

  function expectServiceUnavailable(response: Awaited<ReturnType<TestServer["request"]>>) {
    expect(response.status, JSON.stringify(response.body)).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
  }

  it("answers updateUser SERVICE_UNAVAILABLE when its waits for the user's rows add up past its transaction's limit, and writes nothing", async () => {
    const { id } = await slowServer.createUser({ emailAddress: [uniqueEmail("waits")], phoneNumber: [uniquePhone()], name: "Before", skipPasswordRequirement: true });
    const before = await storedState(id);
    // The transaction's limit is twice DATABASE_QUERY_TIMEOUT_MS. Each of its three waits is
    // shorter than DATABASE_QUERY_TIMEOUT_MS (no connection is closed as stalled), together they
    // are longer than the limit: the transaction, not one statement, runs out of time.
    const held = [holdUser(id), holdRowsOf(`SELECT 1 FROM "EmailAddress" WHERE "userId" = $1 FOR UPDATE`, id), holdRowsOf(`SELECT 1 FROM "PhoneNumber" WHERE "userId" = $1 FOR UPDATE`, id)];
    const update = slowServer.request(
      ReplaceAddresses,
      { id, input: { name: "After", emailAddress: [uniqueEmail("waits-new")], phoneNumber: [uniquePhone()] } },
      { admin: true },
    );
    await untilAStatementWaitsForALock(slowServer.database);
    for (const rows of held) {
      await new Promise((resolve) => setTimeout(resolve, queryTimeoutMilliseconds * 0.75));
      rows.release();
      await rows.held;
    }
    expectServiceUnavailable(await update);
    expect(await storedState(id)).toEqual(before);
  }, 20_000);

  it("answers updateUser, updateMe and requestEmailVerification SERVICE_UNAVAILABLE while the user's rows stay held, and writes nothing", async () => {
    const email = uniqueEmail("held");
    const { id } = await slowServer.createUser({ emailAddress: [email], name: "Before", password: strongPassword });
    const signedIn = await slowServer.send(SignInForSession, { input: { identifier: email, password: strongPassword } });
    const session = /(?:^|[\s,])session=([^;]+)/.exec(signedIn.headers.get("set-cookie") ?? "")?.[1];
    expect(session).toBeTruthy();
    const before = await storedState(id);
    const user = holdUser(id);
    const addresses = holdRowsOf(`SELECT 1 FROM "EmailAddress" WHERE "userId" = $1 FOR UPDATE`, id);
    try {
      const responses = await Promise.all([
        slowServer.request(ReplaceAddresses, { id, input: { name: "After", emailAddress: [email, uniqueEmail("held-new")] } }, { admin: true }),
        slowServer.request(RenameMe, { input: { name: "After" } }, { headers: { cookie: `session=${session}` } }),
        slowServer.request(RequestVerification, { userId: id }, { admin: true }),
      ]);
      for (const response of responses) expectServiceUnavailable(response);
    } finally {
      user.release();
      addresses.release();
      await Promise.all([user.held, addresses.held]);
    }
    expect(await storedState(id)).toEqual(before);
  }, 20_000);
});
