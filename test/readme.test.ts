import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";

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

async function run(name: string, options: { admin?: boolean; edit?: (query: string) => string } = {}) {
  const query = examples.get(name);
  if (!query) throw new Error(`README has no example named ${name}`);
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(options.admin ? { authorization: `Bearer ${adminApiKey}` } : {}) },
    body: JSON.stringify({ query: options.edit ? options.edit(query) : query }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data?: Record<string, { __typename: string; [key: string]: unknown }>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return Object.values(body.data!)[0]!;
}

describe("README examples", () => {
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
});
