import { describe, expect, it } from "vitest";
import { uuidV7 } from "../src/domain/users/uuid-v7.ts";

// Ids of rows our own statements write (src/domain/users/uuid-v7.ts): RFC 9562 version 7.
describe("uuidV7", () => {
  it("has version 7, the RFC variant and the given time in its first 48 bits", () => {
    const now = Date.UTC(2026, 11, 1, 10, 30);
    const id = uuidV7(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toBe(now);
  });

  it("never repeats, and sorts by time", () => {
    const ids = Array.from({ length: 20_000 }, () => uuidV7(1_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect(uuidV7(1_001) > uuidV7(1_000)).toBe(true);
    expect(uuidV7(0x0100_0000_0000) > uuidV7(0x00ff_ffff_ffff)).toBe(true);
  });
});
