import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { link, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRequestBody } from "../src/cli/import-users.ts";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";

const run = promisify(execFile);
const root = new URL("../", import.meta.url).pathname;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Runs `npm run import` against the test server; a failed run is an outcome too, not an exception. */
function runImport(file: string, ...options: string[]) {
  return runImportAgainst(server.url, file, ...options);
}

async function runImportAgainst(url: string, file: string, ...options: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const command = ["tsx", "src/cli/import-users.ts", file, "--url", url, "--key", adminApiKey, ...options];
  return run("npx", command, { cwd: root }).then(
    ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ exitCode: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

interface FailureRecord {
  line: number;
  error: { __typename: string; message?: string; fieldErrors?: Array<{ path: string[]; message: string }> };
}

async function readFailures(file: string): Promise<FailureRecord[]> {
  const text = await readFile(`${file}.failures.jsonl`, "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as FailureRecord);
}

describe("npm run import", () => {
  it("streams a JSON-lines file through importUsers in batches and writes failed rows to a file", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    const digest = await bcrypt.hash("imported password", 4);
    const rows = Array.from({ length: 1200 }, (_, index) =>
      JSON.stringify({ emailAddress: [`cli-${index}@example.com`], passwordDigest: digest, passwordHasher: "BCRYPT" }),
    );
    rows[10] = "{ not json";
    rows[20] = JSON.stringify({ emailAddress: ["not-an-email"], skipPasswordRequirement: true });
    rows[30] = JSON.stringify({ emailAddress: ["cli-0@example.com"], skipPasswordRequirement: true });
    await writeFile(file, `${rows.join("\n")}\n`);

    const outcome = await run("npx", ["tsx", "src/cli/import-users.ts", file, "--url", server.url, "--key", adminApiKey, "--batch-size", "250"], {
      cwd: root,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);

    expect("code" in outcome ? outcome.code : 0).toBe(1);
    expect(outcome.stdout).toContain("1200 rows: 1197 imported, 3 failed");
    expect(outcome.stderr).toContain("100%");
    // Progress follows the lines imported, about a fifth per batch of 250, not the file's read-ahead.
    const percentages = [...outcome.stderr.matchAll(/(\d+)%/g)].map((match) => Number(match[1]));
    expect(percentages[0]).toBeGreaterThan(15);
    expect(percentages[0]).toBeLessThan(30);
    expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
    const failures = (await readFile(`${file}.failures.jsonl`, "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(failures.map((failure) => [failure.line, failure.error.__typename])).toEqual([
      [11, "InvalidJson"],
      [21, "ValidationError"],
      [31, "ConflictError"],
    ]);
    expect(await server.database.prisma.user.count()).toBe(1197);
  });

  it("splits batches to fit the request size limit", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    const padding = "x".repeat(1000);
    const rows = Array.from({ length: 30 }, (_, index) =>
      JSON.stringify({ emailAddress: [`big-${index}@example.com`], skipPasswordRequirement: true, publicMetadata: { padding } }),
    );
    await writeFile(file, `${rows.join("\n")}\n`);
    const { stdout } = await run(
      "npx",
      ["tsx", "src/cli/import-users.ts", file, "--url", server.url, "--key", adminApiKey, "--max-bytes", "8000"],
      { cwd: root },
    );
    expect(stdout).toContain("30 rows: 30 imported, 0 failed");
  });

  it("sizes batches by what it sends, which can be longer than the file's lines, and reads a file with a byte-order mark", async () => {
    const small = await startTestServer({ MAX_BODY_BYTES: "8192" });
    try {
      const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
      const file = join(directory, "users.jsonl");
      // Python writes large floats with an exponent; JSON.stringify writes them out in full.
      const numbers = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`n${index}`, 1e20]));
      const rows = Array.from({ length: 30 }, (_, index) =>
        JSON.stringify({ emailAddress: [`exponent-${index}@example.com`], skipPasswordRequirement: true, publicMetadata: numbers }).replaceAll(
          "100000000000000000000",
          "1e20",
        ),
      );
      await writeFile(file, `\uFEFF${rows.join("\n")}\n`);
      const command = ["tsx", "src/cli/import-users.ts", file, "--url", small.url, "--key", adminApiKey, "--max-bytes", "8192"];
      const { stdout } = await run("npx", command, { cwd: root });
      expect(stdout).toContain("30 rows: 30 imported, 0 failed");
    } finally {
      await small.close();
    }
  });

  it("fills a request up to the size limit exactly, and fails a row that alone makes one a byte longer", async () => {
    const small = await startTestServer({ MAX_BODY_BYTES: "8192" });
    try {
      const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
      const file = join(directory, "users.jsonl");
      const row = (email: string, note: string) => ({ emailAddress: [email], skipPasswordRequirement: true, unsafeMetadata: { note } });
      /** `rows` padded (the last one's note) so that one request of them is `bytes` long. */
      const sized = (rows: ReturnType<typeof row>[], bytes: number) => {
        const last = rows.at(-1)!;
        last.unsafeMetadata.note = "x".repeat(bytes - Buffer.byteLength(importRequestBody(rows)));
        expect(Buffer.byteLength(importRequestBody(rows))).toBe(bytes);
        return rows;
      };
      const lines = [
        // Two rows that fill one request of 8192 bytes, commas counted; three that would make one of
        // 8193, so two requests; one row alone of 8192; one of 8193.
        ...sized([row("exact-1@example.com", "x".repeat(3000)), row("exact-2@example.com", "")], 8192),
        ...sized([row("exact-3@example.com", "x".repeat(2000)), row("exact-4@example.com", "x".repeat(2000)), row("exact-5@example.com", "")], 8193),
        ...sized([row("exact-6@example.com", "")], 8192),
        ...sized([row("exact-7@example.com", "")], 8193),
      ];
      await writeFile(file, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
      const outcome = await runImportAgainst(small.url, file, "--max-bytes", "8192");
      expect(outcome.stdout, outcome.stderr).toContain("7 rows: 6 imported, 1 failed");
      expect(await readFailures(file)).toEqual([{ line: 7, error: { __typename: "TooLarge", message: "The row alone exceeds the request size limit." } }]);
    } finally {
      await small.close();
    }
  });

  it("imports every good row of a batch that GraphQL refuses for one bad row, and lists the bad rows", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    const row = (email: string) => JSON.stringify({ emailAddress: [email], skipPasswordRequirement: true });
    const lines = [
      "{ not json",
      row("batch-2@example.com"),
      JSON.stringify({ emailAddress: ["not-an-email"], skipPasswordRequirement: true }),
      row("batch-4@example.com"),
      JSON.stringify({ emailAddress: ["batch-5@example.com"], firstName: 5 }),
      row("batch-6@example.com"),
      // A Long that a JSON number cannot carry exactly, and the same as a string of digits.
      '{"emailAddress":["batch-7@example.com"],"skipPasswordRequirement":true,"createOrganizationsLimit":1152921504606846977}',
      '{"emailAddress":["batch-8@example.com"],"skipPasswordRequirement":true,"createOrganizationsLimit":"1152921504606846977"}',
    ];
    await writeFile(file, `${lines.join("\n")}\n`);

    const outcome = await runImport(file, "--batch-size", "2");

    expect(outcome.exitCode).toBe(1);
    expect(outcome.stdout).toContain("8 rows: 4 imported, 4 failed");
    const imported = await server.database.prisma.emailAddress.findMany({
      where: { email: { startsWith: "batch-" } },
      select: { email: true },
      orderBy: { email: "asc" },
    });
    expect(imported.map((address) => address.email)).toEqual([
      "batch-2@example.com",
      "batch-4@example.com",
      "batch-6@example.com",
      "batch-8@example.com",
    ]);
    const failures = await readFailures(file);
    expect(failures.map((failure) => [failure.line, failure.error.__typename])).toEqual([
      [1, "InvalidJson"],
      [3, "ValidationError"],
      [5, "InvalidInput"],
      [7, "InvalidInput"],
    ]);
    expect(failures[2]!.error.fieldErrors).toEqual([{ path: ["firstName"], message: "String cannot represent a non string value." }]);
    expect(failures[3]!.error.fieldErrors).toEqual([
      { path: ["createOrganizationsLimit"], message: "A Long of 2^53 or more must be sent as a string of digits." },
    ]);
    const limit = await server.database.prisma.user.findFirstOrThrow({
      where: { emailAddresses: { some: { email: "batch-8@example.com" } } },
      select: { createOrganizationsLimit: true },
    });
    expect(limit.createOrganizationsLimit).toBe(1152921504606846977n);
  });

  it("fails a row nested thousands of levels deep alone, and imports the rows around it", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    /** A row whose objects nest `depth` levels, itself included. */
    const deep = (depth: number) => `{"unsafeMetadata":${'{"a":'.repeat(depth - 1)}1${"}".repeat(depth - 1)},"skipPasswordRequirement":true}`;
    const row = (email: string) => JSON.stringify({ emailAddress: [email], skipPasswordRequirement: true });
    await writeFile(file, `${[row("deep-before@example.com"), deep(2000), deep(65), deep(64), row("deep-after@example.com")].join("\n")}\n`);
    const outcome = await runImport(file);
    expect(outcome.stdout, outcome.stderr).toContain("5 rows: 2 imported, 3 failed");
    // 64 levels are sent, for the server to refuse (metadata may nest 16).
    expect((await readFailures(file)).map((failure) => [failure.line, failure.error.__typename])).toEqual([
      [2, "TooDeep"],
      [3, "TooDeep"],
      [4, "ValidationError"],
    ]);
  });

  it("leaves out the text of a refusal it cannot read, which a server before value-free messages filled with the row", async () => {
    const digest = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    const message = `Variable "$users" got invalid value { emailAddress: ["old@example.com"], passwordDigest: "${digest}", bogus: true } at "users[0]"; Field "bogus" is not defined by type "CreateUserInput".`;
    const olderServer = createServer((_request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ errors: [{ message, extensions: { code: "BAD_USER_INPUT" } }] }));
    });
    await new Promise<void>((resolve) => olderServer.listen(0, "127.0.0.1", resolve));
    try {
      const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
      const file = join(directory, "users.jsonl");
      await writeFile(file, `${JSON.stringify({ emailAddress: ["old@example.com"], passwordDigest: digest, passwordHasher: "BCRYPT", bogus: true })}\n`);
      const outcome = await runImportAgainst(`http://127.0.0.1:${(olderServer.address() as AddressInfo).port}/graphql`, file);
      expect(outcome.exitCode).toBe(1);
      const failures = await readFile(`${file}.failures.jsonl`, "utf8");
      expect(JSON.parse(failures)).toEqual({
        line: 1,
        error: {
          __typename: "InvalidInput",
          message: "The row does not fit CreateUserInput.",
          fieldErrors: [{ path: [], message: "GraphQL refused this row (its reason is left out, as it may quote the row)." }],
        },
      });
      expect(failures + outcome.stdout + outcome.stderr).not.toContain("R9h/cIPz0gi");
    } finally {
      olderServer.close();
    }
  });

  it("writes field error paths and messages from inside the row, in any batch and after a split", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    const row = (email: string) => JSON.stringify({ emailAddress: [email], skipPasswordRequirement: true });
    const lines = [
      row("paths-1@example.com"),
      row("paths-2@example.com"),
      // The first row of the second batch.
      row("not-an-email"),
      row("paths-4@example.com"),
      // The third batch is refused for its first row and split, which leaves the second alone.
      JSON.stringify({ emailAddress: ["paths-5@example.com"], firstName: 5 }),
      row("also-not-an-email"),
    ];
    await writeFile(file, `${lines.join("\n")}\n`);

    const outcome = await runImport(file, "--batch-size", "2");

    expect(outcome.exitCode).toBe(1);
    expect(outcome.stdout).toContain("6 rows: 3 imported, 3 failed");
    const failures = await readFailures(file);
    expect(failures.map((failure) => [failure.line, failure.error.__typename])).toEqual([
      [3, "ValidationError"],
      [5, "InvalidInput"],
      [6, "ValidationError"],
    ]);
    for (const failure of [failures[0]!, failures[2]!]) {
      const fieldErrors = failure.error.fieldErrors!;
      expect(fieldErrors.map((fieldError) => fieldError.path)).toEqual([["emailAddress", "0"]]);
      expect(failure.error.message).toBe(`Invalid value for emailAddress.0: ${fieldErrors[0]!.message}`);
    }
  });

  it("never prints or writes the secrets of a row GraphQL refuses, or of any failed row", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    const digest = await bcrypt.hash("a secret password", 4);
    const totpSecret = "JBSWY3DPEHPK3PXP";
    const backupCode = "backup-7f3a9c1e";
    const numericSecret = 4242424242;
    const lines = [
      JSON.stringify({ emailAdress: ["secret-1@example.com"], passwordDigest: digest, passwordHasher: "BCRYPT", totpSecret, backupCodes: [backupCode] }),
      JSON.stringify({ emailAddress: ["secret-2@example.com"], password_digest: digest, email_verified: true, totp_secret: totpSecret }),
      JSON.stringify({ emailAddress: ["secret-3@example.com"], skipPasswordRequirement: true, totpSecret: numericSecret, backupCodes: [{ code: backupCode }] }),
      JSON.stringify(totpSecret),
      JSON.stringify({ emailAddress: ["secret-5@example.com"], passwordDigest: digest, passwordHasher: "BCRYPT", totpSecret, backupCodes: [backupCode] }),
      JSON.stringify({ emailAddress: ["secret-5@example.com"], passwordDigest: digest, passwordHasher: "BCRYPT", totpSecret, backupCodes: [backupCode] }),
    ];
    await writeFile(file, `${lines.join("\n")}\n`);

    const outcome = await runImport(file);

    const failuresText = await readFile(`${file}.failures.jsonl`, "utf8");
    for (const secret of [digest, totpSecret, backupCode, String(numericSecret)]) {
      expect(outcome.stdout).not.toContain(secret);
      expect(outcome.stderr).not.toContain(secret);
      expect(failuresText).not.toContain(secret);
    }
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stdout).toContain("6 rows: 1 imported, 5 failed");
    // Lines refused locally are written as they are read, before their batch has its answer.
    const failures = (await readFailures(file)).sort((first, second) => first.line - second.line);
    expect(failures.map((failure) => [failure.line, failure.error.__typename])).toEqual([
      [1, "InvalidInput"],
      [2, "InvalidInput"],
      [3, "InvalidInput"],
      [4, "NotAnObject"],
      [6, "ConflictError"],
    ]);
    expect(failures[0]!.error.fieldErrors).toEqual([
      { path: [], message: 'Field "emailAdress" is not defined by type "CreateUserInput". Did you mean "emailAddress"?' },
    ]);
    expect(failures[1]!.error.fieldErrors!.map((fieldError) => fieldError.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('"password_digest"'), expect.stringContaining('"email_verified"'), expect.stringContaining('"totp_secret"')]),
    );
    expect(failures[2]!.error.fieldErrors).toEqual([
      { path: ["backupCodes", "0"], message: "String cannot represent a non string value." },
      { path: ["totpSecret"], message: "String cannot represent a non string value." },
    ]);
  });

  it("fails alone a line that is not UTF-8 or holds a number too large to read, rather than importing it changed; CRLF lines read", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    const row = (email: string, extra = "") => `{"emailAddress":["${email}"],"skipPasswordRequirement":true${extra}}`;
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from(`${row("bytes-1@example.com")}\r\n`),
        // "José" in Latin-1: é is the single byte 0xE9, which UTF-8 never has alone.
        Buffer.from(`${row("bytes-2@example.com", ',"firstName":"Jos')}`),
        Buffer.from([0xe9]),
        Buffer.from(`"}\r\n`),
        Buffer.from(`${row("bytes-3@example.com", ',"loginAttempts":1e400,"publicMetadata":{"big":[1,-1e999]}')}\n`),
        Buffer.from(`${row("bytes-4@example.com", ',"firstName":"José"')}`),
      ]),
    );

    const outcome = await runImport(file);
    expect(outcome.stdout).toContain("4 rows: 2 imported, 2 failed");
    expect(await readFailures(file)).toEqual([
      { line: 2, error: { __typename: "InvalidUtf8", message: "The line is not UTF-8 text: save the file as UTF-8." } },
      {
        line: 3,
        error: {
          __typename: "InvalidInput",
          message: "The row does not fit CreateUserInput.",
          fieldErrors: [
            { path: ["loginAttempts"], message: "The number is too large to read (it parses as infinity)." },
            { path: ["publicMetadata", "big", "1"], message: "The number is too large to read (it parses as infinity)." },
          ],
        },
      },
    ]);
    const names = await server.database.prisma.user.findMany({
      where: { emailAddresses: { some: { email: { startsWith: "bytes-" } } } },
      select: { firstName: true, emailAddresses: { select: { email: true } } },
    });
    expect(names.map((user) => [user.emailAddresses[0]!.email, user.firstName]).sort()).toEqual([
      ["bytes-1@example.com", null],
      ["bytes-4@example.com", "José"],
    ]);
  });

  it("reads lines ended by a lone carriage return, and fails a line far over the request size unread", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    const row = (email: string) => JSON.stringify({ emailAddress: [email], skipPasswordRequirement: true });
    const huge = JSON.stringify({ emailAddress: ["cr-huge@example.com"], skipPasswordRequirement: true, unsafeMetadata: { note: "x".repeat(100_000) } });
    await writeFile(file, `${row("cr-1@example.com")}\r${row("cr-2@example.com")}\r${huge}\r\n${row("cr-4@example.com")}`);

    const outcome = await runImport(file, "--max-bytes", "8192");
    expect(outcome.stdout).toContain("4 rows: 3 imported, 1 failed");
    expect(await readFailures(file)).toEqual([{ line: 3, error: { __typename: "TooLarge", message: "The row alone exceeds the request size limit." } }]);
  });

  it("reads a key with a line break at its end, and refuses one with lines of npm's in it without printing it", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    await writeFile(file, `${JSON.stringify({ emailAddress: ["key-file@example.com"], skipPasswordRequirement: true })}\n`);
    const withKey = (key: string) =>
      run("npx", ["tsx", "src/cli/import-users.ts", file, "--url", server.url], { cwd: root, env: { ...process.env, ADMIN_API_KEY: key } }).then(
        ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ exitCode: error.code, stdout: error.stdout, stderr: error.stderr }),
      );

    const banner = await withKey(`\n> identity@1.0.0 admin\n> tsx src/cli/admin.ts create-api-key\n\n${adminApiKey}\n`);
    expect(banner.exitCode).toBe(2);
    expect(banner.stderr.trim()).toMatch(/^The admin API key has spaces, line breaks/);
    expect(banner.stderr + banner.stdout).not.toContain(adminApiKey);
    expect(await server.database.prisma.emailAddress.count({ where: { email: "key-file@example.com" } })).toBe(0);

    const trailing = await withKey(`${adminApiKey}\n`);
    expect(trailing.stdout).toContain("1 rows: 1 imported, 0 failed");
  });

  it("takes the API's address in IDENTITY_API_URL, as the example app does, and sends to its /graphql", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    await writeFile(file, `${JSON.stringify({ emailAddress: ["api-address@example.com"], skipPasswordRequirement: true })}\n`);
    const { stdout } = await run("npx", ["tsx", "src/cli/import-users.ts", file, "--key", adminApiKey], {
      cwd: root,
      env: { ...process.env, IDENTITY_API_URL: server.origin },
    });
    expect(stdout).toContain("1 rows: 1 imported, 0 failed");
  });

  it("stops with a one-line message when a numeric option is not a positive whole number", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    await writeFile(file, `${JSON.stringify({ emailAddress: ["max-bytes@example.com"], skipPasswordRequirement: true })}\n`);

    for (const maxBytes of ["4MB", "0"]) {
      const outcome = await runImport(file, "--max-bytes", maxBytes);
      expect(outcome.exitCode, maxBytes).toBe(2);
      expect(outcome.stderr.trim(), maxBytes).toBe("--max-bytes must be a whole number of bytes, at least 1 (4194304 is 4 MiB).");
    }
    expect(await server.database.prisma.emailAddress.count({ where: { email: "max-bytes@example.com" } })).toBe(0);
  });

  it("refuses an address that is not http(s) or that holds a password, without printing it", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    await writeFile(file, `${JSON.stringify({ emailAddress: ["url-check@example.com"], skipPasswordRequirement: true })}\n`);
    const withPassword = server.url.replace("://", "://backoffice:hunter2-secret@");
    // The last run's failures stay until a run that can start begins.
    await writeFile(`${file}.failures.jsonl`, "the last run's failures\n");

    for (const [url, message] of [
      [withPassword, "--url must not hold a user name or password: the admin API key (--key) is the credential."],
      ["localhost:4000/graphql", "--url must be an http:// or https:// address."],
      ["not a url", "--url must be the API's address, such as http://localhost:4000."],
    ]) {
      const outcome = await runImport(file, "--url", url!);
      expect(outcome.exitCode, url).toBe(2);
      expect(outcome.stderr.trim(), url).toBe(message);
    }
    expect(await server.database.prisma.emailAddress.count({ where: { email: "url-check@example.com" } })).toBe(0);
    expect(await readFile(`${file}.failures.jsonl`, "utf8")).toBe("the last run's failures\n");
  });

  it("takes a blank MAX_BODY_BYTES or IDENTITY_API_URL as unset, as the server does", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    await writeFile(file, `${JSON.stringify({ emailAddress: ["blank-settings@example.com"], skipPasswordRequirement: true })}\n`);
    const { stdout } = await run("npx", ["tsx", "src/cli/import-users.ts", file, "--url", server.url, "--key", adminApiKey], {
      cwd: root,
      env: { ...process.env, MAX_BODY_BYTES: " ", IDENTITY_API_URL: " " },
    });
    expect(stdout).toContain("1 rows: 1 imported, 0 failed");
  });

  it("stops with a one-line message, before importing anything, when the failures file cannot be created", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    await writeFile(file, `${JSON.stringify({ emailAddress: ["failures-path@example.com"], skipPasswordRequirement: true })}\n`);
    const failuresFile = join(directory, "no-such-directory", "failures.jsonl");

    const outcome = await runImport(file, "--failures", failuresFile);

    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr.trim()).toBe(`Cannot create the --failures file, ${failuresFile}: no such file or directory.`);
    expect(await server.database.prisma.emailAddress.count({ where: { email: "failures-path@example.com" } })).toBe(0);
  });

  it("stops with a one-line message and exit code 2 when the failures file cannot be written in the middle of the import", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    const lines = Array.from({ length: 30 }, (_, index) => JSON.stringify({ emailAddress: [`full-disk-${index}@example.com`], skipPasswordRequirement: true }));
    lines[5] = "{ not json";
    await writeFile(file, `${lines.join("\n")}\n`);

    // /dev/full opens, and refuses every write with ENOSPC, as a full disk does.
    const outcome = await runImport(file, "--failures", "/dev/full", "--batch-size", "1");

    expect(outcome.exitCode, outcome.stderr).toBe(2);
    const lastLine = outcome.stderr.trim().split("\n").at(-1);
    expect(lastLine).toMatch(/^Cannot write the --failures file, \/dev\/full: no space left on device \(ENOSPC\); stopped at line \d+ /);
    expect(outcome.stderr).not.toMatch(/^\s+at /m);
    // The import stopped: the rows after it, whose failures could not have been recorded, were not sent.
    const imported = await server.database.prisma.emailAddress.count({ where: { email: { startsWith: "full-disk-" } } });
    expect(imported).toBeGreaterThanOrEqual(5);
    expect(imported).toBeLessThan(29);
  });

  it("refuses a --failures file that is the file to import, by any path or link, before emptying it", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "users.jsonl");
    const content = `${JSON.stringify({ emailAddress: ["same-file@example.com"], skipPasswordRequirement: true })}\n`;
    await writeFile(file, content);
    await symlink(file, join(directory, "symbolic-link.jsonl"));
    await link(file, join(directory, "hard-link.jsonl"));

    for (const failuresFile of [file, `${directory}/./users.jsonl`, join(directory, "symbolic-link.jsonl"), join(directory, "hard-link.jsonl")]) {
      const outcome = await runImport(file, "--failures", failuresFile);
      expect(outcome.exitCode, failuresFile).toBe(2);
      expect(outcome.stderr.trim()).toBe(`The --failures file, ${failuresFile}, is the file to import, ${file}: writing the failures would empty it.`);
      expect(await readFile(file, "utf8")).toBe(content);
    }
    expect(await server.database.prisma.emailAddress.count({ where: { email: "same-file@example.com" } })).toBe(0);
  });

  it("stops with a one-line message when the file to import cannot be read", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import-cli-"));
    const file = join(directory, "missing.jsonl");

    const outcome = await runImport(file);

    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr.trim()).toBe(`Cannot read the file to import, ${file}: no such file or directory.`);
  });

  it("explains itself with --help", async () => {
    const { stdout } = await run("npx", ["tsx", "src/cli/import-users.ts", "--help"], { cwd: root });
    expect(stdout).toContain("Usage: npm run import -- <users.jsonl>");
  });

  it("runs from a path with a space or through a link (a checkout in ~/My Projects), not silently doing nothing", async () => {
    const directory = await mkdtemp(join(tmpdir(), "import cli "));
    const linked = join(directory, "import users.ts");
    await symlink(join(root, "src/cli/import-users.ts"), linked);
    const outcome = await run("npx", ["tsx", linked, join(directory, "missing.jsonl"), "--key", adminApiKey], { cwd: root }).then(
      () => ({ exitCode: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ exitCode: error.code, stderr: error.stderr }),
    );
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr).toContain("Cannot read the file to import");
  });
});
