import type { UserOverview } from "../../domain/admin/find-user.ts";
import { parseCommandArguments } from "../command-arguments.ts";
import { terminalSafe } from "../terminal-text.ts";
import { singlePositional, type AdminCommand } from "./command.ts";
import { identifierHelp, userNamedBy } from "./user-lookup.ts";

export const findUserCommand: AdminCommand = {
  name: "find-user",
  summary: "show a user by email address, phone number, username or id",
  usage: `Usage: npm run admin -- find-user <identifier>

Shows the user that <identifier> names (${identifierHelp}; matched
as sign-in matches it): id, email addresses, phone numbers, identities, names, whether blocked,
and dates. Never a password, digest, secret or an identity's details. A value holding control
characters (escape sequences, newlines, bidi controls) is shown JSON-quoted with them escaped.

Options:
  -h, --help   show this help
`,
  async run(args, openDatabase) {
    const identifier = singlePositional(parseCommandArguments(args, {}).positionals, "find-user", identifierHelp);
    const user = await userNamedBy(await openDatabase(), identifier);
    process.stdout.write(describeUser(user));
  },
};

function describeUser(user: UserOverview): string {
  const flags = (...named: Array<[string, boolean]>) => {
    const set = named.filter(([, on]) => on).map(([name]) => name);
    return set.length > 0 ? ` (${set.join(", ")})` : "";
  };
  // Each value a user or an API caller chose goes through terminalSafe on its own, so that our
  // labels and flags next to it stay as they are.
  const chosen = (value: string | null) => (value === null ? null : terminalSafe(value));
  const lines: Array<[string, string | null | undefined]> = [
    ["id", user.id],
    ["external id", chosen(user.externalId)],
    ["username", chosen(user.username)],
    ["name", chosen(user.name)],
    ["first name", chosen(user.firstName)],
    ["last name", chosen(user.lastName)],
    ...user.emailAddresses.map((address): [string, string] => [
      "email",
      terminalSafe(address.email) + flags(["primary", address.primary], ["verified", address.verified]),
    ]),
    ...user.phoneNumbers.map((phone): [string, string] => [
      "phone",
      terminalSafe(phone.phoneNumber) + flags(["primary", phone.primary], ["verified", phone.verified]),
    ]),
    ...user.identities.map((identity): [string, string] => [
      "identity",
      `${identity.provider} ${identity.type} via ${terminalSafe(identity.connection)}` +
        (identity.providerUserId ? `, id ${terminalSafe(identity.providerUserId)}` : ""),
    ]),
    ["status", user.blocked ? `blocked${user.blockedReason ? `: ${terminalSafe(user.blockedReason)}` : ""}` : "active"],
    ["created", user.createdAt.toISOString()],
    ["last sign-in", user.lastSignInAt?.toISOString() ?? "never"],
  ];
  const shown = lines.filter((line): line is [string, string] => line[1] != null && line[1] !== "");
  const width = Math.max(...shown.map(([label]) => label.length)) + 1;
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}\n`).join("");
}
