import { availableParallelism } from "node:os";

// Password hashing and verification run on libuv's thread pool, which has at least 4 threads
// (src/thread-pool.ts) so that file and DNS work never waits behind hashes. More hashes at once
// than there are cores only time-slice the same CPUs, while each holds its memory (argon2id at
// OWASP settings: 19 MiB; Werkzeug scrypt: 32 MiB): on a 2-core host, 4 concurrent argon2id
// hashes cost 76 MiB of RSS for no more throughput. So one runs per core; the rest wait here.
const slots = availableParallelism();
let running = 0;
const waiting: Array<() => void> = [];

/** Runs `work` (one hash or verification) when a core is free for it. */
export async function withPasswordWorkSlot<Result>(work: () => Promise<Result>): Promise<Result> {
  if (running < slots) {
    running += 1;
  } else {
    // The finishing holder hands its slot over directly, so `running` stays as it is.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
