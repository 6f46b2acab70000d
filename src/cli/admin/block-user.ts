import { setUserBlocked } from "../../domain/admin/block-user.ts";
import { parseCommandArguments } from "../command-arguments.ts";
import { singlePositional, type AdminCommand } from "./command.ts";
import { identifierHelp, userLabel, userNamedBy } from "./user-lookup.ts";

export const blockUserCommand: AdminCommand = {
  name: "block-user",
  summary: "block a user: no sign-in, open sessions end",
  usage: `Usage: npm run admin -- block-user <identifier> [--reason <text>]

Blocks the user that <identifier> names (${identifierHelp}), as
updateUser(input: { blocked: true }) does: their sessions end now, and sign-in answers
UserBlockedError. The reason, if given, is kept in the user's privateMetadata as blockedReason
(admins only) and shown by find-user; blocking again without --reason keeps it, a new --reason
replaces it, and unblock-user removes it.

Options:
  --reason <text>   why (at most 1000 characters)
  -h, --help        show this help
`,
  async run(args, openDatabase) {
    const { values, positionals } = parseCommandArguments(args, { reason: { type: "string" } });
    const identifier = singlePositional(positionals, "block-user", identifierHelp);
    const context = await openDatabase();
    const user = await userNamedBy(context, identifier);
    await setUserBlocked(context.services, user.id, true, values.reason);
    process.stdout.write(`Blocked user ${userLabel(user)}; their sessions have ended.\n`);
  },
};

export const unblockUserCommand: AdminCommand = {
  name: "unblock-user",
  summary: "unblock a user",
  usage: `Usage: npm run admin -- unblock-user <identifier>

Unblocks the user that <identifier> names (${identifierHelp}) and
removes the blockedReason that block-user kept. They sign in again with their password.

Options:
  -h, --help   show this help
`,
  async run(args, openDatabase) {
    const identifier = singlePositional(parseCommandArguments(args, {}).positionals, "unblock-user", identifierHelp);
    const context = await openDatabase();
    const user = await userNamedBy(context, identifier);
    await setUserBlocked(context.services, user.id, false);
    process.stdout.write(`Unblocked user ${userLabel(user)}.\n`);
  },
};
