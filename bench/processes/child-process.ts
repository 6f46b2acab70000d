import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The repository's root: children run from there, as `npm start` does. */
export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface NodeProcessOptions {
  /** Added to this process's environment. */
  environment: Record<string, string>;
  /** Node options placed before the script, e.g. `--cpu-prof`. */
  nodeArguments?: string[];
  /** "pipe": stdout is read by the caller (a worker's JSON answer); otherwise it is shown. */
  stdout?: "pipe" | "inherit";
}

/**
 * Runs a script with node itself (a TypeScript file through `--import tsx`), so the child's pid is
 * the program's own.
 */
export function startNodeProcess(scriptPath: string, options: NodeProcessOptions): ChildProcess {
  const loader = scriptPath.endsWith(".ts") ? ["--import", "tsx"] : [];
  return spawn(process.execPath, [...(options.nodeArguments ?? []), ...loader, scriptPath], {
    cwd: repositoryRoot,
    env: { ...process.env, ...options.environment },
    stdio: ["ignore", options.stdout ?? "inherit", "inherit"],
  });
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  server.close();
  await once(server, "close");
  return address.port;
}

/** Polls `url` until it answers 200; fails when `child` exits first or after `timeoutMilliseconds`. */
export async function waitUntilReady(url: string, child: ChildProcess, timeoutMilliseconds = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} was not ready within ${timeoutMilliseconds} ms`);
}

/** SIGTERM (graceful: the server finishes requests and writes its CPU profile), SIGKILL after a grace period. */
export async function stopProcess(child: ChildProcess, graceMilliseconds = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMilliseconds);
  await exited;
  clearTimeout(timer);
}

/** Everything `child` writes to stdout, once it has exited successfully. */
export async function outputOf(child: ChildProcess): Promise<string> {
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  // "close", not "exit": the output may still be in flight when the process has exited.
  const [code] = (await once(child, "close")) as [number | null];
  if (code !== 0) throw new Error(`child process exited with code ${code}`);
  return output;
}
