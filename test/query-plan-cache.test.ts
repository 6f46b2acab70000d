import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ShapeCache } from "../src/db/query-plan-cache.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { uniqueEmail, uniqueTag, uniqueUsername } from "./helpers/unique-values.ts";

// Prisma's query plans are cached by shape, with each call's string values put into a copy of the
// plan (src/db/query-plan-cache.ts). Every call of a shape must still get its own values, whatever
// they hold, and shapes whose values the compiler does more with than bind must still work.

describe("query plans cached by shape", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const userSelection = {
    id: true,
    username: true,
    emailAddresses: { select: { email: true }, where: { primary: true }, orderBy: { id: "asc" as const } },
  };

  it("gives each call of one shape its own values, however they are written", async () => {
    const awkwardNames = ['quote"d', "back\\slash", "dollar$1", "ünïcödé", "percent%_", "placeholder\\u0000plan-cache-value:0\\u0000"];
    const users = [];
    for (const name of awkwardNames) {
      const username = uniqueUsername("plan");
      const email = uniqueEmail("plan");
      const created = await server.createUser({ username, emailAddress: [email], firstName: name, skipPasswordRequirement: true });
      users.push({ id: created.id, username, email, name });
    }
    // Twice over, so that the second round runs only on cached plans.
    for (let round = 0; round < 2; round++) {
      for (const user of users) {
        const byEmail = await server.database.prisma.user.findMany({
          select: { ...userSelection, firstName: true },
          where: { emailAddresses: { some: { emailNormalized: user.email } } },
        });
        expect(byEmail).toEqual([{ id: user.id, username: user.username, firstName: user.name, emailAddresses: [{ email: user.email }] }]);
        const byName = await server.database.prisma.user.findFirst({ select: { id: true }, where: { firstName: user.name, username: user.username } });
        expect(byName?.id).toBe(user.id);
      }
    }
  });

  it("keeps lists of values apart by their length and order", async () => {
    const usernames = [uniqueUsername("list"), uniqueUsername("list"), uniqueUsername("list")];
    for (const username of usernames) await server.createUser({ username, emailAddress: [uniqueEmail("list")], skipPasswordRequirement: true });
    const find = (names: string[]) =>
      server.database.prisma.user.findMany({ select: { username: true }, where: { username: { in: names } }, orderBy: { username: "asc" } });
    expect((await find(usernames.slice(0, 1))).map((user) => user.username)).toEqual(usernames.slice(0, 1));
    expect((await find(usernames)).map((user) => user.username)).toEqual([...usernames].sort());
    expect((await find([usernames[2]!, "nobody"])).map((user) => user.username)).toEqual([usernames[2]]);
  });

  it("still answers shapes whose values the compiler rewrites or checks: contains, insensitive mode, enums", async () => {
    const tag = uniqueTag("search");
    const other = uniqueTag("search");
    await server.createUser({ emailAddress: [uniqueEmail("contains")], firstName: `A${tag}B`, skipPasswordRequirement: true });
    await server.createUser({
      emailAddress: [uniqueEmail("contains")],
      firstName: `C${other}D`,
      skipPasswordRequirement: true,
      identities: [{ connection: "google-oauth2", provider: "GOOGLE", type: "SOCIAL", id: tag, details: {} }],
    });
    const containing = (fragment: string) =>
      server.database.prisma.user.findMany({ select: { firstName: true }, where: { firstName: { contains: fragment, mode: "insensitive" } } });
    expect(await containing(tag.toUpperCase())).toEqual([{ firstName: `A${tag}B` }]);
    expect(await containing(other)).toEqual([{ firstName: `C${other}D` }]);
    const withProvider = (provider: "GOOGLE" | "GITHUB") =>
      server.database.prisma.identity.count({ where: { provider, providerUserId: tag } });
    expect(await withProvider("GOOGLE")).toBe(1);
    expect(await withProvider("GITHUB")).toBe(0);
  });
});

describe("the shapes kept", () => {
  const plan = { bind: () => ({}) };

  it("keeps within a budget of values, dropping the oldest shapes, so that clients choosing lists' lengths cannot fill memory", () => {
    const cache = new ShapeCache();
    // One shape per length of a list, as 1,500 sign-outs each sending one more cookie made.
    for (let length = 1; length <= 1500; length++) cache.set(`list of ${length}`, plan, length);
    expect(cache.get("list of 1500")).toBe(plan);
    expect(cache.get("list of 1488")).toBe(plan);
    // 1,487 to 1,500 hold 20,909 values: more than the 20,000 kept.
    expect(cache.get("list of 1487")).toBeUndefined();
    expect(cache.get("list of 1")).toBeUndefined();
  });

  it("never keeps a shape larger than the whole budget, nor more than 2,000 shapes", () => {
    const cache = new ShapeCache();
    cache.set("small", plan, 1);
    cache.set("huge", plan, 20_001);
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.get("small")).toBe(plan);
    for (let index = 0; index < 2000; index++) cache.set(`shape ${index}`, plan, 0);
    expect(cache.get("small")).toBeUndefined();
    expect(cache.get("shape 0")).toBe(plan);
  });
});
