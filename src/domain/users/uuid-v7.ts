import { randomUUID } from "node:crypto";

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, then 74 random bits. The same kind
 * of id Prisma's `uuid(7)` default makes, for rows written by our own statements, where the id must
 * be known beforehand. The random bits are those of a UUIDv4, whose variant bits are v7's too:
 * `randomUUID` draws its randomness in batches, ten times faster than `randomBytes` per id, which
 * counted when an import makes several ids per user.
 */
export function uuidV7(now = Date.now()): string {
  const time = now.toString(16).padStart(12, "0");
  // randomUUID: xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; from index 15 on it is random but for V's variant bits.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
