import { revokeAdminApiKey } from "../../domain/admin/stored-admin-api-keys.ts";
import { storedAdminKeyTrustMilliseconds } from "../../domain/admin/admin-api-keys.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { CommandError, parseCommandArguments } from "../command-arguments.ts";
import { singlePositional, type AdminCommand } from "./command.ts";

const trustSeconds = storedAdminKeyTrustMilliseconds / 1000;

export const revokeApiKeyCommand: AdminCommand = {
  name: "revoke-api-key",
  summary: "revoke a stored admin API key by name",
  usage: `Usage: npm run admin -- revoke-api-key <name>

Revokes the stored admin API key of that name (see list-api-keys). Servers refuse it within
${trustSeconds} seconds, as UNAUTHENTICATED, as they refuse a wrong key. A revoked key cannot be
restored: make a new one. Keys from ADMIN_API_KEYS end by removing them from the variable.

Options:
  -h, --help   show this help
`,
  async run(args, openDatabase) {
    const name = singlePositional(parseCommandArguments(args, {}).positionals, "revoke-api-key", "the key's name");
    const { services } = await openDatabase();
    const revoked = await revokeAdminApiKey(services.prisma, name).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new CommandError(`No stored API key is named ${JSON.stringify(name)}.`);
      throw error;
    });
    process.stdout.write(
      revoked.alreadyRevoked
        ? `The API key "${revoked.name}" was revoked already, at ${revoked.revokedAt.toISOString()}.\n`
        : `Revoked the API key "${revoked.name}". Servers refuse it within ${trustSeconds} seconds.\n`,
    );
  },
};
