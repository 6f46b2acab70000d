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
  for (let attempt = 0; attempt < 200; attempt++) {
    const waiting = await database.statements.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      [],
    );
    if (waiting[0]!.count >= statements) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${statements} statements waited for a lock within 5 seconds`);
}

/**
 * Runs `sql` (a `SELECT … FOR UPDATE`, say) in a transaction on a connection of the test's own and
 * keeps its locks until `release` is called; `held` settles once that transaction has committed.
 */
export function holdRows(database: Database, sql: string, parameters: unknown[]): { release: () => void; held: Promise<void> } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = database.withConnection(async (connection) => {
    await connection.query("BEGIN");
    await connection.query(sql, parameters);
    await released;
    await connection.query("COMMIT");
  });
  return { release, held };
}
