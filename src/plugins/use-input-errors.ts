import { PothosValidationError } from "@pothos/core";
import { getOperationAST, GraphQLError, Kind, print } from "graphql";
import { createGraphQLError, isAsyncIterable, type Plugin } from "graphql-yoga";
import { badUserInputCode } from "../schema/graphql-errors.ts";
import { refusedVariables } from "./refused-variables.ts";

/**
 * Refusals of input of the wrong GraphQL type, in variables and in the document's literals.
 *
 * Variables are checked here, before Yoga's executor would (`refused-variables.ts`: their size,
 * then graphql-js's coercion), and refused ("Variable "$input" got invalid value at "input.email"; …")
 * with HTTP 400 and `BAD_USER_INPUT` (Apollo's name for it), so that a client can tell every refusal
 * apart by its code, as a document that fails to parse or validate has one; past 50 of them one more
 * error, pointing at nothing ("Too many errors processing variables"), gets the same code. Pothos's
 * refusals of a field's arguments (a negative `first`) get it too.
 *
 * graphql-js quotes the refused value in the message, and the value is the whole input object
 * where a field is unknown or missing: a password or a digest would come back in the answer, to
 * land in a browser's console or a client's error tracker (and making that message was what cost
 * time). The message keeps where and why, not what;
 * a literal of the wrong type written in the document (`password: 12345678`) is left out likewise.
 */
export function useInputErrors(options: { hideSuggestions: boolean }): Plugin {
  // Yoga caches a document's validation result as this left it, and hands it here again.
  const literalFree = new WeakSet<GraphQLError>();
  const isUnchangedLiteralRefusal = (error: Error): error is GraphQLError => isLiteralRefusal(error) && !literalFree.has(error);
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (!result.some(isUnchangedLiteralRefusal)) return;
        setResult(
          result.map((error) => {
            if (!isUnchangedLiteralRefusal(error)) return error;
            const changed = createGraphQLError(literalFreeMessage(error), { nodes: error.nodes, extensions: error.extensions });
            literalFree.add(changed);
            return changed;
          }),
        );
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const refusals =
        operation &&
        refusedVariables(args.schema, operation, args.variableValues ?? {}, { hideSuggestions: options.hideSuggestions, reason: valueFreeReason });
      if (refusals) {
        // HTTP 400, as Yoga's executor marks its own refusals of variables: nothing ran.
        setResultAndStopExecution({
          errors: refusals.map((error) =>
            createGraphQLError(error.message, {
              nodes: error.nodes,
              originalError: error.originalError,
              extensions: { code: badUserInputCode, http: { status: 400 } },
            }),
          ),
        });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors?.some(isArgumentValidationError)) return;
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              isArgumentValidationError(error)
                ? // As the schema's own refusals of arguments (src/schema/graphql-errors.ts): HTTP 400.
                  createGraphQLError(error.message, {
                    nodes: error.nodes,
                    path: error.path,
                    extensions: { ...error.extensions, code: badUserInputCode, http: { status: 400 } },
                  })
                : error,
            ),
          });
        },
      };
    },
  };
}

/** Pothos refusing a field's arguments: a negative `first` (`users` checks its cursors itself, before Pothos reads them). */
function isArgumentValidationError(error: GraphQLError): boolean {
  return error.extensions?.code === undefined && error.originalError instanceof PothosValidationError;
}

const valueKinds: ReadonlySet<string> = new Set([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT]);

/** A validation error about a literal of the document: it points at the value. */
function isLiteralRefusal(error: Error): error is GraphQLError {
  return error instanceof GraphQLError && error.nodes?.length === 1 && valueKinds.has(error.nodes[0]!.kind);
}

/**
 * `Expected value of type "String!", found <the literal>.` (or `…; <reason>`) less the literal, which
 * graphql-js prints as it was written; a scalar's or an enum's own refusal less the value it quotes.
 */
function literalFreeMessage(error: GraphQLError): string {
  const expected = /^Expected value of type "([^"]+)", found /.exec(error.message);
  if (!expected) return valueFreeReason(error.message);
  const printed = `${expected[0]}${print(error.nodes![0]!)}`;
  const reason = error.message.startsWith(`${printed}; `) ? error.message.slice(printed.length + 2) : undefined;
  return `Expected value of type "${expected[1]}"${reason === undefined ? "." : `; ${valueFreeReason(reason)}`}`;
}

// graphql-js's reasons that name nothing but fields and types (the last one follows the 50th error).
const namesOnlyReasons = [
  /^Field "\w+" is not defined by type "\w+"\.(?: Did you mean [\w", ]+\?)?$/,
  /^Field "[\w.]+" of required type "[\w![\]]+" was not provided\.$/,
  /^Expected type "\w+" to be an object\.$/,
  /^Expected non-nullable type "[\w![\]]+" not to be null\.$/,
  /^Too many errors processing variables, error limit reached\. Execution aborted\.$/,
  // Our own scalars' (src/schema/scalars.ts).
  /^Gender must be a string or an integer\.$/,
  /^Long must be a whole number, or a string of decimal digits\.$/,
  /^A Long of 2\^53 or more must be sent as a string of digits\.$/,
];

/** graphql-js's reason for refusing a value, less the value, which scalars and enums quote. */
function valueFreeReason(reason: string): string {
  if (namesOnlyReasons.some((pattern) => pattern.test(reason))) return reason;
  // "String cannot represent a non string value: <value>", "ID cannot represent value: <value>",
  // `Enum "IdentityType" cannot represent non-string value: <value>.`
  const scalar = /^((?:Enum "\w+"|\w+) cannot represent [\w -]*value): /.exec(reason);
  if (scalar) return `${scalar[1]}.`;
  // `Value "<value>" does not exist in "PasswordHasher" enum. Did you mean the enum value "BCRYPT"?`
  const enumValue = /" does not exist in "(\w+)" enum\.((?: Did you mean the enum value [\w", ]+\?)?)$/.exec(reason);
  if (enumValue) return `Not a value of the "${enumValue[1]}" enum.${enumValue[2]}`;
  return "GraphQL refused this value (its reason is left out, as it may quote the value).";
}
