import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freePort, repositoryRoot, startNodeProcess, stopProcess, waitUntilReady } from "./child-process.ts";

export interface RunningIdentityServer {
  graphqlUrl: string;
  adminApiKey: string;
  processId: number;
  /** Graceful stop: in-flight requests finish and a CPU profile, if asked for, is written. */
  stop(): Promise<void>;
}

/**
 * As the Dockerfile sets it: one malloc arena, in which argon2's 19 MiB blocks stay after each hash
 * to be used by the next (README *Performance*, *Memory*). The bare baselines run with them too.
 */
export const productionMallocTunables = "glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864";

/** Where `BENCH_CPU_PROFILE=1` has the server write its `.cpuprofile` files (gitignored). */
export const cpuProfileDirectory = "bench/results/profiles";

/** Compiles the server to `dist/` as `npm run build` does: what production runs (README *Operations*). */
export function buildIdentityServer(): void {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repositoryRoot, stdio: "inherit" });
}

/**
 * Starts the real server as production runs it (`npm run start:production` after
 * `buildIdentityServer`, with the Dockerfile's malloc tunables), as a child process of its own so
 * that its memory can be read, with rate limits off (a load test would trip them at once).
 */
export async function startIdentityServer(options: { databaseUrl: string; cpuProfile: boolean }): Promise<RunningIdentityServer> {
  const port = await freePort();
  const adminApiKey = randomBytes(32).toString("hex");
  const child = startNodeProcess("dist/main.js", {
    environment: {
      GLIBC_TUNABLES: productionMallocTunables,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      SECRET_KEY: randomBytes(32).toString("hex"),
      ADMIN_API_KEYS: adminApiKey,
      RATE_LIMITS: "off",
      LOG_LEVEL: "warn",
    },
    nodeArguments: [
      ...(options.cpuProfile ? ["--cpu-prof", "--cpu-prof-dir", cpuProfileDirectory] : []),
      ...(process.env.BENCH_NODE_ARGUMENTS?.split(" ").filter((argument) => argument !== "") ?? []),
    ],
  });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${origin}/ready`, child);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    graphqlUrl: `${origin}/graphql`,
    adminApiKey,
    processId: child.pid!,
    stop: () => stopProcess(child),
  };
}
