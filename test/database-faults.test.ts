import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../src/db/errors.ts";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";

// Issue "Hardening" item 4: a database outage is a 503 SERVICE_UNAVAILABLE that ends by itself,
// never a 500, a crash or a half-written user; and shutting down finishes in-flight requests.

const SignUp = `
  mutation FaultsSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on SignUpSuccess { user { id email } }
      ... on Error { message }
    }
  }
`;

interface RawAnswer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

const UsersByEmail = `
  query FaultsUsersByEmail($email: String!) {
    users(email: $email) { edges { node { id email } } }
  }
`;

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

let counter = 0;
const signUpVariables = () => ({ input: { email: `fault${++counter}-${Date.now()}@example.com`, password: "analytical engine notes 1843" } });

/**
 * A TCP proxy in front of PostgreSQL that can be cut (every connection dropped, new ones refused)
 * and restored, to take the database away from one server without stopping the shared one, or
 * stalled (connections open, new ones accepted, nothing carried) and resumed.
 */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** The server's side of each connection it carries. */
  private readonly clients = new Set<Socket>();
  private stalled = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      this.clients.add(client);
      client.on("close", () => this.clients.delete(client));
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
      if (this.stalled) for (const socket of [client, upstream]) socket.pause();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Connections open from the server to the database. */
  get connections(): number {
    return this.clients.size;
  }

  /** Keeps every connection open but carries nothing more: a database that stopped answering. */
  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) socket.pause();
  }

  resume(): void {
    this.stalled = false;
    for (const socket of this.sockets) socket.resume();
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("database outage (PostgreSQL behind a proxy)", () => {
  let server: TestServer;
  let proxy: CuttableProxy;
  const queryTimeoutMilliseconds = 1500;

  beforeAll(async () => {
    const target = new URL(process.env.TEST_DATABASE_URL ?? "postgres://127.0.0.1:5432/postgres");
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    server = await startTestServer(
      {
        RATE_LIMITS: "off",
        ADMIN_API_KEYS: adminApiKey,
        DATABASE_QUERY_TIMEOUT_MS: String(queryTimeoutMilliseconds),
        // No outbox polls taking connections of their own while a test counts them.
        OUTBOX_POLL_MILLISECONDS: "0",
      },
      {
        databaseUrlFor: (url) => {
          const viaProxy = new URL(url);
          viaProxy.hostname = "127.0.0.1";
          viaProxy.port = String(proxy.port);
          return viaProxy.toString();
        },
      },
    );
  });
  afterAll(async () => {
    await proxy?.start();
    await server?.close();
    await proxy.cut();
  });

  it("answers /ready with 503 within seconds when the database stops answering on an open connection", async () => {
    expect((await fetch(`${server.origin}/ready`)).status).toBe(200);
    proxy.stall();
    try {
      const startedAt = Date.now();
      expect((await fetch(`${server.origin}/ready`)).status).toBe(503);
      expect(Date.now() - startedAt).toBeLessThan(15_000);
    } finally {
      proxy.resume();
    }
    await expect.poll(async () => (await fetch(`${server.origin}/ready`)).status, { timeout: 15_000, interval: 200 }).toBe(200);
  }, 40_000);

  it("answers 503 SERVICE_UNAVAILABLE within DATABASE_QUERY_TIMEOUT_MS when the database stops answering on open connections, and serves again once it answers", async () => {
    const admin = { authorization: `Bearer ${adminApiKey}` };
    const signedUp = await post(server.url, SignUp, signUpVariables());
    const email = (signedUp.body.data?.signUp as { user: { email: string } }).user.email;
    // Warm connections (pg's pool keeps an idle one 10 s), so the stalled requests find open ones
    // and wait on their queries, not on opening a connection (which gives up after 5 s).
    const warm = await Promise.all(Array.from({ length: 6 }, () => post(server.url, UsersByEmail, { email }, admin)));
    for (const answer of warm) expect(answer.body.data?.users).toEqual({ edges: [{ node: { id: expect.any(String), email } }] });

    const connectionsBeforeStall = proxy.connections;
    proxy.stall();
    let duringStall: { answer: RawAnswer; milliseconds: number }[];
    try {
      const timed = async (request: () => Promise<RawAnswer>) => {
        const startedAt = Date.now();
        const answer = await request();
        return { answer, milliseconds: Date.now() - startedAt };
      };
      // A read outside any transaction, a sign-up (its write in a transaction), and the session
      // lookup that builds a request's context.
      duringStall = await Promise.all([
        timed(() => post(server.url, UsersByEmail, { email }, admin)),
        timed(() => post(server.url, SignUp, signUpVariables())),
        timed(() => post(server.url, "query { me { id } }", {}, { cookie: "session=abcdefabcdefabcdefabcdefabcdefabcdefabcdef" })),
      ]);
    } finally {
      proxy.resume();
    }
    for (const { answer, milliseconds } of duringStall) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(503);
      expect(answer.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(JSON.stringify(answer.body)).not.toMatch(/ETIMEDOUT|DATABASE_QUERY_TIMEOUT_MS|prisma/i);
      expect(milliseconds).toBeGreaterThanOrEqual(queryTimeoutMilliseconds - 100);
      // Well before the 5 s a new connection may take to fail: the stalled ones were given up on.
      expect(milliseconds).toBeLessThan(queryTimeoutMilliseconds + 2500);
    }

    // The database answers again: the stalled connections were closed, not handed to the next
    // request still waiting for their lost answers, and the next requests are served.
    await expect.poll(() => proxy.connections, { timeout: 5000, interval: 50 }).toBeLessThanOrEqual(connectionsBeforeStall - duringStall.length);
    const after = await Promise.all([
      ...Array.from({ length: 6 }, () => post(server.url, UsersByEmail, { email }, admin)),
      post(server.url, SignUp, signUpVariables()),
    ]);
    for (const answer of after) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(after[0]!.body.data?.users).toEqual({ edges: [{ node: { id: expect.any(String), email } }] });
    expect(after.at(-1)!.body.data?.signUp).toMatchObject({ __typename: "SignUpSuccess" });
    expect((await fetch(`${server.origin}/ready`)).status).toBe(200);
  }, 30_000);

  it("gives back a connection that stops answering inside an interactive transaction, which Prisma's adapter never releases once its ROLLBACK failed", async () => {
    await post(server.url, SignUp, signUpVariables());
    const connectionsBeforeStall = proxy.connections;
    const startedAt = Date.now();
    try {
      const transaction = server.database.prisma.$transaction(
        async (transaction) => {
          await transaction.$queryRaw`SELECT 1`;
          proxy.stall();
          await transaction.$queryRaw`SELECT 2`;
        },
        // Longer than the test: what ends it must be the query timeout, not Prisma's own limit.
        { timeout: 60_000 },
      );
      await expect(transaction).rejects.toSatisfy(isDatabaseUnavailable);
      expect(Date.now() - startedAt).toBeLessThan(queryTimeoutMilliseconds + 2500);
    } finally {
      proxy.resume();
    }
    await expect.poll(() => proxy.connections, { timeout: 5000, interval: 50 }).toBeLessThanOrEqual(connectionsBeforeStall - 1);
    const after = await Promise.all(Array.from({ length: 4 }, () => post(server.url, SignUp, signUpVariables())));
    for (const answer of after) expect(answer.body.data?.signUp).toMatchObject({ __typename: "SignUpSuccess" });
  }, 30_000);

  it("answers 503 SERVICE_UNAVAILABLE while the database is away and recovers by itself", async () => {
    const before = await post(server.url, SignUp, signUpVariables());
    expect(before.status).toBe(200);
    expect(before.body.data?.signUp).toMatchObject({ __typename: "SignUpSuccess" });

    // Sign-ups under load, with the connection cut while some of them are inside their write.
    const load = Array.from({ length: 40 }, (_, index) =>
      new Promise((resolve) => setTimeout(resolve, index * 5)).then(() => post(server.url, SignUp, signUpVariables())),
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    await proxy.cut();
    const duringCut = await Promise.all(load);
    for (const answer of duringCut) {
      expect(answer.status, JSON.stringify(answer.body)).not.toBe(500);
      if (answer.status === 200) {
        expect(answer.body.data?.signUp).toMatchObject({ __typename: "SignUpSuccess" });
      } else {
        expect(answer.status).toBe(503);
        expect(answer.body.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      }
    }

    expect(duringCut.some((answer) => answer.status === 503)).toBe(true);

    // With the database gone: every operation 503 with Retry-After, /ready 503, /health 200.
    const down = await post(server.url, SignUp, signUpVariables());
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(down.body.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|P1001|prisma/i);
    // A session cookie makes the context itself read the database (before any resolver runs).
    const withCookie = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "session=abcdefabcdefabcdefabcdefabcdefabcdefabcdef" },
      body: JSON.stringify({ query: "query { me { id } }" }),
    });
    expect(withCookie.status).toBe(503);
    expect((await fetch(`${server.origin}/ready`)).status).toBe(503);
    expect((await fetch(`${server.origin}/health`)).status).toBe(200);
    // Probes that add a query string are answered the same.
    expect((await fetch(`${server.origin}/health?probe=liveness`)).status).toBe(200);
    expect((await fetch(`${server.origin}/ready?probe=readiness`)).status).toBe(503);

    // The database is back: the pool reconnects without a restart.
    await proxy.start();
    await expect
      .poll(async () => (await fetch(`${server.origin}/ready`)).status, { timeout: 15_000, interval: 200 })
      .toBe(200);
    const after = await Promise.all(Array.from({ length: 5 }, () => post(server.url, SignUp, signUpVariables())));
    for (const answer of after) {
      expect(answer.status).toBe(200);
      expect(answer.body.data?.signUp).toMatchObject({ __typename: "SignUpSuccess" });
    }

    // No half-written user: every user has its email row, and every answered success exists.
    const prisma = server.database.prisma;
    const users = await prisma.user.findMany({ select: { id: true, _count: { select: { emailAddresses: true } } } });
    expect(users.length).toBeGreaterThanOrEqual(6);
    for (const user of users) expect(user._count.emailAddresses).toBe(1);
    const succeeded = [before, ...duringCut, ...after].filter((answer) => answer.status === 200);
    const ids = new Set(users.map((user) => user.id));
    for (const answer of succeeded) {
      expect(ids.has((answer.body.data?.signUp as { user: { id: string } }).user.id)).toBe(true);
    }
  });
});

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("a database that cancels statements or refuses connections (PostgreSQL)", () => {
  let server: TestServer;
  let databaseUrl: string;
  const admin = { authorization: `Bearer ${adminApiKey}` };

  beforeAll(async () => {
    // A query timeout longer than the tests: what ends a waiting statement must be PostgreSQL.
    server = await startTestServer({ RATE_LIMITS: "off", DATABASE_QUERY_TIMEOUT_MS: "60000", OUTBOX_POLL_MILLISECONDS: "0" });
    databaseUrl = (server.config.database as { url: string }).url;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers 503 SERVICE_UNAVAILABLE to a request whose statement was canceled (57014), as pg_cancel_backend or a statement_timeout does", async () => {
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query('LOCK TABLE "User" IN ACCESS EXCLUSIVE MODE');
      const waiting = post(server.url, UsersByEmail, { email: "canceled@example.com" }, admin);
      // The request's statement waits on the lock: cancel it there.
      await expect
        .poll(
          async () =>
            (await locker.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rowCount,
          { timeout: 10_000, interval: 50 },
        )
        .toBe(1);
      const answer = await waiting;
      expect(answer.status, JSON.stringify(answer.body)).toBe(503);
      expect(answer.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
    expect((await post(server.url, UsersByEmail, { email: "canceled@example.com" }, admin)).body).toEqual({ data: { users: { edges: [] } } });
  }, 30_000);

  it("answers 503 SERVICE_UNAVAILABLE while the database refuses connections (55000, ALLOW_CONNECTIONS false), and serves once it takes them again", async () => {
    const name = new URL(databaseUrl).pathname.slice(1);
    const maintenance = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await maintenance.connect();
    // The same SQLSTATE from a statement (at severity ERROR, not FATAL) is a fault of ours, not an outage.
    await maintenance.query("CREATE TEMPORARY SEQUENCE never_advanced");
    const statementError = await maintenance.query("SELECT currval('never_advanced')").catch((error: unknown) => error);
    expect(statementError).toMatchObject({ code: "55000", severity: "ERROR" });
    expect(isDatabaseUnavailable(statementError)).toBe(false);
    try {
      await maintenance.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await maintenance.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
      const refused = await post(server.url, SignUp, signUpVariables());
      expect(refused.status, JSON.stringify(refused.body)).toBe(503);
      expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(JSON.stringify(refused.body)).not.toContain(name);
      // The session lookup that builds the context, before any resolver.
      const withCookie = await post(server.url, "query { me { id } }", {}, { cookie: "session=abcdefabcdefabcdefabcdefabcdefabcdefabcdef" });
      expect(withCookie.status, JSON.stringify(withCookie.body)).toBe(503);
      expect(withCookie.body.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    } finally {
      await maintenance.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await maintenance.end();
    }
    await expect.poll(async () => (await post(server.url, SignUp, signUpVariables())).status, { timeout: 15_000, interval: 200 }).toBe(200);
  }, 30_000);
});

describe("graceful shutdown", () => {
  it("finishes in-flight requests before closing", async () => {
    const server = await startTestServer({ RATE_LIMITS: "off" });
    try {
      // Sign-ups hash with argon2: slow enough to still be running when close() starts.
      let settled = 0;
      let firstAnswer: () => void = () => {};
      const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
      const inFlight = Array.from({ length: 16 }, () =>
        post(server.url, SignUp, signUpVariables()).finally(() => {
          settled++;
          firstAnswer();
        }),
      );
      // Once one answer is back the other requests have long arrived (a connection whose request
      // has not been read yet counts as idle and is closed), while most still wait for argon2.
      await answered;
      const settledBeforeClose = settled;
      const closing = server.close();
      const answers = await Promise.all(inFlight);
      await closing;
      expect(settledBeforeClose).toBeLessThan(answers.length);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.body.data?.signUp).toMatchObject({ __typename: "SignUpSuccess" });
      }
      // Closed: new connections are refused.
      await expect(fetch(`${server.origin}/health`)).rejects.toThrow();
    } finally {
      await server.close().catch(() => {});
    }
  });
});
