import { createAdminApiKey } from "../../domain/admin/stored-admin-api-keys.ts";
import { ConflictError } from "../../domain/errors.ts";
import { CommandError, parseCommandArguments } from "../command-arguments.ts";
import { noPositionals, type AdminCommand } from "./command.ts";

export const createApiKeyCommand: AdminCommand = {
  name: "create-api-key",
  summary: "make an admin API key and print it, once",
  usage: `Usage: npm run admin -- create-api-key --name <name>

Makes an admin API key and prints it on stdout. This is the only time the key is shown: the
database keeps its SHA-256 digest only. Send it with every admin request as the header
  Authorization: Bearer <key>
Names stay taken after revocation; name a key after who holds it, e.g. billing-backoffice.

Options:
  --name <name>   who or what holds the key (letters, digits, spaces, . _ : -; at most 64)
  -h, --help      show this help
`,
  async run(args, openDatabase) {
    const { values, positionals } = parseCommandArguments(args, { name: { type: "string" } });
    noPositionals(positionals, "create-api-key");
    if (values.name === undefined) throw new CommandError("create-api-key needs --name <name>.");
    const { services } = await openDatabase();
    const created = await createAdminApiKey(services.prisma, values.name).catch((error: unknown) => {
      if (error instanceof ConflictError) {
        throw new CommandError(`An API key named ${JSON.stringify(values.name)} exists already (names stay taken after revocation).`);
      }
      throw error;
    });
    // The key alone on stdout, so `npm run -s admin -- create-api-key --name x > key.txt` keeps it.
    process.stdout.write(`${created.key}\n`);
    process.stderr.write(
      `Created the admin API key "${created.name}". Store it now: it is not shown again.\n` +
        `Send it as the header  Authorization: Bearer <the key above>\n`,
    );
  },
};
