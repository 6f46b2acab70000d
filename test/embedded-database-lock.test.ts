import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { connectDatabase } from "../src/db/client.ts";
import { EmbeddedDatabaseInUseError } from "../src/db/embedded-database-lock.ts";
import { applyMigrations } from "../src/db/migrate.ts";

// The embedded database's directory is one process's at a time: a second one read stale rows, and
// its writes could leave the directory unreadable for good. Checked with real processes (npm start
// and the admin command line) on a directory this test process holds open.

const run = promisify(execFile);
const root = new URL("../", import.meta.url).pathname;

interface Outcome {
  /** null: killed after 60 s, e.g. a server that started when it should have been refused. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function runProcess(script: string, args: string[], directory: string): Promise<Outcome> {
  const environment = { ...process.env, NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", DATABASE_URL: `pglite://${directory}` };
  return run("node", ["--import", "tsx", script, ...args], { cwd: root, env: environment, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
    (error: { code: number | null; stdout: string; stderr: string }) => ({ exitCode: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const directories: string[] = [];
afterAll(() => Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true }))));

async function newDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "embedded-lock-"));
  directories.push(directory);
  return directory;
}

const lockFileOf = (directory: string) => join(directory, ".identity-api.lock");

// On PostgreSQL any number of processes share the database: nothing to lock.
describe.skipIf(process.env.TEST_DATABASE === "postgres")("the embedded database's directory, one process at a time", () => {
  it("refuses npm start and the admin command line while another process has it open, in one line naming the directory and that process", async () => {
    const directory = await newDirectory();
    const database = connectDatabase({ kind: "pglite", directory });
    try {
      await applyMigrations(database);
      const [server, admin] = await Promise.all([
        runProcess("src/main.ts", [], directory),
        runProcess("src/cli/admin.ts", ["find-user", "ada@example.com"], directory),
      ]);
      const message = `The embedded database in ${directory} is in use by process ${process.pid}; stop it first (or use DATABASE_URL=postgres://... for several processes).`;
      expect(admin).toEqual({ exitCode: 1, stdout: "", stderr: `${message}\n` });
      // npm start reports it as any start that fails: one "could not start" log line, exit code 1.
      expect(server.exitCode, server.stdout + server.stderr).toBe(1);
      expect(server.stderr).toBe("");
      const lines = server.stdout.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 60, msg: "could not start", err: { message } });
      // The refused processes left the lock, and the database, to its holder.
      expect(await readFile(lockFileOf(directory), "utf8")).toBe(`${process.pid}\n`);
      expect(await database.withConnection((connection) => connection.query<{ one: number }>("SELECT 1 AS one"))).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  }, 120_000);

  it("holds a lock file naming its process while open, refuses a second opening in the same process, and lets the next one in once closed", async () => {
    const directory = await newDirectory();
    const database = connectDatabase({ kind: "pglite", directory });
    await applyMigrations(database);
    expect(await readFile(lockFileOf(directory), "utf8")).toBe(`${process.pid}\n`);
    // Its first query is where a refusal surfaces, as any failure to open the directory.
    await expect(applyMigrations(connectDatabase({ kind: "pglite", directory }))).rejects.toThrow(EmbeddedDatabaseInUseError);
    await database.close();
    expect(existsSync(lockFileOf(directory))).toBe(false);

    const admin = await runProcess("src/cli/admin.ts", ["list-api-keys"], directory);
    expect(admin, admin.stderr).toMatchObject({ exitCode: 0, stdout: "No stored admin API keys.\n" });
    expect(existsSync(lockFileOf(directory))).toBe(false);
    const reopened = connectDatabase({ kind: "pglite", directory });
    await applyMigrations(reopened);
    await reopened.close();
  }, 120_000);

  it("lets one of several processes starting at the same moment hold the directory, and leaves no other file", async () => {
    const directory = await newDirectory();
    // Each waits for a common start, tries, and holds what it got for ten seconds: longer than any of them takes to start.
    const startAt = Date.now() + 5000;
    const attempt = `
      import { lockEmbeddedDatabase } from "./src/db/embedded-database-lock.ts";
      await new Promise((resolve) => setTimeout(resolve, ${startAt} - Date.now()));
      let outcome = "held";
      try { lockEmbeddedDatabase(${JSON.stringify(directory)}); } catch { outcome = "refused"; }
      console.log(outcome);
      setTimeout(() => {}, 10_000);`;
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        run("node", ["--import", "tsx", "--input-type=module", "-e", attempt], { cwd: root, timeout: 60_000 }).then(({ stdout }) => stdout.trim()),
      ),
    );
    expect(outcomes.sort()).toEqual(["held", "refused", "refused", "refused", "refused", "refused"]);
    expect(await readdir(directory)).toEqual([]);
  }, 120_000);

  it("takes over a lock file left by a process that is gone, or holding no process id", async () => {
    const directory = await newDirectory();
    const exited = spawn(process.execPath, ["-e", "0"]);
    await once(exited, "exit");
    await writeFile(lockFileOf(directory), `${exited.pid}\n`);
    const admin = await runProcess("src/cli/admin.ts", ["list-api-keys"], directory);
    expect(admin, admin.stderr).toMatchObject({ exitCode: 0, stdout: "No stored admin API keys.\n" });
    // Taken over, then released when the command closed the database.
    expect(existsSync(lockFileOf(directory))).toBe(false);

    // Garbage, an empty file, and this very process's id without this process holding the lock
    // (a restarted container's server is process 1 again).
    for (const stale of ["not a process id\n", "", `${process.pid}\n`]) {
      await writeFile(lockFileOf(directory), stale);
      const database = connectDatabase({ kind: "pglite", directory });
      await applyMigrations(database);
      expect(await readFile(lockFileOf(directory), "utf8")).toBe(`${process.pid}\n`);
      await database.close();
      expect(existsSync(lockFileOf(directory))).toBe(false);
    }
  }, 120_000);
});
