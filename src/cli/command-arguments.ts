import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake of the caller's (unknown option, missing argument, unknown user): one line, no stack. */
export class CommandError extends Error {}

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** `-h` or `--help` among a command's arguments (not as an option's value): its usage is what to print. */
export class HelpRequested extends Error {}

const helpOption = { help: { type: "boolean", short: "h" } } as const;

/**
 * node:util parseArgs, strict, with its complaints (unknown option, missing value) as CommandErrors,
 * and `-h`/`--help` as HelpRequested.
 */
export function parseCommandArguments<Options extends OptionsConfig>(args: string[], options: Options) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, ...helpOption }, allowPositionals: true, strict: true });
  } catch (error) {
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      // Some come in several lines ("Option '--reason' argument is ambiguous.\nDid you forget…").
      throw new CommandError(error.message.replaceAll("\n", " "));
    }
    throw error;
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested();
  return parsed;
}
