import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort, repositoryRoot, startNodeProcess, stopProcess, waitUntilReady } from "../../processes/child-process.ts";

export interface RunningBetterAuth {
  /** e.g. http://127.0.0.1:41234: Better Auth answers under /api/auth. */
  origin: string;
  processId: number;
  stop(): Promise<void>;
}

const peerDirectory = "bench/peers/better-auth";

/**
 * Generates the peer's Prisma client (gitignored, so every run makes it; offline, ~2 s). DATABASE_URL
 * is left out so the root prisma.config.ts takes its placeholder and in-memory adapter: `generate`
 * needs no database, and must not open the one a caller pointed DATABASE_URL at.
 */
async function generatePrismaClient(): Promise<void> {
  try {
    await promisify(execFile)(join(repositoryRoot, "node_modules/.bin/prisma"), ["generate", "--schema", `${peerDirectory}/schema.prisma`], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: undefined },
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`prisma generate for the Better Auth peer failed: ${stderr || String(error)}`);
  }
}

/**
 * Starts Better Auth (server.ts) on `databaseUrl` as a child process, in production mode like our
 * server, and waits until it answers.
 */
export async function startBetterAuth(databaseUrl: string): Promise<RunningBetterAuth> {
  await generatePrismaClient();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = startNodeProcess(`${peerDirectory}/server.ts`, {
    environment: {
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
      BETTER_AUTH_URL: origin,
    },
  });
  try {
    await waitUntilReady(`${origin}/api/auth/ok`, child);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { origin, processId: child.pid!, stop: () => stopProcess(child) };
}
