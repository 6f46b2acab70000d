import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.ts";
import type { CreateUserInput, AdminUsersListQueryVariables } from "./generated/graphql.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { nextNumber, uniqueTag } from "./helpers/unique-values.ts";

// Admin reading of users (SPEC section 8): `user(id)` and the `users` connection with keyset
// pagination, free-text `query`, exact filters and `totalCount`. Over real HTTP against the real
// server on a fresh database.

const AdminUsersUserQuery = graphql(`
  query AdminUsersUser($id: ID!) {
    user(id: $id) { id email username externalId blocked privateMetadata loginAttempts }
  }
`);

const AdminUsersListQuery = graphql(`
  query AdminUsersList(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $query: String
    $email: String
    $phoneNumber: String
    $username: String
    $externalId: String
    $blocked: Boolean
  ) {
    users(
      first: $first
      after: $after
      last: $last
      before: $before
      query: $query
      email: $email
      phoneNumber: $phoneNumber
      username: $username
      externalId: $externalId
      blocked: $blocked
    ) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id email phoneNumber username firstName lastName externalId blocked } }
    }
  }
`);

const AdminUsersCountQuery = graphql(`
  query AdminUsersCount($first: Int, $after: String, $last: Int, $before: String, $query: String) {
    users(first: $first, after: $after, last: $last, before: $before, query: $query) { totalCount }
  }
`);

const AdminUsersSignInMutation = graphql(`
  mutation AdminUsersSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { id } }
    }
  }
`);

const AdminUsersAddressesQuery = graphql(`
  query AdminUsersAddresses($query: String) {
    users(first: 10, query: $query) {
      edges {
        node {
          id
          email
          emailVerified
          emailAddresses { email primary }
          phoneNumber
          phoneNumbers { phoneNumber primary }
        }
      }
    }
  }
`);

const AdminUsersReplaceEmailMutation = graphql(`
  mutation AdminUsersReplaceEmail($id: ID!, $emailAddress: [String!]) {
    updateUser(id: $id, input: { emailAddress: $emailAddress }) { __typename }
  }
`);

