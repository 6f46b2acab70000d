import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/server.ts";

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

async function post(url: string, query: string, variables: Record<string, unknown>): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

let counter = 0;
const signUpVariables = () => ({ input: { email: `fault${++counter}-${Date.now()}@example.com`, password: "analytical engine notes 1843" } });

/**
 * A TCP proxy in front of PostgreSQL that can be cut (every connection dropped, new ones refused)
 * and restored, to take the database away from one server without stopping the shared one.
 */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Keeps every connection open but carries nothing more: a database that stopped answering. */
  stall(): void {
    for (const socket of this.sockets) socket.pause();
  }

  resume(): void {
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

  beforeAll(async () => {
    const target = new URL(process.env.TEST_DATABASE_URL ?? "postgres://127.0.0.1:5432/postgres");
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    server = await startTestServer(
      { RATE_LIMITS: "off" },
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
