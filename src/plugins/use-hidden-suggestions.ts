import { getOperationAST, getVariableValues, type ExecutionArgs, type GraphQLError } from "graphql";
import { createGraphQLError, isAsyncIterable, type Plugin } from "graphql-yoga";

// As many refused variables as graphql-js and Yoga's executor report before giving up.
const maximumVariableErrors = 50;

/**
 * With introspection off, graphql-js's hints would still spell the schema out one guess at a time:
 * `Cannot query field "emial" on type "User". Did you mean "email"?` while the document is
 * validated, `Field "emial" is not defined by type "SignUpInput". Did you mean "email"?` while the
 * variables are checked, and likewise for arguments, types and enum values. This turns on
 * graphql-js's `hideSuggestions` for both: the error keeps its first sentence and loses the guess.
 */
export function useHiddenSuggestions(): Plugin {
  return {
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((schema, document, rules, options, typeInfo) =>
        validateFn(schema, document, rules, { ...options, hideSuggestions: true }, typeInfo),
      );
    },
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        // graphql-js's arguments: envelop's own type for them predates `hideSuggestions`.
        const withoutSuggestions: ExecutionArgs = { ...args, hideSuggestions: true };
        const result = await executeFn(withoutSuggestions);
        // Yoga's executor (@graphql-tools/executor 2.1) takes `hideSuggestions` but does not pass it
        // on when it coerces variables. A refusal there is a result without data: graphql-js's own
        // check, which does pass it on, words the refusal again. Only refused requests pay for it.
        if (isAsyncIterable(result) || result.data !== undefined || !result.errors?.length) return result;
        const operation = getOperationAST(args.document, args.operationName);
        const refusedVariables =
          operation &&
          getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, {
            maxErrors: maximumVariableErrors,
            hideSuggestions: true,
          }).errors;
        return refusedVariables ? { errors: refusedVariables.map(asRequestError) } : result;
      });
    },
  };
}

/**
 * graphql-js's refusal, marked as Yoga's executor marks its own: HTTP 400, for nothing ran (without
 * it the answer would be a 200, unlike the same mistake where introspection is on).
 */
function asRequestError(error: GraphQLError): GraphQLError {
  return createGraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError,
    extensions: { ...error.extensions, http: { status: 400 } },
  });
}