const AdminUsersImportMutation = graphql(`
  mutation AdminUsersImport($users: [CreateUserInput!]!) {
    importUsers(users: $users) { __typename }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server?.close());

/** A valid UK mobile number, +44 7911 1xxxxx, in E.164 and in another written form. */
function uniquePhone(): { e164: string; formatted: string; national: string } {
  const line = String(100000 + nextNumber());
  return { e164: `+447911${line}`, formatted: `+44 (7911) ${line.slice(0, 3)}-${line.slice(3)}`, national: `7911${line}` };
}

const password = "copper kettle forty winters";

const send: TestServer["send"] = (document, variables, options) => server.send(document, variables, options);

const createUser = (input: CreateUserInput) => server.createUser(input);

async function listUsers(variables: AdminUsersListQueryVariables) {
  const response = await send(AdminUsersListQuery, variables, { admin: true });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!.users;
}

/** The ids `users` returns for these filters (one page of up to 100), and its totalCount. */
async function idsFor(variables: AdminUsersListQueryVariables) {
  const connection = await listUsers({ first: 100, ...variables });
  expect(connection.pageInfo.hasNextPage).toBe(false);
  expect(connection.totalCount).toBe(connection.edges.length);
  return connection.edges.map((edge) => edge.node.id);
}

async function pageForwards(variables: AdminUsersListQueryVariables, size: number) {
  const pages: string[][] = [];
  const totals: number[] = [];
  let after: string | null | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const connection = await listUsers({ ...variables, first: size, after });
    pages.push(connection.edges.map((edge) => edge.node.id));
    totals.push(connection.totalCount);
    expect(connection.edges.length).toBeLessThanOrEqual(size);
    if (connection.edges.length > 0) {
      expect(connection.pageInfo.startCursor).toBe(connection.edges[0]!.cursor);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)!.cursor);
    }
    if (!connection.pageInfo.hasNextPage) return { pages, totals };
    expect(connection.edges).toHaveLength(size);
    after = connection.pageInfo.endCursor;
    expect(after).toBeTruthy();
  }
  throw new Error("paging forwards did not end");
}

async function pageBackwards(variables: AdminUsersListQueryVariables, size: number) {
  const pages: string[][] = [];
  let before: string | null | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const connection = await listUsers({ ...variables, last: size, before });
    pages.unshift(connection.edges.map((edge) => edge.node.id));
    expect(connection.edges.length).toBeLessThanOrEqual(size);
    if (!connection.pageInfo.hasPreviousPage) return pages;
    expect(connection.edges).toHaveLength(size);
    before = connection.pageInfo.startCursor;
    expect(before).toBeTruthy();
  }
  throw new Error("paging backwards did not end");
}

describe("user(id)", () => {
  it("returns the user by id with the admin key", async () => {
    const email = `${uniqueTag("byid")}@example.com`;
    const created = await createUser({ emailAddress: [email], skipPasswordRequirement: true, privateMetadata: { tier: 2 } });
    const response = await send(AdminUsersUserQuery, { id: created.id }, { admin: true });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.user).toEqual({
      id: created.id,
      email,
      username: null,
      externalId: null,
      blocked: false,
      privateMetadata: { tier: 2 },
      loginAttempts: 0,
    });
  });

  it("is null for an unknown id and for an id that is not a UUID", async () => {
    for (const id of ["01900000-0000-7000-8000-000000000000", "00000000-0000-0000-0000-000000000000", "not-a-uuid", "", "1", "' OR 1=1 --"]) {
      const response = await send(AdminUsersUserQuery, { id }, { admin: true });
      expect(response.body.errors, id).toBeUndefined();
      expect(response.body.data?.user, id).toBeNull();
    }
  });

  it("answers UNAUTHENTICATED without a key, and FORBIDDEN to a signed-in user without a key", async () => {
    const email = `${uniqueTag("nokey")}@example.com`;
    const created = await createUser({ emailAddress: [email], password });

    const anonymous = await send(AdminUsersUserQuery, { id: created.id });
    expect(anonymous.body.data?.user ?? null).toBeNull();
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const signIn = await send(AdminUsersSignInMutation, { input: { identifier: email, password } });
    expect(signIn.body.data?.signIn.__typename).toBe("SignInSuccess");
    const token = /(?:^|[\s,])session=([^;]*)/.exec(signIn.headers.get("set-cookie") ?? "")?.[1];
    expect(token).toBeTruthy();
    // Even the user's own id needs the admin key.
    const signedIn = await send(AdminUsersUserQuery, { id: created.id }, { headers: { cookie: `session=${token}` } });
    expect(signedIn.body.data?.user ?? null).toBeNull();
    expect(signedIn.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const list = await send(AdminUsersListQuery, { first: 1 }, { headers: { cookie: `session=${token}` } });
    expect(list.body.data?.users ?? null).toBeNull();
    expect(list.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymousList = await send(AdminUsersListQuery, { first: 1 });
    expect(anonymousList.body.data?.users ?? null).toBeNull();
    expect(anonymousList.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("users: a user's primary address and lists", () => {
  it("are read at one moment: a page with a user deleted, and another's addresses replaced, right after the page was read", async () => {
    const tag = uniqueTag("onemoment");
    const users = [];
    for (const name of ["kept", "deleted", "replaced"]) {
      const phone = uniquePhone();
      users.push(
        await createUser({
          emailAddress: [`${tag}-${name}@example.com`, `${tag}-${name}-second@example.com`],
          phoneNumber: [phone.e164],
          skipPasswordRequirement: true,
        }),
      );
    }
    const [, deleted, replaced] = users;
    // The change runs between the page's read and anything read after it: a second read of the
    // addresses, as `email` beside `emailAddresses` once made, would see the change.
    const { prisma } = server.database;
    const findMany = prisma.user.findMany;
    let changed = false;
    prisma.user.findMany = async function (this: unknown, ...parameters: Parameters<typeof findMany>) {
      const rows = await findMany.apply(this, parameters);
      if (!changed) {
        changed = true;
        await prisma.user.delete({ where: { id: deleted!.id } });
        const replacing = await send(AdminUsersReplaceEmailMutation, { id: replaced!.id, emailAddress: [`${tag}-other@example.com`] }, { admin: true });
        expect(replacing.body.data?.updateUser.__typename).toBe("UpdateUserSuccess");
      }
      return rows;
    } as typeof findMany;
    let response;
    try {
      response = await send(AdminUsersAddressesQuery, { query: tag }, { admin: true });
    } finally {
      prisma.user.findMany = findMany;
    }
    expect(changed).toBe(true);
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    const nodes = response.body.data!.users.edges.map((edge) => edge.node);
    expect(nodes.map((node) => node.id)).toEqual(users.map((user) => user.id));
    for (const node of nodes) {
      expect(node.email).toBe(node.emailAddresses.find((address) => address.primary)?.email);
      expect(node.emailAddresses).toHaveLength(2);
      expect(node.phoneNumber).toBe(node.phoneNumbers.find((number) => number.primary)?.phoneNumber);
    }
  });
});

describe("users pagination", () => {
  const count = 25;
  let tag: string;
  let created: string[];

  beforeAll(async () => {
    tag = uniqueTag("pager");
    created = [];
    // One after the other: ids are time-ordered (UUIDv7), so this is also the list's order.
    for (let index = 0; index < count; index++) {
      const user = await createUser({
        username: `${tag}_${String(index).padStart(2, "0")}`,
        emailAddress: [`${tag}.${index}@example.com`],
        skipPasswordRequirement: true,
      });
      created.push(user.id);
    }
  });

  it("pages forwards with first + after: every user exactly once, in creation order, with the right totalCount", async () => {
    const { pages, totals } = await pageForwards({ query: tag }, 10);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(totals).toEqual([count, count, count]);
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(count);
    expect(ids).toEqual(created);
    // Keyset order: ascending ids, and the same on a second walk.
    expect(ids).toEqual([...ids].sort());
    expect((await pageForwards({ query: tag }, 10)).pages.flat()).toEqual(ids);
    // Other page sizes see the same order.
    expect((await pageForwards({ query: tag }, 7)).pages.flat()).toEqual(ids);
    expect((await pageForwards({ query: tag }, 1)).pages.flat()).toEqual(ids);
  });

  it("lists the users of one importUsers batch in the batch's order, though they are made within a millisecond or two", async () => {
    const batchTag = uniqueTag("batch");
    const rows = Array.from({ length: 40 }, (_, index) => ({
      externalId: `${batchTag}-${String(index).padStart(2, "0")}`,
      emailAddress: [`${batchTag}.${index}@example.com`],
      skipPasswordRequirement: true,
    }));
    const imported = await send(AdminUsersImportMutation, { users: rows }, { admin: true });
    expect(imported.body.data?.importUsers.every((result) => result.__typename === "CreateUserSuccess")).toBe(true);
    const listed = await listUsers({ first: 100, query: batchTag });
    expect(listed.edges.map((edge) => edge.node.externalId)).toEqual(rows.map((row) => row.externalId));
  });

  it("answers 20 users without first or last, and at most 100 for a larger first or last, without an error", async () => {
    const batchTag = uniqueTag("big");
    const rows = Array.from({ length: 105 }, (_, index) => ({
      emailAddress: [`${batchTag}.${index}@example.com`],
      skipPasswordRequirement: true,
    }));
    const imported = await send(AdminUsersImportMutation, { users: rows }, { admin: true });
    expect(imported.body.data?.importUsers.every((result) => result.__typename === "CreateUserSuccess")).toBe(true);
    expect((await listUsers({ query: batchTag })).edges).toHaveLength(20);
    const forwards = await listUsers({ first: 1000, query: batchTag });
    expect(forwards.edges).toHaveLength(100);
    expect(forwards.pageInfo.hasNextPage).toBe(true);
    const backwards = await listUsers({ last: 1000, query: batchTag });
    expect(backwards.edges).toHaveLength(100);
    expect(backwards.pageInfo.hasPreviousPage).toBe(true);
    const rest = await listUsers({ first: 1000, after: forwards.pageInfo.endCursor, query: batchTag });
    expect(rest.edges).toHaveLength(5);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it("pages backwards with last + before to the same order", async () => {
    const pages = await pageBackwards({ query: tag }, 10);
    expect(pages.map((page) => page.length)).toEqual([5, 10, 10]);
    expect(pages.flat()).toEqual(created);
    expect((await pageBackwards({ query: tag }, 4)).flat()).toEqual(created);
  });

  it("continues after a cursor and before a cursor from the middle", async () => {
    const firstPage = await listUsers({ query: tag, first: 10 });
    const middleCursor = firstPage.edges[4]!.cursor;
    const after = await listUsers({ query: tag, first: 3, after: middleCursor });
    expect(after.edges.map((edge) => edge.node.id)).toEqual(created.slice(5, 8));
    expect(after.totalCount).toBe(count);
    const before = await listUsers({ query: tag, last: 3, before: middleCursor });
    expect(before.edges.map((edge) => edge.node.id)).toEqual(created.slice(1, 4));
    expect(before.pageInfo.hasPreviousPage).toBe(true);
  });

  /** Users made one after the other, so in this order in the list, with a tag of their own. */
  async function usersInOrder(prefix: string, size: number, input: Partial<CreateUserInput> = {}) {
    const ownTag = uniqueTag(prefix);
    const ids: string[] = [];
    for (let index = 0; index < size; index++) {
      ids.push((await createUser({ username: `${ownTag}_${index}`, skipPasswordRequirement: true, ...input })).id);
    }
    return { ownTag, ids };
  }

  it("continues from a cursor whose user was deleted since, both ways", async () => {
    const { ownTag, ids } = await usersInOrder("gone", 6);
    const cursor = (await listUsers({ query: ownTag, first: 3 })).pageInfo.endCursor!;
    await server.database.prisma.user.delete({ where: { id: ids[2]! } });

    const after = await listUsers({ query: ownTag, first: 10, after: cursor });
    expect(after.edges.map((edge) => edge.node.id)).toEqual(ids.slice(3));
    expect(after.pageInfo.hasNextPage).toBe(false);
    const before = await listUsers({ query: ownTag, last: 10, before: cursor });
    expect(before.edges.map((edge) => edge.node.id)).toEqual(ids.slice(0, 2));
  });

  it("continues from a cursor whose user no longer matches the filter: a back office unblocking the blocked page by page sees every one", async () => {
    const { ownTag, ids } = await usersInOrder("unblock", 6, { blocked: true });
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listUsers({ query: ownTag, blocked: true, first: 2, after });
      for (const { node } of page.edges) {
        seen.push(node.id);
        await server.database.prisma.user.update({ where: { id: node.id }, data: { blocked: false } });
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);

    // Backwards too: before a cursor whose user is no longer blocked.
    await server.database.prisma.user.updateMany({ where: { id: { in: ids } }, data: { blocked: true } });
    const cursor = (await listUsers({ query: ownTag, first: 4 })).pageInfo.endCursor!;
    await server.database.prisma.user.update({ where: { id: ids[3]! }, data: { blocked: false } });
    const before = await listUsers({ query: ownTag, blocked: true, last: 2, before: cursor });
    expect(before.edges.map((edge) => edge.node.id)).toEqual(ids.slice(1, 3));
    const afterIt = await listUsers({ query: ownTag, blocked: true, first: 2, after: cursor });
    expect(afterIt.edges.map((edge) => edge.node.id)).toEqual(ids.slice(4, 6));
  });

  it("refuses a malformed or forged cursor as a client error, not as a server fault", async () => {
    const realCursor = (await listUsers({ query: tag, first: 1 })).edges[0]!.cursor;
    // The same encoding as a real cursor around an id that is not a UUID, and plain garbage.
    const prefix = Buffer.from(realCursor, "base64").toString("utf8").replace(/[0-9a-f-]{36}$/, "");
    const forged = Buffer.from(`${prefix}not-a-uuid`).toString("base64");
    /** One error, as HTTP 400, whichever fields of the connection are asked for (totalCount alone too). */
    const expectRefused = async (variables: AdminUsersListQueryVariables, message: string) => {
      for (const document of [AdminUsersListQuery, AdminUsersCountQuery]) {
        const response = await send(document, { query: tag, ...variables }, { admin: true });
        const label = `${JSON.stringify(variables)}: ${JSON.stringify(response.body)}`;
        expect(response.status, label).toBe(400);
        expect(response.body.data?.users ?? null, label).toBeNull();
        expect(response.body.errors?.map((error) => [error.message, error.extensions?.code]), label).toEqual([[message, "BAD_USER_INPUT"]]);
      }
    };
    // Each names the argument, also where Pothos could not decode the cursor at all (it would say
    // only "Invalid cursor", and quote the cursor); the cursor is not repeated back.
    const refusal = (argument: string) =>
      `Invalid cursor in argument "${argument}": give a cursor this list returned (an edge's cursor, or pageInfo's endCursor or startCursor).`;
    for (const cursor of [forged, "garbage", Buffer.from("GPC:S:").toString("base64")]) {
      await expectRefused({ first: 5, after: cursor }, refusal("after"));
      await expectRefused({ last: 5, before: cursor }, refusal("before"));
      await expectRefused({ first: 5, after: realCursor, before: cursor }, refusal("before"));
    }
    // Checked after the admin scope: a caller without a key learns nothing about cursors.
    const anonymous = await send(AdminUsersListQuery, { first: 5, after: "garbage" });
    expect(anonymous.body.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    await expectRefused({ first: -1 }, 'Argument "first" must be a non-negative integer');
    // A page of a page (Relay's first, then last) is not what anyone means.
    await expectRefused({ first: 2, last: 1 }, "Give first or last, not both.");
  });

  it("pages through every user of the database without filters, each once, totalCount matching the table", async () => {
    const { pages, totals } = await pageForwards({}, 10);
    const ids = pages.flat();
    const inDatabase = await server.database.prisma.user.count();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(inDatabase);
    expect(new Set(totals)).toEqual(new Set([inDatabase]));
    expect(ids).toEqual([...ids].sort());
    expect(ids.filter((id) => created.includes(id))).toEqual(created);
  });
});

describe("users query (free text)", () => {
  let tag: string;
  let phone: ReturnType<typeof uniquePhone>;
  let user: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    tag = uniqueTag("qry");
    phone = uniquePhone();
    user = await createUser({
      emailAddress: [`Mail.${tag}@Example.com`],
      phoneNumber: [phone.e164],
      username: `Nick_${tag}`,
      firstName: `Firstname${tag}Ana`,
      lastName: `Lastname${tag}Bel`,
      skipPasswordRequirement: true,
    });
    other = await createUser({ emailAddress: [`other.${tag}@elsewhere.example`], skipPasswordRequirement: true });
  });

  it("matches part of an email address, in any case", async () => {
    expect(await idsFor({ query: `MAIL.${tag.toUpperCase()}@EXAMPLE` })).toEqual([user.id]);
    expect(await idsFor({ query: `il.${tag}@ex` })).toEqual([user.id]);
    expect(await idsFor({ query: "elsewhere.example" })).toEqual([other.id]);
    // Both have the tag in an email address.
    expect(await idsFor({ query: ` ${tag} ` })).toEqual([user.id, other.id]);
  });

  it("matches the digits of a phone number, whatever the formatting of the query", async () => {
    expect(await idsFor({ query: phone.national })).toEqual([user.id]);
    expect(await idsFor({ query: phone.e164 })).toEqual([user.id]);
    expect(await idsFor({ query: phone.formatted })).toEqual([user.id]);
    expect(await idsFor({ query: phone.national.slice(2, 9) })).toContain(user.id);
  });

  it("matches a number written with the international prefix 00, or with the trunk prefix (0) after the country code", async () => {
    expect(await idsFor({ query: `0044 ${phone.national}` })).toEqual([user.id]);
    expect(await idsFor({ query: `+44 (0)${phone.national}` })).toEqual([user.id]);
    expect(await idsFor({ query: `0044 (0) ${phone.national.slice(0, 7)}` })).toContain(user.id);
  });

  it("matches part of a username, first name or last name, in any case", async () => {
    expect(await idsFor({ query: `nick_${tag}`.toUpperCase() })).toEqual([user.id]);
    expect(await idsFor({ query: `FIRSTNAME${tag.toUpperCase()}` })).toEqual([user.id]);
    expect(await idsFor({ query: `${tag}ana` })).toEqual([user.id]);
    expect(await idsFor({ query: `lastname${tag}` })).toEqual([user.id]);
    expect(await idsFor({ query: `${tag}BEL` })).toEqual([user.id]);
  });

  it("matches a name as typed, accents composed or not, and a Turkish İ in either case", async () => {
    const decomposed = await createUser({ emailAddress: [`nfd-${tag}@example.com`], firstName: `Jose\u0301${tag}`, lastName: `Mu\u0308ller${tag}`, skipPasswordRequirement: true });
    for (const query of [`Jos\u00e9${tag}`, `Jose\u0301${tag}`, `JOS\u00c9${tag}`, `M\u00fcller${tag}`, `mu\u0308ller${tag}`]) {
      expect(await idsFor({ query }), query).toEqual([decomposed.id]);
    }
    const composed = await createUser({ emailAddress: [`nfc-name-${tag}@example.com`], name: `\u0130lker Y\u0131lmaz ${tag}`, skipPasswordRequirement: true });
    for (const query of [`\u0130lker Y\u0131lmaz ${tag}`, `\u0130lker Y\u0131lmaz ${tag}`.normalize("NFD"), `ilker y\u0131lmaz ${tag}`]) {
      expect(await idsFor({ query }), query).toEqual([composed.id]);
    }
  });

  it("matches a username whatever the Unicode normalization form of the query", async () => {
    const username = `jos\u00e9_${tag}`;
    const created = await createUser({ emailAddress: [`nfc-${tag}@example.com`], username, skipPasswordRequirement: true });
    expect(await idsFor({ query: username.normalize("NFD") })).toEqual([created.id]);
    expect(await idsFor({ query: username.normalize("NFC").toUpperCase() })).toEqual([created.id]);
  });

  it("matches a username by any spelling that folds to it, as the whole name or a part", async () => {
    const username = `straße_${tag}`;
    const created = await createUser({ emailAddress: [`fold-${tag}@example.com`], username, skipPasswordRequirement: true });
    expect(await idsFor({ username: `STRASSE_${tag}` })).toEqual([created.id]);
    expect(await idsFor({ username: `ｓｔｒａｓｓｅ_${tag}` })).toEqual([created.id]);
    expect(await idsFor({ query: `asse_${tag}` })).toEqual([created.id]);
    expect(await idsFor({ query: `aße_${tag}`.toUpperCase() })).toEqual([created.id]);
    // A part ending in sigma finds the name that goes on after it.
    const greek = await createUser({ emailAddress: [`sigma-${tag}@example.com`], username: `σοφοσ${tag}`, skipPasswordRequirement: true });
    expect(await idsFor({ query: "ΣΟΦΟΣ" })).toEqual([greek.id]);
    expect(await idsFor({ query: "σοφος" })).toEqual([greek.id]);
  });

  it("matches no one for text nobody has", async () => {
    expect(await idsFor({ query: `${tag}-nobody-has-this` })).toEqual([]);
  });

  it("takes % and _ in the text literally, not as LIKE wildcards", async () => {
    // Letters only, so that no digit of the text turns into a phone number search.
    const letters = tag.replace(/\d/g, (digit) => "abcdefghij"[Number(digit)]!);
    const wild = await createUser({ username: `wild_${letters}`, lastName: `Pct%${letters}`, skipPasswordRequirement: true });
    const plain = await createUser({ username: `wildz${letters}`, lastName: `Pctz${letters}`, skipPasswordRequirement: true });
    expect(await idsFor({ query: `pct%${letters}` })).toEqual([wild.id]);
    expect(await idsFor({ query: `wild_${letters}` })).toEqual([wild.id]);
    expect(await idsFor({ query: `wildz${letters}` })).toEqual([plain.id]);
    // "%" and "_" are characters like any other: only the user whose text holds them matches.
    expect(await idsFor({ query: `p_t${letters}` })).toEqual([]);
    expect(await idsFor({ query: `w%${letters}` })).toEqual([]);
    const percent = await listUsers({ first: 100, query: "%" });
    expect(percent.edges.map((edge) => edge.node.id)).toEqual([wild.id]);
    expect(percent.totalCount).toBe(1);
  });

  it("finds a name of the longest length by all of it, and matches no one with longer text (a pasted megabyte included)", async () => {
    // 256 characters stored composed, and typed decomposed: 257, the accent apart.
    const longest = `\u00e9${tag}${"n".repeat(255 - tag.length)}`;
    const user = await createUser({ lastName: longest, skipPasswordRequirement: true });
    expect(await idsFor({ query: longest.normalize("NFD") })).toEqual([user.id]);
    expect(await idsFor({ query: `${longest}n` })).toEqual([]);
    const pasted = await listUsers({ first: 10, query: "%_".repeat(500_000) });
    expect(pasted.edges).toEqual([]);
    expect(pasted.totalCount).toBe(0);
  });

  it("does not match a phone number on the digits of a text that is not a phone number", async () => {
    // The user's phone number holds these digits, but no email, phone, username or name holds
    // this text, letters included.
    const text = `zz${phone.national.slice(-6)}`;
    expect(await idsFor({ query: text })).toEqual([]);
    expect(await idsFor({ query: `qq-${phone.national}-qq` })).toEqual([]);
  });
});

describe("users exact filters", () => {
  let tag: string;
  let phoneA: ReturnType<typeof uniquePhone>;
  let phoneB: ReturnType<typeof uniquePhone>;
  let a: { id: string };
  let b: { id: string };
  let c: { id: string };
  const values = { emailA: "", emailB: "", usernameA: "", usernameB: "", externalA: "", externalB: "" };

  beforeAll(async () => {
    tag = uniqueTag("flt");
    phoneA = uniquePhone();
    phoneB = uniquePhone();
    values.emailA = `Exact.A.${tag}@Example.com`;
    values.emailB = `exact.b.${tag}@example.com`;
    values.usernameA = `Exact_A_${tag}`;
    values.usernameB = `exact_b_${tag}`;
    values.externalA = `ext-A-${tag}`;
    values.externalB = `ext-B-${tag}`;
    a = await createUser({
      emailAddress: [values.emailA, `second.a.${tag}@example.com`],
      phoneNumber: [phoneA.e164],
      username: values.usernameA,
      externalId: values.externalA,
      skipPasswordRequirement: true,
    });
    b = await createUser({
      emailAddress: [values.emailB],
      phoneNumber: [phoneB.e164],
      username: values.usernameB,
      externalId: values.externalB,
      blocked: true,
      skipPasswordRequirement: true,
    });
    c = await createUser({ username: `exact_c_${tag}`, blocked: true, skipPasswordRequirement: true });
  });

  it("filters by email address, in any case, and only by the whole address", async () => {
    expect(await idsFor({ email: values.emailA.toUpperCase() })).toEqual([a.id]);
    expect(await idsFor({ email: `  ${values.emailA.toLowerCase()} ` })).toEqual([a.id]);
    expect(await idsFor({ email: values.emailB })).toEqual([b.id]);
    expect(await idsFor({ email: `Exact.A.${tag}` })).toEqual([]);
    expect(await idsFor({ email: `xact.a.${tag}@example.com` })).toEqual([]);
  });

  it("matches nothing for an email without an @, even when it is the domain of an address", async () => {
    // Read as an address, "<tag>.com" would have become "<tag>.co@<tag>.com".
    const domain = `${uniqueTag("noat").toLowerCase()}.com`;
    await createUser({ emailAddress: [`${domain.slice(0, -1)}@${domain}`], skipPasswordRequirement: true });
    expect(await idsFor({ email: domain })).toEqual([]);
  });

  it("filters by phone number in any format", async () => {
    expect(await idsFor({ phoneNumber: phoneA.e164 })).toEqual([a.id]);
    expect(await idsFor({ phoneNumber: phoneA.formatted })).toEqual([a.id]);
    expect(await idsFor({ phoneNumber: `tel:${phoneB.e164.slice(0, 3)}-${phoneB.e164.slice(3)}` })).toEqual([b.id]);
    expect(await idsFor({ phoneNumber: `  ${phoneB.e164} ` })).toEqual([b.id]);
  });

  it("matches nothing for a phone number that cannot be parsed (rather than everyone)", async () => {
    for (const phoneNumber of ["not a phone", "12345", "+", "", phoneA.national]) {
      const connection = await listUsers({ first: 100, phoneNumber });
      expect(connection.edges, phoneNumber).toEqual([]);
      expect(connection.totalCount, phoneNumber).toBe(0);
    }
  });

  it("filters by username in any case, and only by the whole username", async () => {
    expect(await idsFor({ username: values.usernameA.toLowerCase() })).toEqual([a.id]);
    expect(await idsFor({ username: values.usernameB.toUpperCase() })).toEqual([b.id]);
    expect(await idsFor({ username: `Exact_A_` })).toEqual([]);
  });

  it("filters by externalId, exactly", async () => {
    expect(await idsFor({ externalId: values.externalA })).toEqual([a.id]);
    expect(await idsFor({ externalId: values.externalB })).toEqual([b.id]);
    expect(await idsFor({ externalId: `ext-A-` })).toEqual([]);
    // Stored trimmed: the value a migration script sent to createUser finds its user.
    expect(await idsFor({ externalId: ` ${values.externalA}\t` })).toEqual([a.id]);
  });

  it("filters by blocked true and false", async () => {
    expect(await idsFor({ query: tag, blocked: true })).toEqual([b.id, c.id]);
    expect(await idsFor({ query: tag, blocked: false })).toEqual([a.id]);
    const blocked = await listUsers({ first: 100, blocked: true });
    expect(blocked.totalCount).toBe(await server.database.prisma.user.count({ where: { blocked: true } }));
    expect(blocked.edges.every((edge) => edge.node.blocked)).toBe(true);
    const notBlocked = await listUsers({ first: 100, blocked: false });
    expect(notBlocked.totalCount).toBe(await server.database.prisma.user.count({ where: { blocked: false } }));
    expect(notBlocked.edges.every((edge) => !edge.node.blocked)).toBe(true);
  });

  it("combines filters with AND", async () => {
    expect(await idsFor({ email: values.emailA, username: values.usernameA.toUpperCase() })).toEqual([a.id]);
    expect(await idsFor({ email: values.emailA, phoneNumber: phoneA.formatted, externalId: values.externalA, blocked: false })).toEqual([
      a.id,
    ]);
    expect(await idsFor({ email: values.emailA, blocked: true })).toEqual([]);
    expect(await idsFor({ email: values.emailB, blocked: true })).toEqual([b.id]);
    expect(await idsFor({ email: values.emailA, username: values.usernameB })).toEqual([]);
    expect(await idsFor({ externalId: values.externalA, phoneNumber: phoneB.e164 })).toEqual([]);
    expect(await idsFor({ query: tag, username: values.usernameB })).toEqual([b.id]);
    expect(await idsFor({ query: `${tag}-nobody`, email: values.emailA })).toEqual([]);
    expect(await idsFor({ email: values.emailA, phoneNumber: "not a phone" })).toEqual([]);
  });
});

describe.skipIf(process.env.TEST_DATABASE !== "postgres")("users lookups by a unique value (PostgreSQL)", () => {
  // The honest option: no `SET enable_seqscan = off`. On a table of a few dozen rows a sequential
  // scan of its one or two pages really is cheaper and PostgreSQL rightly picks it, which would
  // prove nothing either way; forcing the planner would prove only that an index exists, not that
  // the planner uses it. So the table gets a realistic size first (2000 more users through
  // importUsers, as a migration would load them), then ANALYZE (what autovacuum does on its own
  // after such a load), and the plan of each lookup must be an index scan on the unique index.
  const rows = 2000;
  let sample: { email: string; phone: string; username: string; externalId: string };

  beforeAll(async () => {
    const tag = uniqueTag("bulk");
    const all: CreateUserInput[] = Array.from({ length: rows }, (_, index) => ({
      emailAddress: [`bulk.${index}.${tag}@example.com`],
      phoneNumber: [`+336${String(12_000_000 + index)}`],
      username: `bulk_${index}_${tag}`,
      externalId: `bulk-${index}-${tag}`,
      skipPasswordRequirement: true,
    }));
    for (let start = 0; start < rows; start += 1000) {
      const response = await send(AdminUsersImportMutation, { users: all.slice(start, start + 1000) }, { admin: true });
      expect(response.body.errors).toBeUndefined();
      expect(new Set(response.body.data?.importUsers.map((result) => result.__typename))).toEqual(new Set(["CreateUserSuccess"]));
    }
    await server.database.withConnection((connection) =>
      connection.executeScript(`ANALYZE "User"; ANALYZE "EmailAddress"; ANALYZE "PhoneNumber";`),
    );
    const index = 1234;
    sample = {
      email: `bulk.${index}.${tag}@example.com`,
      phone: `+336${String(12_000_000 + index)}`,
      username: `bulk_${index}_${tag}`,
      externalId: `bulk-${index}-${tag}`,
    };
  }, 120_000);

  async function plan(sql: string, parameters: unknown[]): Promise<string> {
    const lines = await server.database.withConnection((connection) =>
      connection.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, parameters),
    );
    return lines.map((line) => line["QUERY PLAN"]).join("\n");
  }

  const indexScanOn = (index: string) => new RegExp(`Index (Only )?Scan using "?${index}"? on`);

  it.each([
    ["EmailAddress", "emailNormalized", "EmailAddress_emailNormalized_key", `SELECT "userId" FROM "EmailAddress" WHERE "emailNormalized" = $1`],
    ["PhoneNumber", "phoneNumber", "PhoneNumber_phoneNumber_key", `SELECT "userId" FROM "PhoneNumber" WHERE "phoneNumber" = $1`],
    ["User", "usernameNormalized", "User_usernameNormalized_key", `SELECT "id" FROM "User" WHERE "usernameNormalized" = $1`],
    ["User", "externalId", "User_externalId_key", `SELECT "id" FROM "User" WHERE "externalId" = $1`],
  ] as const)("looks up %s by %s with an index scan on %s", async (table, column, index, sql) => {
    const value = { emailNormalized: sample.email, phoneNumber: sample.phone, usernameNormalized: sample.username, externalId: sample.externalId }[
      column
    ];
    const explained = await plan(sql, [value]);
    expect(explained, explained).toMatch(indexScanOn(index));
    expect(explained, explained).not.toMatch(/Seq Scan/);
    // And the lookup finds exactly the one row.
    const found = await server.database.withConnection((connection) => connection.query(sql, [value]));
    expect(found, `${table}.${column}`).toHaveLength(1);
  });

  it("finds the sample user through the API filters too", async () => {
    const [byEmail, byPhone, byUsername, byExternalId] = await Promise.all([
      idsFor({ email: sample.email }),
      idsFor({ phoneNumber: sample.phone }),
      idsFor({ username: sample.username.toUpperCase() }),
      idsFor({ externalId: sample.externalId }),
    ]);
    expect(byEmail).toHaveLength(1);
    expect(byPhone).toEqual(byEmail);
    expect(byUsername).toEqual(byEmail);
    expect(byExternalId).toEqual(byEmail);
  });
});
