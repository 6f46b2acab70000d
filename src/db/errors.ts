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
