import pg from "pg";

type PoolRelease = (error?: Error | boolean) => void;

/**
 * A pg client class, for `pg.Pool`'s `Client` option, that goes back to its pool by itself when its
 * connection ends while a caller holds it (the database went away, or `stalled-connections.ts`
 * closed it), so the pool drops it and opens another in its place.
 *
 * Prisma's adapter needs this: its transaction manager releases a transaction's client only after
 * the COMMIT or ROLLBACK statement succeeded, and on a lost connection neither can. Without it, each
 * connection lost inside an interactive transaction would keep one of the pool's places taken until
 * the process ends, and `pool.end()` would wait for it forever.
 *
 * The pool gives every checkout its own `release` (which throws when called twice); the client
 * keeps it, and a holder that releases after the client went back by itself is ignored.
 */
export function releasedWhenLost(Client: typeof pg.Client): typeof pg.Client {
  return class ReleasedWhenLostClient extends Client {
    #releaseToPool: PoolRelease | undefined;

    constructor(...clientArguments: ConstructorParameters<typeof pg.Client>) {
      super(...clientArguments);
      this.once("end", () => this.release(new Error("Connection terminated while checked out of the pool")));
    }

    // Assigned by the pool at each checkout.
    set release(releaseToPool: PoolRelease) {
      this.#releaseToPool = releaseToPool;
    }

    get release(): PoolRelease {
      return this.#release;
    }

    readonly #release: PoolRelease = (error) => {
      const releaseToPool = this.#releaseToPool;
      this.#releaseToPool = undefined;
      releaseToPool?.(error);
    };
  };
}
