import { GraphQLError, Kind } from "graphql";
import { builder } from "./builder.ts";

// seed 000 `profile.gender` is "string, integer" (min -10, max 10): the scalar takes either form
// and leaves the range and length to the validation rules, so they are reported with the other
// field errors instead of as a coercion failure.
builder.scalarType("Gender", {
  description: "A short gender code (string) or an integer from -10 to 10.",
  serialize: (value) => value as string | number,
  parseValue: (value) => {
    if (typeof value === "string" || typeof value === "number") return value;
    throw new GraphQLError("Gender must be a string or an integer.");
  },
  parseLiteral: (node) => {
    if (node.kind === Kind.STRING) return node.value;
    if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
    throw new GraphQLError("Gender must be a string or an integer.", { nodes: node });
  },
});
