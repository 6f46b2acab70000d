import { QueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";

// Prisma's TypeScript engine compiles every query to a plan in WebAssembly, again for each call:
// ~0.7 ms of CPU for a user with three relations, more than the rest of a lookup by email together
// (profiled under `npm run bench`). Calls differ mostly in their string values (an email, an id, a
// cursor), so plans are cached by the query's shape: the query with each string value replaced by
// a numbered placeholder string is compiled once, and later calls of that shape get that plan with
// their own values put where the placeholders are. Only the objects and arrays on the way to a
// value are copied; the rest is the cached plan itself, frozen, shared by every call. Prisma keeps
// the plans of its last 100 debug calls (even with DEBUG unset), so a full copy per call lived
// long enough to be promoted by the garbage collector: 3-5 ms scavenges under load (README
// *Performance*).
//
// A shape is cached only when its plan passes every value through untouched, as a bound parameter
// of a SQL statement: each placeholder must come back at least once, as a whole string, inside a
// statement's `args`. A value the compiler checks, transforms or writes into the SQL text
// (an enum, a `contains` pattern, a JSON path) fails that test or fails to compile; such shapes
// are compiled as before, call by call. Numbers, booleans, the types of typed values (dates, JSON)
// and the strings that choose what a query does rather than what it looks for (sort orders, the
// mode of a comparison) stay part of the shape.

type CompilerPrototype = QueryCompiler & { [patched]?: true };

const patched = Symbol("query plan cache");
const maximumShapes = 2000;
// A cached plan holds a copy of each of its values' places, so lists make plans as long as they
// are, and each length is a shape of its own: clients that can choose a list's length (cookies
// sent, identifiers given) must not fill memory with them. ~0.5 KB each: at most ~10 MB in all.
const maximumCachedValues = 20_000;
const structuralKeys = new Set(["orderBy", "mode", "distinct", "relationLoadStrategy"]);
// A value's placeholder is "\0plan-cache-value:<index>\0": NUL never reaches a query as a value
// (PostgreSQL's text refuses it), so no real value looks like one.
const placeholderMarker = "\u0000plan-cache-value:";
const placeholder = (index: number) => `${placeholderMarker}${index}\u0000`;
const wholePlaceholder = /^\u0000plan-cache-value:(\d+)\u0000$/;

/** A cached plan with a call's values in it. */
type BindValues = (values: string[]) => unknown;
type CachedPlan = { bind: BindValues } | { uncacheable: true };

/** The shapes of one compiler, oldest first, within both limits. */
export class ShapeCache {
  private readonly plans = new Map<string, { plan: CachedPlan; valueCount: number }>();
  private valueCount = 0;

  get(shape: string): CachedPlan | undefined {
    return this.plans.get(shape)?.plan;
  }

  set(shape: string, plan: CachedPlan, valueCount: number): void {
    if (valueCount > maximumCachedValues) return;
    while (this.plans.size >= maximumShapes || this.valueCount + valueCount > maximumCachedValues) {
      const [oldestShape, oldest] = this.plans.entries().next().value!;
      this.plans.delete(oldestShape);
      this.valueCount -= oldest.valueCount;
    }
    this.plans.set(shape, { plan, valueCount });
    this.valueCount += valueCount;
  }
}

/** Installs the cache on Prisma's query compiler (once per process; every client shares it). */
export function cacheQueryPlans(): void {
  const prototype: CompilerPrototype = QueryCompiler.prototype;
  if (prototype[patched]) return;
  const compile = prototype.compile;
  const cachesByCompiler = new WeakMap<QueryCompiler, ShapeCache>();
  prototype.compile = function compileWithCache(this: QueryCompiler, request: string): unknown {
    let cache = cachesByCompiler.get(this);
    if (!cache) cachesByCompiler.set(this, (cache = new ShapeCache()));
    const values: string[] = [];
    const shape = JSON.stringify(withPlaceholders(JSON.parse(request), values));
    let cached = cache.get(shape);
    if (!cached) {
      cached = templateOf(() => compile.call(this, shape), values.length);
      cache.set(shape, cached, values.length);
    }
    if ("uncacheable" in cached) return compile.call(this, request);
    return cached.bind(values);
  };
  prototype[patched] = true;
}

/**
 * The request with each string value under `arguments` replaced by a placeholder; `values` collects
 * them. `node` is a fresh parse of the request, changed in place: one walk, nothing copied.
 */
function withPlaceholders(node: unknown, values: string[], underArguments = false): unknown {
  if (typeof node === "string") {
    if (!underArguments) return node;
    values.push(node);
    return placeholder(values.length - 1);
  }
  if (typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) node[index] = withPlaceholders(node[index], values, underArguments);
    return node;
  }
  const record = node as Record<string, unknown>;
  // A typed value ({ $type: "DateTime", value }): its value is one, its type part of the shape.
  if ("$type" in record) {
    record.value = withPlaceholders(record.value, values, underArguments);
    return record;
  }
  for (const key in record) {
    if (!structuralKeys.has(key)) record[key] = withPlaceholders(record[key], values, underArguments || key === "arguments");
  }
  return record;
}

/** The plan of a shape, ready to take a call's values, or uncacheable (see the top of the file). */
function templateOf(compileShape: () => unknown, placeholderCount: number): CachedPlan {
  let plan: unknown;
  try {
    plan = compileShape();
  } catch {
    return { uncacheable: true };
  }
  const seen = new Set<number>();
  if (!passesValuesThrough(plan, false, seen) || seen.size !== placeholderCount) return { uncacheable: true };
  // Frozen, so that Prisma changing a plan it was given (its runtime is strict mode) would throw
  // rather than leak one call's values into the next.
  const frozen = deepFreeze(plan);
  return { bind: binderOf(frozen) ?? (() => frozen) };
}

/** Copies `node` with each placeholder replaced by its value; undefined when it holds none (shared as is). */
function binderOf(node: unknown): BindValues | undefined {
  if (typeof node === "string") {
    const whole = wholePlaceholder.exec(node);
    if (!whole) return undefined;
    const index = Number(whole[1]);
    return (values) => values[index];
  }
  if (typeof node !== "object" || node === null) return undefined;
  if (Array.isArray(node)) {
    const items = node.map(binderOf);
    if (items.every((item) => item === undefined)) return undefined;
    return (values) => node.map((item: unknown, index) => items[index]?.(values) ?? item);
  }
  const fields = Object.entries(node).flatMap(([key, value]) => {
    const bind = binderOf(value);
    return bind ? [{ key, bind }] : [];
  });
  if (fields.length === 0) return undefined;
  return (values) => {
    const copy: Record<string, unknown> = { ...node };
    for (const { key, bind } of fields) copy[key] = bind(values);
    return copy;
  };
}

function deepFreeze<T>(node: T): T {
  if (typeof node === "object" && node !== null && !Object.isFrozen(node)) {
    Object.freeze(node);
    for (const value of Object.values(node)) deepFreeze(value);
  }
  return node;
}

function passesValuesThrough(node: unknown, underArgs: boolean, seen: Set<number>): boolean {
  if (typeof node === "string") {
    if (!node.includes(placeholderMarker)) return true;
    const whole = wholePlaceholder.exec(node);
    if (!whole || !underArgs) return false;
    seen.add(Number(whole[1]));
    return true;
  }
  if (Array.isArray(node)) return node.every((item) => passesValuesThrough(item, underArgs, seen));
  if (typeof node !== "object" || node === null) return true;
  return Object.entries(node).every(([key, value]) => passesValuesThrough(value, underArgs || key === "args", seen));
}
