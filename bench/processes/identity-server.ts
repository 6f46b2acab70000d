import { randomBytes } from "node:crypto";
import { freePort, startTypeScriptProcess, stopProcess, waitUntilReady } from "./child-process.ts";

export interface RunningIdentityServer {
  graphqlUrl: string;
  adminApiKey: string;
  processId: number;
  /** Graceful stop: in-flight requests finish and a CPU profile, if asked for, is written. */
  stop(): Promise<void>;
}

/** Where `BENCH_CPU_PROFILE=1` has the server write its `.cpuprofile` files (gitignored). */
export const cpuProfileDirectory = "bench/results/profiles";

/**
 * Starts the real server as `npm start` would, as a child process of its own so that its memory
 * can be read, in production mode with rate limits off (a load test would trip them at once).
 */
export async function startIdentityServer(options: { databaseUrl: string; cpuProfile: boolean }): Promise<RunningIdentityServer> {
  const port = await freePort();
  const adminApiKey = randomBytes(32).toString("hex");
  const child = startTypeScriptProcess("src/main.ts", {
    environment: {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      SECRET_KEY: randomBytes(32).toString("hex"),
      ADMIN_API_KEYS: adminApiKey,
      RATE_LIMITS: "off",
      LOG_LEVEL: "warn",
    },
    nodeArguments: options.cpuProfile ? ["--cpu-prof", "--cpu-prof-dir", cpuProfileDirectory] : [],
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
