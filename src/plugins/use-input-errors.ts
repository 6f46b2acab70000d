import { PothosValidationError } from "@pothos/core";
import { GraphQLError, Kind, print } from "graphql";
import { createGraphQLError, isAsyncIterable, type Plugin } from "graphql-yoga";
import { badUserInputCode } from "../schema/graphql-errors.ts";

/**
 * Refusals of input of the wrong GraphQL type, in variables and in the document's literals.
 *
 * graphql-js refuses a variable of the wrong GraphQL type ("Variable "$input" got invalid value …
 * at "input.email"") before anything runs, with no `extensions.code`, unlike a document that fails
 * to parse or validate. This gives those errors `BAD_USER_INPUT` (Apollo's name for it), so that a
 * client can tell every refusal apart by its code. They are told apart from other errors by the node
 * they point at, the variable's definition; past 50 of them graphql-js adds one more, pointing at
 * nothing ("Too many errors processing variables"), which gets the same code. Pothos's refusals of
 * a field's arguments (a negative `first`) get it too.
 *
 * graphql-js quotes the refused value in the message, and the value is the whole input object
 * where a field is unknown or missing: a password or a digest would come back in the answer, to
 * land in a browser's console or a client's error tracker. The message keeps where and why, not what;
 * a literal of the wrong type written in the document (`password: 12345678`) is left out likewise.
 */
export function useInputErrors(): Plugin {
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
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors) return;
          const refusedVariables = result.data === undefined && result.errors.some(isVariableCoercionError);
          if (!refusedVariables && !result.errors.some(isArgumentValidationError)) return;
          setResult({
            ...result,
            errors: result.errors.map((error) => {
              if (isArgumentValidationError(error)) {
                // As the schema's own refusals of arguments (src/schema/graphql-errors.ts): HTTP 400.
                return createGraphQLError(error.message, {
                  nodes: error.nodes,
                  path: error.path,
                  extensions: { ...error.extensions, code: badUserInputCode, http: { status: 400 } },
                });
              }
              if (error.extensions?.code !== undefined || !refusedVariables) return error;
              return createGraphQLError(isVariableCoercionError(error) ? valueFreeMessage(error) : error.message, {
                nodes: error.nodes,
                path: error.path,
                extensions: { ...error.extensions, code: badUserInputCode },
              });
            }),
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

function isVariableCoercionError(error: GraphQLError): boolean {
  return error.extensions?.code === undefined && error.nodes?.length === 1 && error.nodes[0]!.kind === Kind.VARIABLE_DEFINITION;
}

/**
 * `Variable "$input" got invalid value <the value> at "input.users[0].firstName"; <reason>` less the
 * value, in the place and in the reason: `Variable "$input" got invalid value at "…"; <reason>`.
 */
function valueFreeMessage(error: GraphQLError): string {
  const definition = error.nodes?.[0];
  const reason = error.originalError?.message;
  // Refusals without a reason of their own quote nothing: a required variable missing or null.
  if (definition?.kind !== Kind.VARIABLE_DEFINITION || reason === undefined || !error.message.endsWith(`; ${reason}`)) return error.message;
  const variable = definition.variable.name.value;
  // The place follows the value, and is made of names and indexes only.
  const place = new RegExp(` at "(${variable}(?:\\.\\w+|\\[\\d+\\])*)"$`).exec(error.message.slice(0, -(reason.length + 2)));
  return `Variable "$${variable}" got invalid value${place ? ` at "${place[1]}"` : ""}; ${valueFreeReason(reason)}`;
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
