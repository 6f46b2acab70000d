// User ids are UUIDs (v7). Anything else names no user; checking first spares the database a
// cast error that would otherwise surface as a server fault.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUserId(value: string): boolean {
  return uuidPattern.test(value);
}
