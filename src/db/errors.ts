/**
 * True when `error` is PostgreSQL's unique violation (SQLSTATE 23505), however the adapter
 * delivered it: `@prisma/adapter-pg` maps it to Prisma's P2002, while the PGlite adapter passes a
 * `DriverAdapterError` whose cause carries the SQLSTATE.
 */
export function isUniqueViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === "object" && current !== null && !seen.has(current)) {
    seen.add(current);
    const candidate = current as { code?: unknown; kind?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (candidate.code === "P2002" || candidate.code === "23505" || candidate.kind === "UniqueConstraintViolation") return true;
    current = candidate.cause ?? candidate.meta?.driverAdapterError;
  }
  return false;
}

// Node's socket errors for a database that cannot be reached or went away.
const unreachableSocketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// Prisma's codes for the same (P1001 can't reach, P1008 timed out, P1017 connection closed,
// P2037 too many connections), and the driver adapters' names for them.
const unreachablePrismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2037"]);
const unreachableAdapterKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// SQLSTATE class 08 (connection exception), 53300 (too many connections), 57P01-57P03 (the
// server is shutting down, crashed or not accepting connections yet), 57014 (a statement canceled,
// by an operator's or a pooler's pg_cancel_backend or by a statement_timeout set on the database or
// role: this service sets no timeout of PostgreSQL's and cancels nothing, so it is the server side's
// doing, and a retry can succeed).
const unreachableSqlStates = /^(08...|53300|57P0[123]|57014)$/;
// SQLSTATE 55000 (object not in prerequisite state) at severity FATAL: "database … is not currently
// accepting connections", sent when connecting to a database being drained for maintenance (ALTER
// DATABASE … ALLOW_CONNECTIONS false). FATAL ends the session, which no statement's 55000 does:
// those come at severity ERROR (currval before nextval, an object in use) and are our own faults.
// PostgreSQL localizes the severity, so under another lc_messages this one stays a fault.
const refusedConnectionSqlState = "55000";
// Prisma's P2028 for a transaction that waited too long for a connection to start on (every one of
// the pool held by transactions waiting for the same row), or that ran past its time limit (see
// `transactionOptions` in client.ts). This service's transactions do milliseconds of work (no
// password is hashed inside one): one that runs out of time has waited for a row another writer
// holds (a burst of writes to one user, a long import), or for a database or process too busy to
// answer, and succeeds when tried again. Other P2028s (a transaction used after its commit) are bugs.
const overloadedTransactionMessage = /Unable to start a transaction in the given time|cannot be executed on an expired transaction/i;
// What `pg` and its Pool throw without a code: a socket closed mid-query, a connection attempt
// or pool checkout that timed out, a client already broken.
const unreachableMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|Client was closed|Cannot use a pool after calling end/i;

/**
 * True when `error` says the database cannot serve right now (stopped, restarting, connection
 * refused, reset or timed out, every connection held by transactions waiting their turn, or a
 * transaction out of time waiting for a row), however
 * Prisma, its driver adapter or `pg` delivered it: a passing fault to answer with
 * SERVICE_UNAVAILABLE, not a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === "object" && current !== null && !seen.has(current)) {
    seen.add(current);
    const candidate = current as {
      code?: unknown;
      kind?: unknown;
      severity?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    const code = typeof candidate.code === "string" ? candidate.code : undefined;
    if (code !== undefined && (unreachableSocketCodes.has(code) || unreachablePrismaCodes.has(code) || unreachableSqlStates.test(code))) return true;
    if (typeof candidate.kind === "string" && unreachableAdapterKinds.has(candidate.kind)) return true;
    // `pg`'s error, or the adapter's copy of it (`kind: "postgres"`), both with the severity.
    if (code === refusedConnectionSqlState && candidate.severity === "FATAL") return true;
    if (code === "P2028" && typeof candidate.message === "string" && overloadedTransactionMessage.test(candidate.message)) return true;
    // Only `pg`'s plain errors are read by their message: a scalar's TypeError, say, can quote input.
    if (Object.getPrototypeOf(candidate) === Error.prototype && typeof candidate.message === "string" && unreachableMessages.test(candidate.message)) {
      return true;
    }
    current = candidate.cause ?? candidate.meta?.driverAdapterError ?? candidate.originalError;
  }
  return false;
}

// SQLSTATE 40P01 (deadlock detected) and 40001 (serialization failure), Prisma's P2034 and the
// adapters' name for them.
const conflictingWriteCodes = new Set(["40P01", "40001", "P2034"]);

/**
 * True when PostgreSQL ended a statement or transaction to break a deadlock with another writer:
 * two writes taking the same unique index entries in opposite orders (emails [a, b] against
 * [b, a]). Nothing of it was written; run again, it succeeds or meets the winner's row as a unique
 * violation.
 */
export function isDeadlock(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === "object" && current !== null && !seen.has(current)) {
    seen.add(current);
    const candidate = current as { code?: unknown; originalCode?: unknown; kind?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (conflictingWriteCodes.has(String(candidate.code)) || conflictingWriteCodes.has(String(candidate.originalCode))) return true;
    if (candidate.kind === "TransactionWriteConflict") return true;
    current = candidate.cause ?? candidate.meta?.driverAdapterError;
  }
  return false;
}

/** Runs `write` (a statement or a transaction, all or nothing) again when a deadlock ended it. */
export async function retryingDeadlocks<Result>(write: () => Promise<Result>, attempts = 3): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
    }
  }
}
