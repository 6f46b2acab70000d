// User ids are UUIDs (v7). Anything else names no user; checking first spares the database a
// cast error that would otherwise surface as a server fault.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `value` as the database gives ids back (lower case), or undefined when it is no user id: an id in
 * capitals names the same user, and must be answered and compared in the stored form.
 */
export function canonicalUserId(value: string): string | undefined {
  return uuidPattern.test(value) ? value.toLowerCase() : undefined;
}
