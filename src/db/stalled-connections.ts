import type { Socket } from "node:net";
import type pg from "pg";

/**
 * DATABASE_QUERY_TIMEOUT_MS's default. Far above this service's slowest statements (a whole
 * `importUsers` call of 1000 users with digests takes about 0.6 s on PostgreSQL in the README's
 * benchmark; an interactive transaction is given twice it, see client.ts), and below the 30–60 s after which
 * load balancers and clients give up on a request themselves.
 */
export const defaultQueryTimeoutMilliseconds = 10_000;

/** What a query gets whose connection was closed because the server stopped answering it. */
export class DatabaseStalledError extends Error {
  // Node's code for a connection that timed out, which `isDatabaseUnavailable` reads: a request
  // that met it is answered SERVICE_UNAVAILABLE.
  readonly code = "ETIMEDOUT";

  constructor(timeoutMilliseconds: number) {
    super(`The database sent nothing for ${timeoutMilliseconds} ms while a query waited for its answer (DATABASE_QUERY_TIMEOUT_MS): the connection was closed.`);
  }
}

export interface StalledConnections {
  /** Runs `work` on a checked-out client whose queries may wait for the server as long as they take. */
  withoutTimeout<Result>(client: pg.PoolClient, work: () => Promise<Result>): Promise<Result>;
}

/**
 * Closes a connection of `pool` on which a query has waited `timeoutMilliseconds` without a byte
 * from the server: a server that hangs, or a network that drops packets, otherwise keeps the query
 * (and the request, and the pool connection) waiting until TCP gives up, for many minutes.
 *
 * pg's own `query_timeout` fails the query but leaves the connection waiting for the answer, and
 * whoever holds it may hand it back to the pool as it is: Prisma's adapter ends an interactive
 * transaction with a plain `release()`, so the next request would queue behind the lost answer.
 * Closing the socket fails the query and every one queued behind it, and pg marks the client
 * broken, so the pool drops it on release whoever releases it.
 *
 * The clock is the socket's own idle timer, which Node rearms on every read and write: no timer is
 * set per query, and a long answer that keeps arriving is never cut. It also runs out on a
 * connection that simply sits idle (in the pool, or between a transaction's statements), which is
 * no stall: there pg is ready for the next query, and nothing is done.
 */
export function closeStalledConnections(pool: pg.Pool, timeoutMilliseconds: number): StalledConnections {
  const unbounded = new WeakSet<pg.PoolClient>();
  pool.on("connect", (client) => {
    // Without a `stream` option pg connects a net.Socket (with ssl, a tls.TLSSocket, which is one too).
    const socket = client.connection.stream as Socket;
    socket.setTimeout(timeoutMilliseconds);
    socket.on("timeout", () => {
      if (isWaitingForAnswer(client) && !unbounded.has(client)) socket.destroy(new DatabaseStalledError(timeoutMilliseconds));
    });
  });
  return {
    async withoutTimeout(client, work) {
      unbounded.add(client);
      try {
        return await work();
      } finally {
        unbounded.delete(client);
      }
    },
  };
}

// pg's client is `readyForQuery` from the server's ReadyForQuery message until it sends the next
// query: false while a query waits for its answer (pg sends one query at a time).
function isWaitingForAnswer(client: pg.PoolClient): boolean {
  return !(client as pg.PoolClient & { readyForQuery: boolean }).readyForQuery;
}
