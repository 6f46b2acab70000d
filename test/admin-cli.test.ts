import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateUserMutation } from "./documents.ts";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";

// `npm run admin`, run as a child process on a database that servers are then started on. The
// embedded database is a directory only one process may open at a time, so each step runs the
// command line first and then a server on the same database, never both at once.

const run = promisify(execFile);
const root = new URL("../", import.meta.url).pathname;
const commandNames = [
  "create-api-key",
  "list-api-keys",
  "revoke-api-key",
  "find-user",
  "block-user",
  "unblock-user",
  "delete-user",
  "import",
];

let databaseUrl: string;
// PostgreSQL project: the fresh database of this first server, dropped when it closes.
let databaseHolder: TestServer | undefined;

beforeAll(async () => {
  if (process.env.TEST_DATABASE === "postgres") {
    databaseHolder = await startTestServer();
    if (databaseHolder.config.database.kind !== "postgres") throw new Error("expected a PostgreSQL database");
    databaseUrl = databaseHolder.config.database.url;
  } else {
    databaseUrl = `pglite://${await mkdtemp(join(tmpdir(), "admin-cli-"))}`;
  }
});
afterAll(() => databaseHolder?.close());

interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

async function admin(...args: string[]): Promise<Outcome> {
  const environment = { ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: databaseUrl, ADMIN_API_KEYS: adminApiKey };
  return run("node", ["--import", "tsx", "src/cli/admin.ts", ...args], { cwd: root, env: environment }).then(
    ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ exitCode: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** A failure: exit code 1 and one line on stderr. */
function expectRefusal(outcome: Outcome, message: string) {
  expect(outcome.exitCode, outcome.stdout).toBe(1);
  expect(outcome.stderr).toMatch(/^[^\n]+\n$/);
  expect(outcome.stderr).toContain(message);
}

async function withServer<Result>(work: (server: TestServer) => Promise<Result>): Promise<Result> {
  const server = await startTestServer({ DATABASE_URL: databaseUrl });
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

async function graphqlRequest(server: TestServer, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, { __typename: string }>; errors?: Array<{ extensions?: { code?: string } }> };
}

const createUserQuery = `mutation ($input: CreateUserInput!) { createUser(input: $input) { __typename } }`;
const signInQuery = `mutation ($input: SignInInput!) { signIn(input: $input) { __typename } }`;

const ada = { email: "ada@example.com", username: "Ada_L", phoneNumber: "+14155552671", password: "analytical-engine-notes-1843" };
let adaId: string;
let apiKey: string;

describe("npm run admin", () => {
  it("lists its commands with --help, and each command explains itself", async () => {
    const overview = await admin("--help");
    expect(overview.exitCode).toBe(0);
    for (const name of commandNames) expect(overview.stdout).toContain(`  ${name} `);
    const helps = await Promise.all(commandNames.map((name) => admin(name, "--help")));
    helps.forEach((help, index) => {
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: npm run admin -- ${commandNames[index]}`));
    });
  }, 240_000);

  it("refuses an unknown command, a missing argument and an unknown option with one line and exit code 1", async () => {
    expectRefusal(await admin("frobnicate"), 'Unknown command "frobnicate"');
    expectRefusal(await admin(), "Give a command");
    expectRefusal(await admin("find-user"), "find-user needs");
    expectRefusal(await admin("create-api-key"), "create-api-key needs --name <name>");
    expectRefusal(await admin("revoke-api-key", "a", "--colour"), "Unknown option '--colour'");
    expectRefusal(await admin("find-user", "ada@example.com", "grace@example.com"), "find-user takes one argument (an email address, phone number, username or user id), not 2.");
    // A value that starts with a dash: node:util says so in three lines, told here in one.
    expectRefusal(await admin("block-user", "ada@example.com", "--reason", "-fraud"), "To specify an option argument starting with a dash use '--reason=-XYZ'.");
    // So is --help where a value belongs: it is not a request for the usage.
    expectRefusal(await admin("block-user", "ada@example.com", "--reason", "--help"), "Option '--reason' argument is ambiguous.");
  }, 120_000);

  it("create-api-key prints a key once; it works as Authorization and the database keeps only its digest", async () => {
    const created = await admin("create-api-key", "--name", "backoffice");
    expect(created.exitCode, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^ik_admin_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toContain("Authorization: Bearer");
    apiKey = created.stdout.trim();
    expectRefusal(await admin("create-api-key", "--name", "backoffice"), 'An API key named "backoffice" exists already');

    await withServer(async (server) => {
      const response = await server.send(
        CreateUserMutation,
        { input: { emailAddress: [ada.email], username: ada.username, phoneNumber: [ada.phoneNumber], password: ada.password } },
        { headers: { authorization: `Bearer ${apiKey}` } },
      );
      const result = response.body.data?.createUser;
      if (result?.__typename !== "CreateUserSuccess") throw new Error(JSON.stringify(response.body));
      adaId = result.user.id;
      // A session that blocking must end (below).
      expect((await graphqlRequest(server, signInQuery, { input: { identifier: ada.email, password: ada.password } })).data?.signIn?.__typename).toBe(
        "SignInSuccess",
      );
      const stored = await server.database.prisma.adminApiKey.findMany();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.keyDigest).toBe(createHash("sha256").update(apiKey).digest("hex"));
      expect(stored[0]!.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(stored)).not.toContain(apiKey.slice("ik_admin_".length));
    });

    const listed = await admin("list-api-keys");
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout).toMatch(/^NAME +CREATED +LAST USED +REVOKED\nbackoffice +\S+Z +\S+Z +-\n/);
    expect(listed.stdout).toContain("ADMIN_API_KEYS holds 1 more key.");
    expect(listed.stdout).not.toContain(apiKey);
    expect(listed.stdout).not.toContain(createHash("sha256").update(apiKey).digest("hex"));
  }, 240_000);

  it("find-user shows a user by email, username, phone number and id, without secrets", async () => {
    for (const identifier of ["ADA@example.com", "ada_l", "+1 415 555 2671", adaId]) {
      const found = await admin("find-user", identifier);
      expect(found.exitCode, found.stderr).toBe(0);
      expect(found.stdout).toContain(`id:           ${adaId}\n`);
      expect(found.stdout).toContain("email:        ada@example.com (primary)\n");
      expect(found.stdout).toContain("username:     Ada_L\n");
      expect(found.stdout).toContain("status:       active\n");
      expect(found.stdout).toMatch(/created: +\d{4}-\d\d-\d\dT/);
      expect(found.stdout).not.toMatch(/argon2|digest|\$2[aby]\$/i);
    }
    expectRefusal(await admin("find-user", "nobody@example.com"), 'No user matches "nobody@example.com".');
  }, 240_000);

  it("find-user shows the control characters a user chose escaped, never raw, and other text as it is", async () => {
    // createUser takes such metadata, and a name or an identity's connection stored before they had
    // to be one line may hold them. Raw, they would clear the screen, retitle the window, recolour and
    // reorder the output, and forge a "status: active" line.
    await withServer(async (server) => {
      const eve = await server.createUser({
        emailAddress: ["eve@example.org"],
        skipPasswordRequirement: true,
        firstName: "Zoë",
        lastName: "東京\u200fnimda\u200e\u061c",
        identities: [{ connection: "corp-sso", provider: "CUSTOM", type: "ENTERPRISE", id: "eve-1", details: {} }],
        blocked: true,
        privateMetadata: { blockedReason: "refund\u2028abuse\u2029\u202eevil\u2066x\u2069\u202c" },
      });
      await server.database.prisma.user.update({
        where: { id: eve.id },
        data: { name: "Eve\u001b[2J\u001b]0;owned\u0007\u001b[31mADMIN OK\nstatus:       active" },
      });
      await server.database.prisma.identity.updateMany({ where: { userId: eve.id }, data: { connection: "corp\u0085sso\u009b31m\u007f" } });
    });
    const found = await admin("find-user", "eve@example.org");
    expect(found.exitCode, found.stderr).toBe(0);
    expect(found.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(found.stdout.split("\n").filter((line) => line.startsWith("status:"))).toHaveLength(1);
    expect(found.stdout).toContain(String.raw`name:         "Eve\u001b[2J\u001b]0;owned\u0007\u001b[31mADMIN OK\nstatus:       active"` + "\n");
    expect(found.stdout).toContain(String.raw`identity:     CUSTOM ENTERPRISE via "corp\u0085sso\u009b31m\u007f", id eve-1` + "\n");
    expect(found.stdout).toContain(String.raw`status:       blocked: "refund\u2028abuse\u2029\u202eevil\u2066x\u2069\u202c"` + "\n");
    expect(found.stdout).toContain("first name:   Zoë\n");
    expect(found.stdout).toContain(String.raw`last name:    "東京\u200fnimda\u200e\u061c"` + "\n");
  }, 240_000);

  it("block-user ends the sessions and sign-in answers UserBlockedError; unblock-user lets the user in again", async () => {
    const blocked = await admin("block-user", ada.email, "--reason", "chargeback fraud");
    expect(blocked.exitCode, blocked.stderr).toBe(0);
    expect(blocked.stdout).toContain(`Blocked user ${adaId} (ada@example.com)`);
    expect((await admin("find-user", ada.username)).stdout).toContain("status:       blocked: chargeback fraud\n");
    await withServer(async (server) => {
      expect(await server.database.prisma.session.count({ where: { userId: adaId } })).toBe(0);
      const signIn = await graphqlRequest(server, signInQuery, { input: { identifier: ada.email, password: ada.password } });
      expect(signIn.data?.signIn?.__typename).toBe("UserBlockedError");
    });

    const unblocked = await admin("unblock-user", adaId);
    expect(unblocked.exitCode, unblocked.stderr).toBe(0);
    await withServer(async (server) => {
      const signIn = await graphqlRequest(server, signInQuery, { input: { identifier: ada.email, password: ada.password } });
      expect(signIn.data?.signIn?.__typename).toBe("SignInSuccess");
      const user = await server.database.prisma.user.findUniqueOrThrow({ where: { id: adaId } });
      expect(user.blocked).toBe(false);
      expect(user.privateMetadata).toEqual({});
    });
  }, 240_000);

  it("block-user without --reason keeps the reason an earlier block gave, a new --reason replaces it, other metadata stays", async () => {
    expect((await admin("block-user", ada.email, "--reason", "chargeback fraud")).exitCode).toBe(0);
    await withServer((server) =>
      server.database.prisma.user.update({ where: { id: adaId }, data: { privateMetadata: { blockedReason: "chargeback fraud", crm: 7 } } }),
    );
    const again = await admin("block-user", ada.email);
    expect(again.exitCode, again.stderr).toBe(0);
    expect((await admin("find-user", ada.email)).stdout).toContain("status:       blocked: chargeback fraud\n");
    expect((await admin("block-user", ada.email, "--reason", "second chargeback")).exitCode).toBe(0);
    expect((await admin("find-user", ada.email)).stdout).toContain("status:       blocked: second chargeback\n");
    expect((await admin("unblock-user", ada.email)).exitCode).toBe(0);
    await withServer(async (server) => {
      const user = await server.database.prisma.user.findUniqueOrThrow({ where: { id: adaId } });
      expect(user).toMatchObject({ blocked: false, privateMetadata: { crm: 7 } });
    });
  }, 240_000);

  it("block-user refuses a reason that would take privateMetadata past 8 KiB, and blocks nothing", async () => {
    const notes = "n".repeat(7_500);
    await withServer((server) => server.database.prisma.user.update({ where: { id: adaId }, data: { privateMetadata: { notes } } }));
    const refused = await admin("block-user", ada.email, "--reason", "r".repeat(1_000));
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe("privateMetadata.blockedReason: Would make privateMetadata more than 8192 bytes as JSON.\n");
    await withServer(async (server) => {
      const user = await server.database.prisma.user.findUniqueOrThrow({ where: { id: adaId } });
      expect(user).toMatchObject({ blocked: false, privateMetadata: { notes } });
      await server.database.prisma.user.update({ where: { id: adaId }, data: { privateMetadata: {} } });
    });
  }, 240_000);

  it("an unblocking through updateUser removes the reason too: a later block does not show it", async () => {
    expect((await admin("block-user", ada.email, "--reason", "settled chargeback")).exitCode).toBe(0);
    const setBlocked = `mutation ($id: ID!, $blocked: Boolean) { updateUser(id: $id, input: { blocked: $blocked }) { __typename } }`;
    await withServer(async (server) => {
      // null unblocks as false does.
      for (const blocked of [null, true]) {
        const answer = await graphqlRequest(server, setBlocked, { id: adaId, blocked }, { authorization: `Bearer ${adminApiKey}` });
        expect(answer.data?.updateUser?.__typename).toBe("UpdateUserSuccess");
      }
    });
    expect((await admin("find-user", ada.email)).stdout).toContain("status:       blocked\n");
    expect((await admin("unblock-user", ada.email)).exitCode).toBe(0);
  }, 240_000);

  it("revoke-api-key: the key is then refused as a wrong key is (UNAUTHENTICATED)", async () => {
    // Names are trimmed, as create-api-key trims them.
    const revoked = await admin("revoke-api-key", " backoffice\n");
    expect(revoked.exitCode, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Revoked the API key "backoffice"');
    expectRefusal(await admin("revoke-api-key", "no-such-key"), 'No stored API key is named "no-such-key".');
    await withServer(async (server) => {
      const input = { input: { emailAddress: ["after-revocation@example.com"], skipPasswordRequirement: true } };
      for (const key of [apiKey, "ik_admin_not-a-key-of-ours-0123456789abcdefghijkl"]) {
        const response = await graphqlRequest(server, createUserQuery, input, { authorization: `Bearer ${key}` });
        expect(response.data).toBeFalsy();
        expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      }
    });
    expect((await admin("list-api-keys")).stdout).toMatch(/\nbackoffice +\S+Z +\S+Z +\d{4}-\S+Z\n/);
  }, 240_000);

  it("delete-user refuses without --yes and deletes with it", async () => {
    // Deleting with --yes succeeding shows the refusal deleted nothing.
    expectRefusal(await admin("delete-user", ada.email), "add --yes");
    const deleted = await admin("delete-user", ada.email, "--yes");
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain(`Deleted user ${adaId} (ada@example.com).`);
    expectRefusal(await admin("find-user", adaId), "No user matches");
  }, 240_000);

  it("import runs the importer against a running server", async () => {
    const directory = await mkdtemp(join(tmpdir(), "admin-cli-import-"));
    const file = join(directory, "users.jsonl");
    const rows = ["one", "two", "three"].map((name) => JSON.stringify({ emailAddress: [`${name}@example.com`], skipPasswordRequirement: true }));
    await writeFile(file, `${rows.join("\n")}\n`);
    await withServer(async (server) => {
      const imported = await admin("import", file, "--url", server.url, "--key", adminApiKey);
      expect(imported.exitCode, imported.stderr).toBe(0);
      expect(imported.stdout).toContain("3 rows: 3 imported, 0 failed");
      expect(await server.database.prisma.user.count({ where: { emailAddresses: { some: { email: { endsWith: "@example.com" } } } } })).toBe(3);
    });
  }, 240_000);

  it("import exits as npm run import does: 2 for a mistake in its arguments or files, 1 for an import that stopped", async () => {
    const directory = await mkdtemp(join(tmpdir(), "admin-cli-import-"));
    const file = join(directory, "users.jsonl");
    await writeFile(file, `${JSON.stringify({ emailAddress: ["exit-codes@example.com"], skipPasswordRequirement: true })}\n`);
    const runs: Array<[string[], number]> = [
      [[], 2],
      [[file, "--key", adminApiKey, "--max-bytes", "4MB"], 2],
      [[join(directory, "missing.jsonl"), "--key", adminApiKey], 2],
      [[file, "--key", adminApiKey, "--failures", join(directory, "no-such-directory", "failures.jsonl")], 2],
      [[file, "--key", adminApiKey, "--failures", file], 2],
      // fetch never connects to port 9 (a "bad port"): the import stops at its first batch, as when no server answers.
      [[file, "--key", adminApiKey, "--url", "http://127.0.0.1:9/graphql"], 1],
    ];
    for (const [args, exitCode] of runs) {
      const underAdmin = await admin("import", ...args);
      const standalone = await run("npx", ["tsx", "src/cli/import-users.ts", ...args], { cwd: root }).then(
        ({ stderr }) => ({ exitCode: 0, stderr }),
        (error: { code: number; stderr: string }) => ({ exitCode: error.code, stderr: error.stderr }),
      );
      expect([underAdmin.exitCode, standalone.exitCode], args.join(" ")).toEqual([exitCode, exitCode]);
      // One line, on its own after the progress bar's, worded as under npm run import.
      expect(underAdmin.stderr, args.join(" ")).toMatch(/^\n[^\n]+\n$/);
      expect(underAdmin.stderr.replaceAll("npm run admin -- import", "npm run import --"), args.join(" ")).toBe(standalone.stderr);
    }
  }, 240_000);
});
