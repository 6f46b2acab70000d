import { ConfigError } from "../config.ts";
import type { Database } from "../db/client.ts";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.ts";
import type { AdminContext } from "./admin/admin-context.ts";
import { openAdminContext } from "./admin/admin-context.ts";
import { blockUserCommand, unblockUserCommand } from "./admin/block-user.ts";
import type { AdminCommand } from "./admin/command.ts";
import { createApiKeyCommand } from "./admin/create-api-key.ts";
import { deleteUserCommand } from "./admin/delete-user.ts";
import { findUserCommand } from "./admin/find-user.ts";
import { importCommand } from "./admin/import-users.ts";
import { listApiKeysCommand } from "./admin/list-api-keys.ts";
import { revokeApiKeyCommand } from "./admin/revoke-api-key.ts";
import { CommandError, HelpRequested } from "./command-arguments.ts";

// `npm run admin -- <command>`: operator tasks on the server's database (the same environment
// variables as `npm start`), plus the importer. Errors are one line on stderr and exit code 1;
// import exits as `npm run import` does (2 for a mistake in its arguments or files).

const commands: AdminCommand[] = [
  createApiKeyCommand,
  listApiKeysCommand,
  revokeApiKeyCommand,
  findUserCommand,
  blockUserCommand,
  unblockUserCommand,
  deleteUserCommand,
  importCommand,
];

const nameWidth = Math.max(...commands.map((command) => command.name.length)) + 2;

const usage = `Usage: npm run admin -- <command> [arguments]

Commands:
${commands.map((command) => `  ${command.name.padEnd(nameWidth)}${command.summary}`).join("\n")}

Run npm run admin -- <command> --help for a command's arguments.

The commands work on the database that DATABASE_URL names, as npm start does. With the embedded
database (DATABASE_URL unset or pglite://...), stop the server first: only one process at a time
may open its directory. import talks to a running server instead.
`;

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage);
    return 0;
  }
  if (name === undefined) throw new CommandError("Give a command; npm run admin -- --help lists them.");
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) throw new CommandError(`Unknown command ${JSON.stringify(name)}; npm run admin -- --help lists the commands.`);
  let opened: Promise<{ context: AdminContext; database: Database }> | undefined;
  try {
    return (await command.run(rest, async () => (await (opened ??= openAdminContext())).context)) ?? 0;
  } catch (error) {
    if (!(error instanceof HelpRequested)) throw error;
    process.stdout.write(command.usage);
    return 0;
  } finally {
    if (opened) await (await opened).database.close();
  }
}

/** What the operator reads: the message of a mistake or of an expected failure, on one line. */
function errorLine(error: unknown): string {
  if (error instanceof ValidationError) {
    return error.fieldErrors.map((fieldError) => `${fieldError.path.join(".")}: ${fieldError.message}`).join("; ");
  }
  const expected = [CommandError, ConfigError, ConflictError, NotFoundError];
  if (error instanceof Error && expected.some((type) => error instanceof type)) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `Failed: ${message.split("\n").find((line) => line.trim() !== "") ?? "unknown error"}`;
}

main(process.argv.slice(2)).then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    process.stderr.write(`${errorLine(error)}\n`);
    process.exit(1);
  },
);
