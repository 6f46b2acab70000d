import { limitRequestEnvironment, type LimitRequest, type LimitResult } from "../../limits/limit-protocol.ts";
import { outputOf, startNodeProcess } from "../../processes/child-process.ts";

/**
 * Better Auth's default password hashing, from its source (@better-auth/utils, password.node.ts,
 * which better-auth/crypto's `hashPassword` is): node:crypto scrypt with N=16384, r=16, p=1, a
 * 64-byte key and a 16-byte random salt; 128·N·r = 32 MiB of memory per hash.
 */
export const betterAuthScrypt = "scrypt N=16384, r=16, p=1, 64-byte key";

/**
 * Raw throughput of Better Auth's own `hashPassword`, in a separate process whose thread pool is
 * sized by our rule (src/thread-pool.ts), as the peer's and our server's are.
 */
export async function measureScryptLimit(request: LimitRequest): Promise<LimitResult> {
  const worker = startNodeProcess("bench/peers/better-auth/scrypt-limit-worker.ts", {
    environment: limitRequestEnvironment(request),
    stdout: "pipe",
  });
  const output = await outputOf(worker);
  return JSON.parse(output.trim().split("\n").at(-1)!) as LimitResult;
}
