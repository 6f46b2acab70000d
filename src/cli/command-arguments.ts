import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake of the caller's (unknown option, missing argument, unknown user): one line, no stack. */
export class CommandError extends Error {}

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs, strict, with its complaints (unknown option, missing value) as CommandErrors. */
export function parseCommandArguments<Options extends OptionsConfig>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      // Some come in several lines ("Option '--reason' argument is ambiguous.\nDid you forget…").
      throw new CommandError(error.message.replaceAll("\n", " "));
    }
    throw error;
  }
}
