import { randomInt, randomUUID } from "node:crypto";

// RFC 9562 section 6.2, method 1: the 12 bits after the version are a counter within the
// millisecond, so that ids made in one millisecond (an import makes a thousand users in a few) sort
// in the order they were made, and lists ordered by id show a batch in its input order. It starts at
// a random value below 2^11 each millisecond, leaving room to count; when it runs out, the next
// millisecond is borrowed. A clock that steps back keeps the last time, so ids never go backwards.
const counterLimit = 0x1000;
let lastMilliseconds = -1;
let counter = 0;

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, a 12-bit counter, then 62 random
 * bits; each id is greater than the one made before it in this process. The same kind of id
 * Prisma's `uuid(7)` default makes, for rows written by our own statements, where the id must be
 * known beforehand. The random bits are those of a UUIDv4, whose variant bits are v7's too:
 * `randomUUID` draws its randomness in batches, ten times faster than `randomBytes` per id, which
 * counted when an import makes several ids per user.
 */
export function uuidV7(now = Date.now()): string {
  if (now > lastMilliseconds) {
    lastMilliseconds = now;
    counter = randomInt(counterLimit / 2);
  } else if (++counter === counterLimit) {
    lastMilliseconds++;
    counter = 0;
  }
  const time = lastMilliseconds.toString(16).padStart(12, "0");
  // randomUUID: xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; from index 18 on it is random but for V's variant bits.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${counter.toString(16).padStart(3, "0")}${randomUUID().slice(18)}`;
}
