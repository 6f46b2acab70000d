import { describe, expect, it } from "vitest";
import { uuidV7 } from "../src/domain/users/uuid-v7.ts";

// Ids of rows our own statements write (src/domain/users/uuid-v7.ts): RFC 9562 version 7, in the
// order they were made.
const millisecondsOf = (id: string) => parseInt(id.replaceAll("-", "").slice(0, 12), 16);

describe("uuidV7", () => {
  it("has version 7, the RFC variant and the given time in its first 48 bits", () => {
    const now = Date.now() + 60_000;
    const id = uuidV7(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(millisecondsOf(id)).toBe(now);
  });

  it("never repeats, and each id sorts after the one before, within one millisecond too", () => {
    const now = Date.now() + 120_000;
    // More than the 12-bit counter holds: the ids borrow the next milliseconds.
    const ids = Array.from({ length: 20_000 }, () => uuidV7(now));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, index) => index === 0 || id > ids[index - 1]!)).toBe(true);
    expect(millisecondsOf(ids[0]!)).toBe(now);
    expect(millisecondsOf(ids.at(-1)!) - now).toBeLessThan(10);
    const later = uuidV7(now + 1_000);
    expect(later > ids.at(-1)!).toBe(true);
    expect(millisecondsOf(later)).toBe(now + 1_000);
  });

  it("keeps going up when the clock steps back", () => {
    const now = Date.now() + 180_000;
    const first = uuidV7(now);
    const second = uuidV7(now - 5_000);
    expect(second > first).toBe(true);
    expect(millisecondsOf(second)).toBe(now);
  });
});
