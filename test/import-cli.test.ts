import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApiKey, startTestServer, type TestServer } from "./helpers/server.ts";

const run = promisify(execFile);
const root = new URL("../", import.meta.url).pathname;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

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

  it("explains itself with --help", async () => {
    const { stdout } = await run("npx", ["tsx", "src/cli/import-users.ts", "--help"], { cwd: root });
    expect(stdout).toContain("Usage: npm run import -- <users.jsonl>");
  });
});
