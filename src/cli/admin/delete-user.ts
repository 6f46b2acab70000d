import { deleteUser } from "../../domain/users/delete-user.ts";
import { CommandError, parseCommandArguments } from "../command-arguments.ts";
import { singlePositional, type AdminCommand } from "./command.ts";
import { identifierHelp, userLabel, userNamedBy } from "./user-lookup.ts";

export const deleteUserCommand: AdminCommand = {
  name: "delete-user",
  summary: "delete a user and all their data (needs --yes)",
  usage: `Usage: npm run admin -- delete-user <identifier> --yes

Deletes the user that <identifier> names (${identifierHelp}), as
deleteUser does: with their email addresses, phone numbers, identities, credentials and
sessions. There is no undo, so nothing happens without --yes.

Options:
  --yes        really delete
  -h, --help   show this help
`,
  async run(args, openDatabase) {
    const { values, positionals } = parseCommandArguments(args, { yes: { type: "boolean" } });
    const identifier = singlePositional(positionals, "delete-user", identifierHelp);
    const context = await openDatabase();
    const user = await userNamedBy(context, identifier);
    if (!values.yes) throw new CommandError(`Not deleted: this would delete user ${userLabel(user)} for good; add --yes to do it.`);
    await deleteUser(context.services.prisma, user.id);
    process.stdout.write(`Deleted user ${userLabel(user)}.\n`);
  },
};
