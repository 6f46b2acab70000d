import { importUsage, runImportCommand } from "../import-users.ts";
import type { AdminCommand } from "./command.ts";

const command = "npm run admin -- import";

/**
 * The importer of `npm run import`, under the admin command: it goes through a running server's API,
 * and tells its own mistakes, with its own exit code (2), as under `npm run import`.
 */
export const importCommand: AdminCommand = {
  name: "import",
  summary: "import users from a JSON-lines file through a running server (as npm run import)",
  usage: importUsage(command),
  run: (args) => runImportCommand(args, command),
};
