import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";

// Issue "Hardening" item 6: thousands of random and malformed inputs for every mutation, sent as
// GraphQL variables over real HTTP. Whatever comes in: never a 5xx, never INTERNAL_SERVER_ERROR,
// every typed rejection names the offending field by a path from the argument, nothing half-written,
// no prototype pollution, and the server still serves afterwards.

// Per property: a bounded number of runs and a time budget, so the file stays well under 90 s.
const runs = { numRuns: 300, interruptAfterTimeLimit: 6_000 };

let server: TestServer;
let session = "";
const goodPassword = "analytical engine notes 1843";

interface GraphQLAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message?: unknown; extensions?: { code?: unknown } }[];
  };
}

async function send(query: string, variables: unknown, options: { admin?: boolean; session?: string } = {}): Promise<GraphQLAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.admin) headers.authorization = `Bearer ${adminApiKey}`;
  if (options.session) headers.cookie = `session=${options.session}`;
  const response = await fetch(server.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: GraphQLAnswer["body"];
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`not JSON (status ${response.status}): ${text.slice(0, 300)}`);
  }
  return { status: response.status, body };
}

// Strings that have broken parsers, databases, logs and renderers.
const nasty = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "x\uDBFF",
  "\u202Eevil\u202C",
  "\u200F\u05D0\u05D1",
  "\uFEFF",
  "\u2028\u2029",
  "🦄",
  "👩‍👩‍👧‍👦",
  "e\u0301\u0301\u0301\u0301",
  "Z̷̛̖a̸̢̛l̵̡g̶o̵",
  "'; DROP TABLE \"User\";--",
  "%s%n%x",
  "${7*7}{{7*7}}",
  "<script>alert(1)</script>",
  "__proto__",
  "constructor",
  "prototype",
  "\r\nSet-Cookie: session=x",
  "../../../../etc/passwd",
  " ",
  "",
  "0",
  "-1",
  "1e309",
  "NaN",
  "null",
  "true",
  "+1 (555) 010-9999",
  "+491701234567",
  "0x52908400098527886E0F7030069857D2E4169EE7",
  "user@example.com",
  "USER@EXAMPLE.COM",
  "a@b",
  "\u0000@example.com",
  "a@b.c\u0000",
  "https://example.com/\u0000",
  "javascript:alert(1)",
  "1990-02-30",
  "9999-12-31T23:59:59Z",
  "Europe/Berlin",
  "en-US",
  "$2b$10$abcdefghijklmnopqrstuu",
  "argon2id$",
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nasty) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...nasty), { minLength: 2, maxLength: 6 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: fc.tuple(fc.emailAddress(), fc.constantFrom(...nasty)).map(([email, tail]) => email + tail) },
  // Huge: far past every length rule, still under MAX_BODY_BYTES.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("a", "é", "🦄", "\u0000", "\uD800"), fc.integer({ min: 300, max: 60_000 })).map(([unit, count]) => unit.repeat(count)) },
);

const hostileKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "", "\u0000", "a.b", "$where", "toString", "hasOwnProperty"), fc.string({ maxLength: 10 }));

const hostileInt = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, -0, 0.5),
  fc.double({ noNaN: true }),
);

/** Nested objects and arrays, as deep as `depth`. */
const deep = (depth: number) => {
  let value: unknown = { leaf: "\u0000" };
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? { nested: value } : [value];
  return value;
};

const hostileJsonObject = fc.oneof(
  fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }),
  // Deeper values overflow fast-check's own report of a failure; 100 000 levels are sent raw below.
  fc.integer({ min: 10, max: 400 }).map((depth) => ({ deep: deep(depth) })),
  fc.constant(JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}')),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { minKeys: 20, maxKeys: 40 }),
  fc.constant({ text: "\u0000", key: "\uD800" }),
  fc.constant(Object.fromEntries([["\u0000", 1], ["\uD800", 2]])),
);

/** Anything at all: the wrong GraphQL type for most fields. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileInt,
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  hostileJsonObject,
);

/** Mostly the right GraphQL type with hostile contents (reaching our validation), sometimes anything. */
const typed = <T,>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 8, arbitrary: arbitrary as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: anything });

