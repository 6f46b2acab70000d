import { availableParallelism } from "node:os";

// Password hashing and verification run on libuv's thread pool, one thread per core
// (src/thread-pool.ts). More hashes at once than there are cores only time-slice the same CPUs,
// while each holds its memory (argon2id at OWASP settings: 19 MiB; Werkzeug scrypt: 32 MiB). So one
// runs per core and the rest wait here, in order, so that the pool's other work (a DNS lookup for
// mail) never queues behind them.
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
