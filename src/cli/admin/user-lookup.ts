import { NotFoundError } from "../../domain/errors.ts";
import { findUserByIdentifier, type UserOverview } from "../../domain/admin/find-user.ts";
import { CommandError } from "../command-arguments.ts";
import { terminalSafe } from "../terminal-text.ts";
import type { AdminContext } from "./admin-context.ts";

export const identifierHelp = "an email address, phone number, username or user id";

/** The user an identifier names, or a CommandError saying none does. */
export async function userNamedBy(context: AdminContext, identifier: string): Promise<UserOverview> {
  try {
    return await findUserByIdentifier(context.services.prisma, identifier);
  } catch (error) {
    if (error instanceof NotFoundError) throw new CommandError(`No user matches ${JSON.stringify(identifier)}.`);
    throw error;
  }
}

/** "0190… (ada@example.com)": enough to recognise whom a command acted on. */
export function userLabel(user: UserOverview): string {
  const handle = user.emailAddresses[0]?.email ?? user.username ?? user.phoneNumbers[0]?.phoneNumber;
  return handle ? `${user.id} (${terminalSafe(handle)})` : user.id;
}
