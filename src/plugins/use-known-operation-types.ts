import type { ValidationRule } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";

/**
 * An operation of a type the schema has no root type for (`subscription`: this API has none) is
 * refused while the document is validated, as graphql-js 17's KnownOperationTypesRule does.
 * graphql-js 16 refuses it only when it runs, answering a 200 with an error that has no code.
 */
const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(createGraphQLError(`This API has no ${node.operation} operations.`, { nodes: [node] }));
  },
});

export function useKnownOperationTypes(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(knownOperationTypes);
    },
  };
}
