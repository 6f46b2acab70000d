import { listAdminApiKeys } from "../../domain/admin/stored-admin-api-keys.ts";
import { parseCommandArguments } from "../command-arguments.ts";
import { noPositionals, type AdminCommand } from "./command.ts";

export const listApiKeysCommand: AdminCommand = {
  name: "list-api-keys",
  summary: "list the stored admin API keys: names and dates, never the keys",
  usage: `Usage: npm run admin -- list-api-keys

Lists the admin API keys made with create-api-key: name, when it was made, when it was last used
(to within 30 seconds) and when it was revoked. Neither a key nor its digest is ever shown. Keys
from ADMIN_API_KEYS are only counted.

Options:
  -h, --help   show this help
`,
  async run(args, openDatabase) {
    noPositionals(parseCommandArguments(args, {}).positionals, "list-api-keys");
    const { services, config } = await openDatabase();
    const keys = await listAdminApiKeys(services.prisma);
    const rows = [
      ["NAME", "CREATED", "LAST USED", "REVOKED"],
      ...keys.map((key) => [key.name, key.createdAt.toISOString(), key.lastUsedAt?.toISOString() ?? "-", key.revokedAt?.toISOString() ?? "-"]),
    ];
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    if (keys.length === 0) process.stdout.write("No stored admin API keys.\n");
    else for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()}\n`);
    const fromEnvironment = config.adminApiKeys.length;
    if (fromEnvironment > 0) process.stdout.write(`ADMIN_API_KEYS holds ${fromEnvironment} more key${fromEnvironment === 1 ? "" : "s"}.\n`);
  },
};
