import { PothosValidationError } from "@pothos/core";
import { Kind, type GraphQLError } from "graphql";
import { createGraphQLError, isAsyncIterable, type Plugin } from "graphql-yoga";
import { badUserInputCode } from "../schema/graphql-errors.ts";

/**
 * graphql-js refuses a variable of the wrong GraphQL type ("Variable "$input" got invalid value …
 * at "input.email"") before anything runs, with no `extensions.code`, unlike a document that fails
 * to parse or validate. This gives those errors `BAD_USER_INPUT` (Apollo's name for it), so that a
 * client can tell every refusal apart by its code. They are told apart from other errors by the node
 * they point at, the variable's definition; past 50 of them graphql-js adds one more, pointing at
 * nothing ("Too many errors processing variables"), which gets the same code. Pothos's refusals of
 * a field's arguments (a forged cursor, a negative `first`) get it too.
 */
export function useVariableErrorCodes(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors) return;
          const refusedVariables = result.data === undefined && result.errors.some(isVariableCoercionError);
          if (!refusedVariables && !result.errors.some(isArgumentValidationError)) return;
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              error.extensions?.code === undefined && (refusedVariables || isArgumentValidationError(error))
                ? createGraphQLError(error.message, {
                    nodes: error.nodes,
                    path: error.path,
                    extensions: { ...error.extensions, code: badUserInputCode },
                  })
                : error,
            ),
          });
        },
      };
    },
  };
}

/** Pothos refusing a field's arguments: a cursor that is not one of ours, a negative `first`. */
function isArgumentValidationError(error: GraphQLError): boolean {
  return error.extensions?.code === undefined && error.originalError instanceof PothosValidationError;
}

function isVariableCoercionError(error: { nodes?: ReadonlyArray<{ kind: string }> | undefined; extensions?: Record<string, unknown> }): boolean {
  return error.extensions?.code === undefined && error.nodes?.length === 1 && error.nodes[0]!.kind === Kind.VARIABLE_DEFINITION;
}
