// Ids are UUIDs (v7). Anything else names no row; checking first spares the database a cast error
// that would otherwise surface as a server fault.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `value` as the database gives UUIDs back (lower case), or undefined when it is no UUID: an id in
 * capitals names the same row, and must be answered and compared in the stored form.
 */
export function canonicalUuid(value: string): string | undefined {
  return uuidPattern.test(value) ? value.toLowerCase() : undefined;
}
