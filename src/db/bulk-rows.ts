// New users (one from a sign-up, a thousand from an import) are written in one statement whose rows
// travel as JSON parameters, one per table, run by the driver itself rather than through Prisma:
// Prisma's `createMany` compiles and binds every value (measured on PostgreSQL: 1000 users in
// 1.5 s, against 0.1 s for one JSON statement), a nested create is a transaction of one statement
// per table, and even a raw query through Prisma copies its parameters through the query
// compiler's WebAssembly (a 160 KB parameter: 7.5 ms of CPU through Prisma, 0.4 ms through the
// driver).

export interface Statement {
  sql: string;
  parameters: unknown[];
}

/** Statements run by the driver: on any of its connections, or inside a `DriverStatements.transaction`. */
export interface DriverQueries {
  query<Row>(sql: string, parameters: unknown[]): Promise<Row[]>;
}

/** The driver behind the PrismaClient, for the statements above (`Database.statements`). */
export interface DriverStatements extends DriverQueries {
  /**
   * Runs `work`'s statements in one transaction on one connection: committed when `work` resolves,
   * rolled back when it throws. For a step between statements that decides whether they take
   * effect; a single statement is atomic by itself and needs none.
   */
  transaction<Result>(work: (transaction: DriverQueries) => Promise<Result>): Promise<Result>;
}

/**
 * Runs `work`'s statements of `transaction` behind a savepoint: kept when `work` resolves, undone
 * when it throws, leaving the transaction usable (a failed statement otherwise aborts all of it).
 * What `work` threw is rethrown; a savepoint that cannot be rolled back throws that failure instead,
 * so a caller that goes on after an expected error never goes on in a broken transaction. Nested
 * calls work: each rolls back to or releases its own, the latest savepoint of the name.
 */
export async function inSavepoint<Result>(transaction: DriverQueries, work: () => Promise<Result>): Promise<Result> {
  await transaction.query("SAVEPOINT statements", []);
  let result: Result;
  try {
    result = await work();
  } catch (error) {
    await transaction.query("ROLLBACK TO SAVEPOINT statements", []);
    throw error;
  }
  // Released, or each savepoint would nest inside the one before: a thousand deep for a batch
  // written row by row.
  await transaction.query("RELEASE SAVEPOINT statements", []);
  return result;
}

/**
 * The statements that insert `rows` into `table`, one per set of columns, spreading the JSON rows
 * over the table's columns with `jsonb_populate_recordset`. A column a row leaves out gets the
 * database's default; what Prisma's client would add by itself (`@default(uuid(7))` ids,
 * `@updatedAt`) the caller must give.
 */
export function insertStatements(table: string, rows: readonly Record<string, unknown>[]): Statement[] {
  const rowsByColumns = new Map<string, Array<Record<string, unknown>>>();
  for (const row of rows) {
    // JSON leaves out undefined values: such a column takes its default, as with Prisma. Rows made
    // by the same code list their columns in the same order (another order is only one more group).
    const given: string[] = [];
    for (const column of Object.keys(row)) if (row[column] !== undefined) given.push(column);
    const columns = given.join(",");
    const group = rowsByColumns.get(columns);
    if (group) group.push(row);
    else rowsByColumns.set(columns, [row]);
  }
  return [...rowsByColumns].map(([columns, group]) => {
    // Column names come from our code, never from input; an identifier check keeps it that way.
    if (!/^\w+(,\w+)*$/.test(columns)) throw new Error(`insertStatements: unexpected column names ${columns}`);
    const columnList = columns
      .split(",")
      .map((column) => `"${column}"`)
      .join(", ");
    return {
      sql: `INSERT INTO "${table}" (${columnList}) SELECT ${columnList} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`,
      parameters: [JSON.stringify(group)],
    };
  });
}

/**
 * Inserts (from `insertStatements`, each with its rows in `$1`) as one statement of data-modifying
 * CTEs: atomic like a transaction, in one round trip. Foreign keys are checked at the end of the
 * statement, so children may reference a parent written by the same statement.
 */
export function inOneStatement(inserts: readonly Statement[]): Statement {
  if (inserts.length === 0) throw new Error("inOneStatement: no statements");
  const numbered = inserts.map((insert, index) => insert.sql.replace("$1::jsonb", `$${index + 1}::jsonb`));
  const last = numbered.pop()!;
  const withClauses = numbered.map((sql, index) => `insert${index} AS (${sql})`);
  return {
    sql: withClauses.length > 0 ? `WITH ${withClauses.join(", ")} ${last}` : last,
    parameters: inserts.map((insert) => insert.parameters[0]),
  };
}