const str = typed(hostileString);
const bool = typed(fc.boolean());
const int = typed(hostileInt);
const json = typed(hostileJsonObject);
const strings = typed(fc.array(hostileString, { maxLength: 4 }));
const enumOf = (...values: string[]) => typed(fc.oneof(fc.constantFrom(...values), hostileString));
const password = typed(fc.oneof(hostileString, fc.constant(goodPassword)));
const email = typed(fc.oneof(hostileString, fc.emailAddress()));

const address = fc.record(
  Object.fromEntries(["city", "country", "firstName", "id", "lastName", "state", "streetAddress", "streetAddress2", "zipCode"].map((key) => [key, str])) as Record<string, fc.Arbitrary<unknown>>,
  { requiredKeys: [] },
);
const profile = typed(
  fc.record(
    {
      addresses: typed(fc.array(typed(address), { maxLength: 3 })),
      birthdate: str,
      familyName: str,
      gender: typed(fc.oneof(hostileString, hostileInt)),
      givenName: str,
      locale: str,
      middleName: str,
      nickname: str,
      profilePage: str,
      website: str,
      zoneinfo: str,
    },
    { requiredKeys: [] },
  ),
);
const identities = typed(
  fc.array(
    fc.record(
      {
        connection: str,
        details: json,
        id: str,
        provider: enumOf("GITHUB", "GOOGLE", "CUSTOM", "SAML"),
        type: enumOf("SOCIAL", "EMAIL", "ENTERPRISE"),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 3 },
  ),
);

const signUpInput = fc.record(
  {
    blocked: bool,
    email,
    emailVerified: bool,
    hashFn: enumOf("ARGON2", "BCRYPT", "PBKDF2"),
    identities,
    legalAccepted: bool,
    loginAttempts: int,
    metadata: json,
    name: str,
    password,
    phoneNumber: str,
    phoneNumberVerified: bool,
    picture: str,
    profile,
    salt: str,
    skipLegalChecks: bool,
    username: str,
    verifyEmail: bool,
  },
  { requiredKeys: [] },
);

const adminUserFields = {
  backupCodes: strings,
  blocked: bool,
  createOrganizationEnabled: bool,
  createOrganizationsLimit: int,
  deleteSelfEnabled: bool,
  emailAddress: typed(fc.array(typed(fc.oneof(hostileString, fc.emailAddress())), { maxLength: 3 })),
  emailVerified: bool,
  externalId: str,
  firstName: str,
  lastName: str,
  legalAcceptedAt: str,
  loginAttempts: int,
  metadata: json,
  name: str,
  password,
  passwordDigest: str,
  passwordHasher: enumOf("BCRYPT", "MD5", "SHA256", "ARGON2ID", "SCRYPT_FIREBASE", "PHPASS"),
  phoneNumber: strings,
  phoneNumberVerified: bool,
  picture: str,
  privateMetadata: json,
  profile,
  publicMetadata: json,
  skipPasswordChecks: bool,
  totpSecret: str,
  unsafeMetadata: json,
  username: str,
  web3Wallet: strings,
};
const createUserInput = fc.record(
  { ...adminUserFields, createdAt: str, identities, skipLegalChecks: bool, skipPasswordRequirement: bool, verifyEmail: bool },
  { requiredKeys: [] },
);
const updateUserInput = fc.record(adminUserFields, { requiredKeys: [] });
const updateMeInput = fc.record(
  { currentPassword: password, firstName: str, lastName: str, name: str, password, picture: str, profile, unsafeMetadata: json, username: str },
  { requiredKeys: [] },
);
const id = typed(fc.oneof(hostileString, fc.uuid()));

// Successes seen, to compare with the rows left in the database.
let created = 0;
let deleted = 0;

const ResultFields = `__typename ... on Error { message } ... on ValidationError { fieldErrors { path message } }`;

/**
 * The invariants of one answer. `results` are the typed results of the mutation (one, or one per
 * row of importUsers); a ValidationError must name a field under `argument`.
 */
function checkAnswer(answer: GraphQLAnswer, field: string, arguments_: string[]) {
  expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBeLessThan(500);
  for (const error of answer.body.errors ?? []) {
    const shown = JSON.stringify(error).slice(0, 300);
    expect(typeof error.message === "string" && error.message.length > 0, shown).toBe(true);
    expect(error.extensions?.code, shown).not.toBe("INTERNAL_SERVER_ERROR");
    expect(typeof error.extensions?.code, shown).toBe("string");
    // Variables of the wrong GraphQL type are refused before anything runs: no data at all.
    if (error.extensions?.code === "BAD_USER_INPUT") {
      expect(answer.body.data ?? null, shown).toBeNull();
      expect(error.message, shown).toMatch(/^Variable "\$\w+"|^Too many errors processing variables/);
    }
  }
  const value = answer.body.data?.[field];
  const results = (Array.isArray(value) ? value : value == null ? [] : [value]) as { __typename: string; fieldErrors?: { path: string[] }[] }[];
  for (const result of results) {
    if (result.__typename === "ValidationError") {
      expect(result.fieldErrors?.length, JSON.stringify(result).slice(0, 300)).toBeGreaterThan(0);
      for (const fieldError of result.fieldErrors ?? []) {
        expect(arguments_, JSON.stringify(fieldError).slice(0, 300)).toContain(fieldError.path[0]);
      }
    }
    if (["SignUpSuccess", "CreateUserSuccess"].includes(result.__typename)) created++;
    if (result.__typename === "DeleteUserSuccess") deleted++;
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

async function userCount() {
  return server.database.prisma.user.count();
}

let usersAtStart = 0;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
  const signedUp = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation M($input: SignUpInput!) { signUp(input: $input) { __typename } }`,
      variables: { input: { email: "hostile-self@example.com", password: goodPassword } },
    }),
  });
  session = /session=([^;]+)/.exec(signedUp.headers.get("set-cookie") ?? "")?.[1] ?? "";
  expect(session).not.toBe("");
  usersAtStart = await userCount();
});
afterAll(() => server?.close());

describe("hostile input", () => {
  it("signUp", async () => {
    await fc.assert(
      fc.asyncProperty(signUpInput, fc.boolean(), async (input, admin) => {
        const answer = await send(`mutation M($input: SignUpInput!) { signUp(input: $input) { ${ResultFields} } }`, { input }, { admin });
        checkAnswer(answer, "signUp", ["input"]);
      }),
      runs,
    );
  });

  it("createUser", async () => {
    await fc.assert(
      fc.asyncProperty(createUserInput, async (input) => {
        const answer = await send(`mutation M($input: CreateUserInput!) { createUser(input: $input) { ${ResultFields} } }`, { input }, { admin: true });
        checkAnswer(answer, "createUser", ["input"]);
      }),
      runs,
    );
  });

  it("importUsers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(createUserInput, { maxLength: 5 }), anything), async (users) => {
        const answer = await send(`mutation M($users: [CreateUserInput!]!) { importUsers(users: $users) { ${ResultFields} } }`, { users }, { admin: true });
        checkAnswer(answer, "importUsers", ["users"]);
      }),
      { ...runs, numRuns: 150 },
    );
  });

  it("updateUser", async () => {
    const target = await send(`query { users(first: 20) { edges { node { id } } } }`, {}, { admin: true });
    const ids = ((target.body.data?.users as { edges: { node: { id: string } }[] }).edges ?? []).map((edge) => edge.node.id);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...ids), id), updateUserInput, async (userId, input) => {
        const answer = await send(`mutation M($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ${ResultFields} } }`, { id: userId, input }, { admin: true });
        checkAnswer(answer, "updateUser", ["id", "input"]);
      }),
      runs,
    );
  });

  it("updateMe", async () => {
    await fc.assert(
      fc.asyncProperty(updateMeInput, async (input) => {
        const answer = await send(`mutation M($input: UpdateMeInput!) { updateMe(input: $input) { ${ResultFields} } }`, { input }, { session });
        checkAnswer(answer, "updateMe", ["input"]);
      }),
      runs,
    );
  });

  it.each(["addEmailAddress", "setPrimaryEmailAddress", "removeEmailAddress"])("%s", async (field) => {
    await fc.assert(
      fc.asyncProperty(email, password, async (address, currentPassword) => {
        const answer = await send(`mutation M($email: String!, $currentPassword: String) { ${field}(email: $email, currentPassword: $currentPassword) { ${ResultFields} } }`, { email: address, currentPassword }, { session });
        checkAnswer(answer, field, ["email", "currentPassword"]);
      }),
      { ...runs, numRuns: 100 },
    );
  });

  it("signIn", async () => {
    const signInInput = fc.record({ identifier: str, password, code: str }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(signInInput, async (input) => {
        const answer = await send(`mutation M($input: SignInInput!) { signIn(input: $input) { __typename } }`, { input });
        checkAnswer(answer, "signIn", ["input"]);
      }),
      { ...runs, numRuns: 150 },
    );
  });

  it("verifyEmail", async () => {
    await fc.assert(
      fc.asyncProperty(str, async (token) => {
        const answer = await send(`mutation M($token: String!) { verifyEmail(token: $token) { __typename } }`, { token });
        checkAnswer(answer, "verifyEmail", ["token"]);
      }),
      runs,
    );
  });

  it("deleteUser", async () => {
    await fc.assert(
      fc.asyncProperty(id, async (userId) => {
        const answer = await send(`mutation M($id: ID!) { deleteUser(id: $id) { ${ResultFields} } }`, { id: userId }, { admin: true });
        checkAnswer(answer, "deleteUser", ["id"]);
      }),
      runs,
    );
  });

  it("metadata nested 100 000 levels deep (a raw body: JSON.stringify cannot make it)", async () => {
    const depth = 100_000;
    const nested = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    for (const [mutation, type, admin] of [
      ["signUp", "SignUpInput", false],
      ["createUser", "CreateUserInput", true],
    ] as const) {
      const response = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(admin ? { authorization: `Bearer ${adminApiKey}` } : {}) },
        body: `{"query":"mutation M($input: ${type}!) { ${mutation}(input: $input) { ${ResultFields} } }","variables":{"input":{"metadata":${nested}}}}`,
      });
      checkAnswer({ status: response.status, body: await response.json() }, mutation, ["input"]);
    }
  });

  it("a multipart body, malformed or not, is refused as the client's mistake (no operation takes a file)", async () => {
    for (const [operations, map] of [
      [JSON.stringify({ query: "{ me { id } }" }), JSON.stringify({ "0": 5 })],
      ["5", JSON.stringify({ "0": ["variables.file"] })],
      [JSON.stringify({ query: "{ __typename }" }), "{}"],
    ]) {
      const form = new FormData();
      form.set("operations", operations!);
      form.set("map", map!);
      const response = await fetch(server.url, { method: "POST", headers: { "x-graphql-client": "hostile-input" }, body: form });
      expect(response.status, `${operations} ${map}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${operations} ${map}`).toBeLessThan(500);
    }
  });

  it("a value of the wrong type that reads like a database fault is the client's mistake, not SERVICE_UNAVAILABLE", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename } }",
        variables: { input: { identifier: ["Connection terminated unexpectedly"], password: "x" } },
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("left nothing half-written, and the server still serves", async () => {
    const prisma = server.database.prisma;
    // Every user row is a success the API answered; no failed mutation left one behind.
    expect(await userCount()).toBe(usersAtStart + created - deleted);
    // Child rows belong to existing users, and one-per-user rows are not more than users.
    const users = new Set((await prisma.user.findMany({ select: { id: true } })).map((user) => user.id));
    for (const rows of [
      await prisma.emailAddress.findMany({ select: { userId: true } }),
      await prisma.phoneNumber.findMany({ select: { userId: true } }),
      await prisma.identity.findMany({ select: { userId: true } }),
      await prisma.passwordCredential.findMany({ select: { userId: true } }),
    ]) {
      for (const row of rows) expect(users.has(row.userId)).toBe(true);
    }
    expect(await prisma.profile.count()).toBeLessThanOrEqual(users.size);
    expect(await prisma.passwordCredential.count()).toBeLessThanOrEqual(users.size);

    expect((await fetch(`${server.origin}/health`)).status).toBe(200);
    expect((await fetch(`${server.origin}/ready`)).status).toBe(200);
    const normal = await send(`mutation M($input: SignUpInput!) { signUp(input: $input) { __typename } }`, {
      input: { email: `after-the-storm-${Date.now()}@example.com`, password: goodPassword },
    });
    expect(normal.body.data?.signUp).toEqual({ __typename: "SignUpSuccess" });
  });
});
