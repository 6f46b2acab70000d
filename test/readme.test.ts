import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordHasherNames } from "../src/domain/passwords/digest-format.ts";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";
import { stepWithRoom, totp } from "./helpers/totp.ts";

// The README's examples must work verbatim when pasted into GraphiQL: run each one as written.

const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
const examples = new Map(
  [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => {
    const query = match[1]!;
    return [/^(?:mutation|query) (\w+)/m.exec(query)![1]!, query] as const;
  }),
);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function graphqlRequest(query: string, variables: Record<string, unknown>, admin = false) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(admin ? { authorization: `Bearer ${adminApiKey}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data?: unknown }).data;
}

interface ExampleOptions {
  admin?: boolean;
  /** A `Cookie` header: `session=…`. */
  cookie?: string;
  edit?: (query: string) => string;
}

/** Runs the README's example `name`: its headers, and the value of its first field. */
async function send(name: string, options: ExampleOptions) {
  const query = examples.get(name);
  if (!query) throw new Error(`README has no example named ${name}`);
  const response = await fetch(server.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.admin ? { authorization: `Bearer ${adminApiKey}` } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: JSON.stringify({ query: options.edit ? options.edit(query) : query }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data?: Record<string, { __typename: string; [key: string]: unknown }>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return { headers: response.headers, result: Object.values(body.data!)[0]! };
}

async function run(name: string, options: ExampleOptions = {}) {
  return (await send(name, options)).result;
}

// The migration table: one example digest per passwordHasher, each of a documented password.
const migrationExamples = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| .* \| `([^`]+)` \|$/gm)].map((match) => ({
  hasher: match[1]!,
  digest: match[2]!,
}));

// Italic *Name* in the prose is a reference to a heading or to a bold label (**Faults**), except
// these, which name something else (a value of a table cell, GraphiQL's pane).
const italicsThatAreNoReference = new Set(["(none)", "(unset)", "Headers"]);

describe("README cross-references", () => {
  it("names, in every italic reference, a heading or a bold label that exists", () => {
    const prose = readme.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    const headings = [...prose.matchAll(/^#{1,6} (.+)$/gm)].map((match) => match[1]!.trim());
    const labels = [...prose.matchAll(/^(?:- )?\*\*([^*]+)\*\*/gm)].map((match) => match[1]!.replace(/\.$/, "").trim());
    const targets = new Set([...headings, ...labels]);
    const references = [...prose.replace(/\*\*[^*]+\*\*/g, "").matchAll(/(?<![*\w])\*([^*\s][^*]*?)\*(?![*\w])/g)]
      .map((match) => match[1]!.replace(/\s+/g, " "))
      .filter((reference) => !italicsThatAreNoReference.has(reference));
    expect(references.length).toBeGreaterThan(20);
    expect(references.filter((reference) => !targets.has(reference))).toEqual([]);
  });
});

describe("README examples", () => {
  it("has an example digest for every passwordHasher, and each one signs in with its password", async () => {
    expect(migrationExamples.map((example) => example.hasher).sort()).toEqual(
      [...passwordHasherNames].map((name) => name.toUpperCase()).sort(),
    );
    for (const [index, { hasher, digest }] of migrationExamples.entries()) {
      const identifier = `migrated-${index}@example.com`;
      const created = await graphqlRequest(
        `mutation Import($input: CreateUserInput!) { createUser(input: $input) { __typename } }`,
        { input: { emailAddress: [identifier], passwordDigest: digest, passwordHasher: hasher } },
        true,
      );
      expect(created, hasher).toEqual({ createUser: { __typename: "CreateUserSuccess" } });
      const password = hasher === "SCRYPT_FIREBASE" ? "user1password" : "correct horse battery staple";
      const signedIn = await graphqlRequest(
        `mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename } }`,
        { input: { identifier, password } },
      );
      expect(signedIn, hasher).toEqual({ signIn: { __typename: "SignInSuccess" } });
    }
  });

  it("FirstSignUp signs up, and says what the README says on a second run and with bad values", async () => {
    expect((await run("FirstSignUp")).__typename).toBe("SignUpSuccess");
    const again = await run("FirstSignUp");
    expect(again).toMatchObject({ __typename: "ConflictError" });
    expect([...(again.fields as string[])].sort()).toEqual(["email", "identities", "phoneNumber", "username"]);
    const invalid = await run("FirstSignUp", {
      edit: (query) =>
        query.replace('"ada@example.com"', '"not-an-email"').replace('"1815-12-10"', '"2001-02-29"').replace('"en-GB"', '"en_GB"'),
    });
    expect(invalid.__typename).toBe("ValidationError");
    expect((invalid.fieldErrors as Array<{ path: string[] }>).map((error) => error.path.join("."))).toEqual(
      expect.arrayContaining(["input.email", "input.profile.birthdate", "input.profile.locale"]),
    );
  });

  it("FirstCreateUser creates a user with the admin key", async () => {
    expect(await run("FirstCreateUser", { admin: true })).toMatchObject({ __typename: "CreateUserSuccess" });
  });

  it("SignIn signs in the user FirstSignUp made", async () => {
    expect(await run("SignIn")).toMatchObject({ __typename: "SignInSuccess", user: { email: "ada@example.com" } });
  });

  it("MySessions lists the sessions of the user SignIn signed in, that one as current", async () => {
    const { headers } = await send("SignIn", {});
    const cookie = headers.getSetCookie()[0]!.split(";")[0]!;
    expect(await run("MySessions", { cookie })).toContainEqual(
      expect.objectContaining({ current: true, userAgent: expect.any(String), ipAddress: "127.0.0.1" }),
    );
  });

  it("SignOutOtherSessions ends the other sessions of the user SignIn signed in, and keeps that one", async () => {
    const cookieOf = async () => (await send("SignIn", {})).headers.getSetCookie()[0]!.split(";")[0]!;
    await cookieOf();
    const cookie = await cookieOf();
    expect(await run("SignOutOtherSessions", { cookie })).toBeGreaterThanOrEqual(1);
    expect(await run("SignOutOtherSessions", { cookie })).toBe(0);
    expect(await run("MySessions", { cookie })).toEqual([expect.objectContaining({ current: true })]);
  });

  it("AddEmailAddress, SetPrimaryEmailAddress and RemoveEmailAddress change the addresses of the user SignIn signed in", async () => {
    const cookie = (await send("SignIn", {})).headers.getSetCookie()[0]!.split(";")[0]!;
    expect(await run("AddEmailAddress", { cookie })).toMatchObject({
      __typename: "AddEmailAddressSuccess",
      user: { email: "ada@example.com", emailAddresses: expect.arrayContaining([{ email: "ada.lovelace@example.org", verified: false, primary: false }]) },
    });
    expect(await run("SetPrimaryEmailAddress", { cookie })).toMatchObject({ __typename: "ValidationError" });
    // What the link mailed to it does (Email verification, above).
    await server.database.prisma.emailAddress.update({ where: { emailNormalized: "ada.lovelace@example.org" }, data: { verified: true } });
    expect(await run("SetPrimaryEmailAddress", { cookie })).toMatchObject({
      __typename: "SetPrimaryEmailAddressSuccess",
      user: { email: "ada.lovelace@example.org" },
    });
    // The new address, not ada@example.com, which the examples after this one sign in with.
    const removed = await run("RemoveEmailAddress", { cookie, edit: (query) => query.replace('"ada@example.com"', '"ada.lovelace@example.org"') });
    expect(removed).toMatchObject({ __typename: "RemoveEmailAddressSuccess", user: { email: "ada@example.com" } });
  });

  it("FindByPhone finds the user FirstCreateUser made", async () => {
    expect(await run("FindByPhone", { admin: true })).toMatchObject({ totalCount: 1, edges: [{ node: { username: "grace" } }] });
  });

  it("ImportWordPressUser imports a phpass digest the user can sign in with", async () => {
    expect(await run("ImportWordPressUser", { admin: true })).toMatchObject({ __typename: "CreateUserSuccess" });
    const signedIn = await run("SignIn", {
      edit: (query) =>
        query.replace('"ada@example.com"', '"editor@example.com"').replace('"analytical engine notes 1843"', '"correct horse battery staple"'),
    });
    expect(signedIn.__typename).toBe("SignInSuccess");
  });

  it("BeginTotpEnrollment and ConfirmTotpEnrollment turn TOTP on for the user SignIn signed in", async () => {
    const { headers } = await send("SignIn", {});
    const cookie = headers.getSetCookie()[0]!.split(";")[0]!;
    const begun = await run("BeginTotpEnrollment", { cookie });
    expect(begun).toMatchObject({ __typename: "BeginTotpEnrollmentSuccess", otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\/Identity:ada%40example\.com\?secret=/) });
    const code = totp(begun.secret as string, await stepWithRoom());
    const confirmed = await run("ConfirmTotpEnrollment", { cookie, edit: (query) => query.replace('"123456"', `"${code}"`) });
    expect(confirmed).toMatchObject({ __typename: "ConfirmTotpEnrollmentSuccess", user: { totpEnabled: true } });
    expect(confirmed.backupCodes).toHaveLength(10);
  });

  // Last: it spends ada's sign-in failures.
  it("the rate-limit answer is the README's, to the key, but for the seconds left", async () => {
    const document = /for `(mutation \{ signIn[^`]*)`/.exec(readme)![1]!;
    const example = JSON.parse(/```json\n(\{[^`]*"RATE_LIMITED"[^`]*)```/.exec(readme)![1]!) as unknown;
    const signIn = () =>
      fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: document }) });
    for (let failure = 0; failure < server.config.rateLimits!.rules.signInFailuresPerIdentifier.points; failure++) {
      expect(((await (await signIn()).json()) as { data: unknown }).data).toEqual({ signIn: { __typename: "InvalidCredentialsError" } });
    }
    const refused = await signIn();
    expect(refused.status).toBe(429);
    const seconds = refused.headers.get("retry-after")!;
    const answer = JSON.parse((await refused.text()).replaceAll(seconds, "840")) as unknown;
    // Compared as text: the same keys in the same order too.
    expect(JSON.stringify(answer)).toBe(JSON.stringify(example));
  });
});
