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

const integerSpelling = /^[+-]?\d+$/;
const longMessage = "Long must be a whole number, or a string of decimal digits.";
// A Long has at most 19 digits. BigInt reads a long string in time that grows with the square of its
// length (4 MB of digits, which fits in a request: 0.7 s of the event loop), so past 20 digits, and
// far outside any Long, a value is read as ±10^20, which the rules refuse like any other out of range.
const mostDigitsRead = 20;

function longOfText(text: string): bigint {
  if (!integerSpelling.test(text)) throw new GraphQLError(longMessage);
  const digits = text.replace(/^[+-]?0*/, "");
  const magnitude = digits.length > mostDigitsRead ? 10n ** BigInt(mostDigitsRead) : BigInt(digits);
  return text.startsWith("-") ? -magnitude : magnitude;
}

// A JSON number of 2^53 or more may have lost digits when it is parsed: refused, rather than stored
// as another number than the one sent.
function parseLong(value: unknown): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "number" && Number.isInteger(value)) throw new GraphQLError("A Long of 2^53 or more must be sent as a string of digits.");
  if (typeof value === "string") return longOfText(value);
  throw new GraphQLError(longMessage);
}

// seed 004's Long (`createOrganizationsLimit`); the range is left to the rules. The answer is a
// number while it is exact in JavaScript and a decimal string beyond. (graphql-scalars' Long does
// the same but prints a warning to the console whenever BigInt has no `toJSON`.)
builder.scalarType("Long", {
  description: "A signed 64-bit integer: a JSON number, or a decimal string for one of 2^53 or more, which a JSON number cannot carry exactly.",
  serialize: (value) => (value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value.toString()),
  parseValue: parseLong,
  parseLiteral: (node) => {
    // A literal is the text of the query: exact whatever its size.
    if (node.kind === Kind.INT || node.kind === Kind.STRING) return longOfText(node.value);
    throw new GraphQLError(longMessage, { nodes: node });
  },
});
