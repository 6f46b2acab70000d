import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, startTestServer, type TestServer } from "./helpers/server.ts";

// Time columns are `timestamp(3)` without a zone, read by Prisma as UTC. Rows written with raw SQL
// (new users, sessions) take their times from the column defaults, which must be UTC whatever the
// database's TimeZone: `CURRENT_TIMESTAMP` alone gives the session's local time. The database here
// runs in UTC+14 all year, so a default in local time is 14 hours off (and the outbox's
// `nextAttemptAt` 14 hours in the future, holding mail back).

const farZone = "Pacific/Kiritimati";
const minute = 60_000;
const password = "analytical engine notes 1843";

let server: TestServer;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // The outbox is polled often, so the mail a createUser queues is sent within the test.
  const environment = { RATE_LIMITS: "off", OUTBOX_POLL_MILLISECONDS: "100" };
  if (process.env.TEST_DATABASE === "postgres") {
    // The server's zone comes from the database before the server connects, as on a server whose
    // TimeZone setting (initdb copies the machine's) is not UTC.
    const database = await createPostgresDatabase({ timeZone: farZone });
    dropDatabase = database.drop;
    server = await startTestServer({ ...environment, DATABASE_URL: database.url });
  } else {
    // The embedded database is one session: setting its zone sets it for every later statement.
    server = await startTestServer(environment);
    await server.database.withConnection((connection) => connection.executeScript(`SET TimeZone TO '${farZone}'`));
  }
});

afterAll(async () => {
  await server?.close();
  await dropDatabase?.();
});

/** Runs SQL on the server's own driver (the pool, or the embedded database's one session). */
function query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
  return server.database.statements.query<Row>(sql, parameters);
}

/**
 * Milliseconds since the epoch of a `timestamp without time zone` taken as UTC (as Prisma reads
 * it): `extract(epoch ...)` does exactly that, whatever the session's zone or the driver's parsing.
 */
const asUtcMilliseconds = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

function expectNow(milliseconds: number | string | Date, label: string): void {
  const value = milliseconds instanceof Date ? milliseconds.getTime() : typeof milliseconds === "string" ? Date.parse(milliseconds) : milliseconds;
  expect(Math.abs(value - Date.now()), `${label}: ${new Date(value).toISOString()}, now ${new Date().toISOString()}`).toBeLessThan(minute);
}

describe(`time column defaults on a database whose TimeZone is ${farZone} (UTC+14)`, () => {
  it("runs the server's statements in that zone, where CURRENT_TIMESTAMP as a timestamp is 14 hours ahead", async () => {
    for (let checkout = 0; checkout < 3; checkout++) {
      const [row] = await query<{ zone: string; local: number }>(
        `SELECT current_setting('TimeZone') AS zone, ${asUtcMilliseconds("CURRENT_TIMESTAMP::timestamp(3)")} AS local`,
      );
      expect(row!.zone).toBe(farZone);
      expect(row!.local - Date.now()).toBeGreaterThan(13 * 60 * minute);
    }
  });

  it("every time column's default is the UTC time now", async () => {
    const columns = await query<{ table_name: string; column_name: string; column_default: string }>(
      `SELECT table_name, column_name, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
         AND data_type LIKE 'timestamp%' AND column_default IS NOT NULL
       ORDER BY table_name, column_name`,
    );
    expect(columns.map((column) => `${column.table_name}.${column.column_name}`)).toEqual(
      expect.arrayContaining([
        "User.createdAt",
        "EmailAddress.createdAt",
        "EmailVerificationToken.createdAt",
        "Session.createdAt",
        "Session.lastSeenAt",
        "OutboxMessage.createdAt",
        "OutboxMessage.nextAttemptAt",
        "AdminApiKey.createdAt",
      ]),
    );
    for (const column of columns) {
      // The default as the column stores it: cast to the column's type, timestamp(3) without a zone.
      const [row] = await query<{ value: number }>(`SELECT ${asUtcMilliseconds(`(${column.column_default})::timestamp(3)`)} AS value`);
      expectNow(row!.value, `default of ${column.table_name}.${column.column_name} (${column.column_default})`);
    }
  });

  it("createUser (one raw SQL statement) stores the user, its address, its token and its mail at the UTC time now, and the mail is sent", async () => {
    const email = `tz-${randomBytes(4).toString("hex")}@example.com`;
    const user = await server.createUser({ emailAddress: [email], password, verifyEmail: true });
    expectNow(user.createdAt, "User.createdAt");
    // updatedAt is given by the code, in UTC: the two agree.
    expect(Math.abs(Date.parse(user.createdAt) - Date.parse(user.updatedAt))).toBeLessThan(minute);

    const [rows] = await query<{ address: number; token: number; mail: number }>(
      `SELECT (SELECT ${asUtcMilliseconds(`"createdAt"`)} FROM "EmailAddress" WHERE "userId" = $1) AS address,
              (SELECT ${asUtcMilliseconds(`"createdAt"`)} FROM "EmailVerificationToken" WHERE "userId" = $1) AS token,
              (SELECT ${asUtcMilliseconds(`"createdAt"`)} FROM "OutboxMessage" WHERE "userId" = $1) AS mail`,
      [user.id],
    );
    expectNow(rows!.address, "EmailAddress.createdAt");
    expectNow(rows!.token, "EmailVerificationToken.createdAt");
    expectNow(rows!.mail, "OutboxMessage.createdAt");

    // The mail's nextAttemptAt (its default) is not in the future: the dispatcher sends it now.
    let sent = false;
    for (const deadline = Date.now() + 15_000; !sent && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [mail] = await query<{ sent: boolean }>(`SELECT "sentAt" IS NOT NULL AS sent FROM "OutboxMessage" WHERE "userId" = $1`, [user.id]);
      sent = mail!.sent;
    }
    expect(sent, "the verification mail was sent").toBe(true);
  });

  it("signIn (one raw SQL statement) opens a session whose createdAt and lastSeenAt are the UTC time now", async () => {
    const email = `tz-${randomBytes(4).toString("hex")}@example.com`;
    const user = await server.createUser({ emailAddress: [email], password });
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename } }`,
        variables: { input: { identifier: email, password } },
      }),
    });
    expect(await response.json()).toEqual({ data: { signIn: { __typename: "SignInSuccess" } } });

    const sessions = await query<{ created: number; seen: number }>(
      `SELECT ${asUtcMilliseconds(`"createdAt"`)} AS created, ${asUtcMilliseconds(`"lastSeenAt"`)} AS seen FROM "Session" WHERE "userId" = $1`,
      [user.id],
    );
    expect(sessions).toHaveLength(1);
    expectNow(sessions[0]!.created, "Session.createdAt");
    expectNow(sessions[0]!.seen, "Session.lastSeenAt");
  });

  it("a create through Prisma's client takes the same default and reads it back as UTC", async () => {
    const name = `tz-${randomBytes(4).toString("hex")}`;
    const key = await server.database.prisma.adminApiKey.create({
      data: { name, keyDigest: randomBytes(32).toString("hex") },
      select: { createdAt: true },
    });
    expectNow(key.createdAt, "AdminApiKey.createdAt through Prisma");
    await server.database.prisma.adminApiKey.delete({ where: { name } });
  });
});
