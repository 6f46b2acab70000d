import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as delay } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { startServer } from "../src/server.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

// SIGTERM on the real process (`node --import tsx src/main.ts`): requests in flight are answered,
// a request sent on an idle keep-alive connection just after closing began is answered too (not
// reset unread), the process exits 0, and afterwards nothing accepts connections. SIGTERM to the
// npm that `npm start` and `npm run start:production` leave running reaches the server the same way.

const root = new URL("../", import.meta.url).pathname;

interface HttpAnswer {
  status: number;
  connection: string | undefined;
  body: string;
}

interface SentRequest {
  /** The whole request is written to the connection. */
  sent: Promise<void>;
  answered: Promise<HttpAnswer>;
}

/** A POST through `agent`, so that the test decides which connection carries it. */
function send(agent: Agent, port: number, body: unknown): SentRequest {
  let sent!: () => void;
  const sentPromise = new Promise<void>((resolve) => (sent = resolve));
  const answered = new Promise<HttpAnswer>((resolve, reject) => {
    const outgoing = httpRequest(
      { agent, host: "127.0.0.1", port, path: "/graphql", method: "POST", headers: { "content-type": "application/json" } },
      (incoming) => {
        let text = "";
        incoming.setEncoding("utf8");
        incoming.on("data", (chunk: string) => (text += chunk));
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, connection: incoming.headers.connection, body: text }));
      },
    );
    outgoing.on("finish", sent);
    outgoing.on("error", reject);
    outgoing.end(JSON.stringify(body));
  });
  return { sent: sentPromise, answered };
}

const post = (agent: Agent, port: number, body: unknown) => send(agent, port, body).answered;

const signUp = (email: string) => ({
  query: `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { __typename } }`,
  variables: { input: { email, password: "slow hashing on purpose 2026" } },
});

interface RunningProcess {
  child: ChildProcess;
  port: number;
  logLines: Record<string, unknown>[];
  /** Resolves when the process logs a line with this message. */
  logged(message: string): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Starts `command` (main.ts by default) on any free port and waits for its "listening" log line.
 * The process leads a process group of its own, so that `killProcessGroup` ends whatever it started.
 */
async function startProcess(
  databaseUrl: string,
  command = [process.execPath, "--import", "tsx", "src/main.ts"],
  cwd = root,
): Promise<RunningProcess> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd,
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      DATABASE_URL: databaseUrl,
      REDIS_URL: "",
      RATE_LIMITS: "off",
      // Each sign-up hashes for a good while, so the requests are surely in flight at the signal.
      ARGON2_ITERATIONS: "8",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const logLines: Record<string, unknown>[] = [];
  const lines = createInterface({ input: child.stdout! });
  // npm writes the script it runs ("> identity-api@0.1.0 start") before the server's JSON lines.
  lines.on("line", (line) => line.startsWith("{") && logLines.push(JSON.parse(line) as Record<string, unknown>));
  const logged = (message: string) =>
    new Promise<void>((resolve) => {
      if (logLines.some((entry) => entry.msg === message)) return resolve();
      lines.on("line", () => {
        if (logLines.at(-1)?.msg === message) resolve();
      });
    });
  await Promise.race([logged("identity API listening"), exited]);
  const port = logLines.find((entry) => entry.msg === "identity API listening")?.port;
  if (typeof port !== "number") {
    killProcessGroup(child);
    throw new Error(`${command.join(" ")} exited before listening`);
  }
  return { child, port, logLines, logged, exited };
}

/** The live processes of a process group (Linux): orphaned children stay in their group. */
async function processGroupMembers(groupId: number): Promise<number[]> {
  const members: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // "pid (name) state ppid pgrp …": the name may hold spaces and parentheses, so read after the last ")".
    const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(group) === groupId && state !== "Z") members.push(Number(entry));
  }
  return members;
}

function killProcessGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // Nothing of the group is left.
  }
}

let databaseOwner: TestServer;
beforeAll(async () => {
  // The postgres project: a fresh database (migrated, dropped afterwards) for the process to share.
  databaseOwner = await startTestServer();
});
afterAll(() => databaseOwner?.close());

