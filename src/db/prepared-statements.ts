import pg from "pg";

// PostgreSQL parses and plans an unnamed statement on every execution: for a user read with its
// relations (Prisma's relation joins), planning took 0.3 ms against 0.09 ms of execution, and the
// driver sent the 3 KB text every time. A named statement is parsed once per connection and,
// after five executions, may run a cached plan. pg keeps the names each connection has prepared;
// this client gives every parameterised statement seen twice a name, the same on every connection.

/**
 * Statements with distinct texts that get a name: each one holds its plan in every server
 * connection's memory, so a text seen only at start (or built with values in it) must not take
 * a place that a statement of every request could have.
 */
const maximumNamedStatements = 256;
/** Texts seen once, remembered until this many: enough to notice every statement the service repeats. */
const maximumTextsSeenOnce = 1024;

export class StatementNames {
  readonly #names = new Map<string, string>();
  #seenOnce = new Set<string>();

  /** The statement's name, or undefined while it is new (or the names are used up). */
  nameFor(text: string): string | undefined {
    const name = this.#names.get(text);
    if (name !== undefined || this.#names.size >= maximumNamedStatements) return name;
    if (!this.#seenOnce.delete(text)) {
      if (this.#seenOnce.size >= maximumTextsSeenOnce) this.#seenOnce = new Set();
      this.#seenOnce.add(text);
      return undefined;
    }
    const newName = `statement_${this.#names.size + 1}`;
    this.#names.set(text, newName);
    return newName;
  }
}

/**
 * A pg client class that names repeated parameterised statements, for `pg.Pool`'s `Client` option.
 * Statements without parameters stay unnamed: they go by the simple protocol, which is also how a
 * script of several statements (migrations) must be sent.
 */
export function statementPreparingClient(names: StatementNames): typeof pg.Client {
  return class StatementPreparingClient extends pg.Client {
    // pg's overloads (text or config, values or callback) pass through unchanged; only a query
    // config or text with parameters and without a name of its own gets one.
    override query(...argumentsOfQuery: unknown[]): any {
      argumentsOfQuery[0] = namedWhenRepeated(names, argumentsOfQuery[0], argumentsOfQuery[1]);
      return (super.query as (...queryArguments: unknown[]) => unknown).apply(this, argumentsOfQuery);
    }
  };
}

function namedWhenRepeated(names: StatementNames, textOrConfig: unknown, secondArgument: unknown): unknown {
  const config = typeof textOrConfig === "string" ? { text: textOrConfig } : textOrConfig;
  if (!isUnnamedQueryConfig(config) || !hasParameters(config.values ?? secondArgument)) return textOrConfig;
  const name = names.nameFor(config.text);
  return name === undefined ? textOrConfig : { ...config, name };
}

function hasParameters(values: unknown): boolean {
  return Array.isArray(values) && values.length > 0;
}

function isUnnamedQueryConfig(value: unknown): value is { text: string; name?: undefined; values?: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { text?: unknown }).text === "string" &&
    (value as { name?: unknown }).name === undefined &&
    // A Query or Cursor object (submittable) is sent as it is.
    typeof (value as { submit?: unknown }).submit !== "function"
  );
}
