import type { Plugin } from "graphql-yoga";

/**
 * With introspection off, graphql-js's hints would still spell the schema out one guess at a time:
 * `Cannot query field "emial" on type "User". Did you mean "email"?` while the document is
 * validated, `Field "emial" is not defined by type "SignUpInput". Did you mean "email"?` while the
 * variables are checked, and likewise for arguments, types and enum values. This turns on
 * graphql-js's `hideSuggestions` for the first: the error keeps its first sentence and loses the guess.
 * Variables are checked before the executor sees them, by `useInputErrors({ hideSuggestions })`.
 */
export function useHiddenSuggestions(): Plugin {
  return {
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((schema, document, rules, options, typeInfo) =>
        validateFn(schema, document, rules, { ...options, hideSuggestions: true }, typeInfo),
      );
    },
  };
}
