import type { Database } from "../../src/db/client.ts";

/**
 * Resolves once a statement of `database`'s PostgreSQL database waits for a lock that another
 * transaction of the test holds: the moment to let that transaction commit. PostgreSQL only.
 */
export async function untilAStatementWaitsForALock(database: Database): Promise<void> {
  await untilStatementsWaitForALock(database, 1);
}

/** `untilAStatementWaitsForALock`, once `statements` statements wait (writes queued behind one lock). */
export async function untilStatementsWaitForALock(database: Database, statements: number): Promise<void> {
  // A loaded CI machine can take seconds to bring a request to its lock; the first one queued is
  // canceled by the server's 10 s query timeout, so the wait ends before it.
  const deadline = Date.now() + 8_000;
  while (Date.now() < deadline) {
    const waiting = await database.statements.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      [],
    );
    if (waiting[0]!.count >= statements) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${statements} statements waited for a lock within 8 seconds`);
}

/**
 * Runs `sql` (a `SELECT … FOR UPDATE`, say) in a transaction on a connection of the test's own and
 * keeps its locks until `release` is called; `locked` settles once `sql` has run (or failed), `held`
 * once that transaction has committed.
 */
export function holdRows(database: Database, sql: string, parameters: unknown[]): { release: () => void; locked: Promise<void>; held: Promise<void> } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let ran!: () => void;
  const locked = new Promise<void>((resolve) => (ran = resolve));
  const held = database.withConnection(async (connection) => {
    await connection.query("BEGIN");
    await connection.query(sql, parameters);
    ran();
    await released;
    await connection.query("COMMIT");
  });
  return { release, locked: Promise.race([locked, held]), held };
}

/**
 * Runs `sql` in a transaction of the test's own, then starts `requests` one at a time, each once
 * the ones before it wait for a lock, and commits that transaction: the requests take the rows
 * they wait for in the order given. PostgreSQL only.
 */
export async function queuedBehind<Answers extends unknown[]>(
  database: Database,
  sql: string,
  parameters: unknown[],
  requests: { [Index in keyof Answers]: () => Promise<Answers[Index]> },
): Promise<Answers> {
  const { release, locked, held } = holdRows(database, sql, parameters);
  const answers: Promise<unknown>[] = [];
  try {
    await locked;
    for (const request of requests) {
      answers.push(request());
      await untilStatementsWaitForALock(database, answers.length);
    }
  } finally {
    release();
    await held;
  }
  return Promise.all(answers) as Promise<Answers>;
}