describe("SIGTERM", () => {
  it("answers the requests in flight and one arriving as closing begins, then exits 0 and refuses connections", async () => {
    const database = databaseOwner.config.database;
    const running = await startProcess(database.kind === "postgres" ? database.url : "memory://");
    const busy = new Agent({ keepAlive: true });
    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // One keep-alive connection, answered and now idle.
      const warmUp = await post(idle, running.port, { query: "{ __typename }" });
      expect(warmUp.status).toBe(200);

      const inFlight = [1, 2, 3].map((index) => send(busy, running.port, signUp(`in-flight-${index}@example.com`)));
      await Promise.all(inFlight.map((request) => request.sent));
      running.child.kill("SIGTERM");
      // Sent on the idle connection once closing has begun: closing must not reset it unread.
      const arriving = running.logged("shutting down: finishing in-flight requests").then(() =>
        post(idle, running.port, signUp("arriving@example.com")),
      );

      const answers = await Promise.all([...inFlight.map((request) => request.answered), arriving]);
      for (const answer of answers) {
        expect(answer.status, answer.body).toBe(200);
        expect(JSON.parse(answer.body)).toEqual({ data: { signUp: { __typename: "SignUpSuccess" } } });
        // Answered while closing (each hash takes longer than the signal): told not to reuse the connection.
        expect(answer.connection).toBe("close");
      }

      expect(await running.exited).toBe(0);
      expect(running.logLines.map((entry) => entry.msg)).toEqual(
        expect.arrayContaining(["shutting down: finishing in-flight requests", "stopped"]),
      );
      expect(running.logLines.filter((entry) => (entry.level as number) >= 50)).toEqual([]);
      await expect(post(new Agent(), running.port, { query: "{ __typename }" })).rejects.toMatchObject({ code: "ECONNREFUSED" });
    } finally {
      busy.destroy();
      idle.destroy();
      killProcessGroup(running.child);
    }
  });
});

/**
 * A copy of the repository with the server compiled as `npm run build` does, to run
 * `npm run start:production` in: a fresh clone has no dist/, and the test leaves the checkout's alone.
 */
async function compiledCopy(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "graceful-shutdown-production-"));
  await copyFile(join(root, "package.json"), join(directory, "package.json"));
  await symlink(join(root, "node_modules"), join(directory, "node_modules"));
  await symlink(join(root, "prisma"), join(directory, "prisma"));
  const typescript = join(root, "node_modules/typescript/bin/tsc");
  await promisify(execFile)(process.execPath, [typescript, "-p", "tsconfig.build.json", "--outDir", join(directory, "dist")], { cwd: root });
  return directory;
}

// npm passes SIGTERM on to the shell that runs the script; a shell that stays between would die of it
// and leave the server running unseen, still listening and holding the embedded database's lock.
describe.skipIf(process.env.TEST_DATABASE === "postgres")("SIGTERM to npm", () => {
  async function expectGracefulStop(npmArguments: string[], cwd: string) {
    const running = await startProcess("memory://", ["npm", ...npmArguments], cwd);
    try {
      const serverProcess = running.logLines.find((entry) => entry.msg === "identity API listening")?.pid;
      const groupId = running.child.pid!;
      expect(await processGroupMembers(groupId)).toContain(serverProcess);

      process.kill(running.child.pid!, "SIGTERM");
      expect(await running.exited).toBe(0);
      // Its last lines may still be on their way through the pipe.
      await Promise.race([running.logged("stopped"), delay(5_000)]);
      expect(running.logLines.map((entry) => entry.msg)).toEqual(
        expect.arrayContaining(["shutting down: finishing in-flight requests", "stopped"]),
      );
      // tsx's esbuild service ends once its stdin closes, a moment after the server.
      for (let attempt = 0; attempt < 50 && (await processGroupMembers(groupId)).length > 0; attempt++) await delay(100);
      expect(await processGroupMembers(groupId)).toEqual([]);
      await expect(post(new Agent(), running.port, { query: "{ __typename }" })).rejects.toMatchObject({ code: "ECONNREFUSED" });
    } finally {
      killProcessGroup(running.child);
    }
  }

  it("`npm start`: the server stops gracefully and nothing it started is left", () => expectGracefulStop(["start"], root), 120_000);

  it("`npm run start:production`: the server stops gracefully and nothing it started is left", async () => {
    const directory = await compiledCopy();
    try {
      await expectGracefulStop(["run", "start:production"], directory);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("closing", () => {
  it("does not wait for clients still sending a request: their headers or body trickling in", async () => {
    const target = await startTestServer();
    const { port } = new URL(target.url);
    const open = async (text: string) => {
      const socket = connect(Number(port), "127.0.0.1");
      socket.on("error", () => {});
      await once(socket, "connect");
      socket.write(text);
      return socket;
    };
    const sockets = [
      await open("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n"),
      await open('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":'),
    ];
    const closedByServer = sockets.map((socket) => once(socket, "close"));
    try {
      // Node would wait for them up to its header and request timeouts: 1 and 5 minutes.
      await target.close();
      await Promise.all(closedByServer);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }, 30_000);
});

describe("a start that fails", () => {
  const openSockets = () => process.getActiveResourcesInfo().filter((resource) => resource === "TCPSocketWrap").length;

  it("leaves no Redis connection behind (the port is taken)", async () => {
    const before = openSockets();
    const config = loadConfig({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: new URL(databaseOwner.url).port,
      LOG_LEVEL: "silent",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    await expect(startServer(config, databaseOwner.database, createLogger("silent"))).rejects.toMatchObject({ code: "EADDRINUSE" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(openSockets()).toBeLessThanOrEqual(before);
  });
});
