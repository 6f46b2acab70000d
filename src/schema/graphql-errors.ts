import { createGraphQLError } from "graphql-yoga";

// Failures of a whole operation (not of its input) leave as GraphQL errors with a code that
// clients switch on (SPEC section 5).

export function unauthenticated(message: string) {
  return createGraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

export function forbidden(message: string) {
  return createGraphQLError(message, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
}

export function badRequest(message: string) {
  return createGraphQLError(message, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
}
