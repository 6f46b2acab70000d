import { CommandError } from "../command-arguments.ts";
import type { AdminContext } from "./admin-context.ts";

/** One `npm run admin -- <name>` command. */
export interface AdminCommand {
  name: string;
  /** One line in `npm run admin -- --help`. */
  summary: string;
  /** What `npm run admin -- <name> --help` prints. */
  usage: string;
  /**
   * Runs with the arguments after the command's name; `openDatabase` connects on first use.
   * Returns the exit code (0 when nothing is returned); the caller's mistakes are CommandErrors.
   */
  run(args: string[], openDatabase: () => Promise<AdminContext>): Promise<number | void>;
}

/** The one positional argument a command takes, e.g. the identifier of find-user. */
export function singlePositional(positionals: string[], command: string, what: string): string {
  if (positionals.length === 0) throw new CommandError(`${command} needs ${what} (see: npm run admin -- ${command} --help).`);
  if (positionals.length > 1) throw new CommandError(`${command} takes one argument (${what}), not ${positionals.length}.`);
  return positionals[0]!;
}

export function noPositionals(positionals: string[], command: string): void {
  if (positionals.length > 0) throw new CommandError(`${command} takes no argument, got ${JSON.stringify(positionals[0])}.`);
}
