import {
  coerceInputValue,
  GraphQLError,
  isNonNullType,
  print,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from "graphql";

/**
 * The most entries a list, and the most keys an object, may have anywhere in a variable's value.
 * The largest the schema takes: importUsers's 1000 rows; a JSON document of 16 KiB (an identity's
 * `details`; metadata is 8 KiB) holds at most 8191 array entries (`[0,0,…]`) and fewer keys, so
 * 10,000 refuses nothing that could be valid. Checked in one pass over the value before it is
 * coerced: graphql-js coerces every entry of a list before the domain counts them (a public signUp
 * of 1.3 million addresses held the server for seconds before "at most 10 addresses").
 */
export const maximumListEntries = 10_000;
export const maximumObjectKeys = 10_000;

// As many refused variables as graphql-js and Yoga's executor report before giving up.
const maximumErrors = 50;

/**
 * The refusals of an operation's variables, as graphql-js words them but without the value
 * (`options.reason` takes it out of graphql-js's reason too), or undefined when they are all fine.
 *
 * Yoga's executor (as graphql-js's `getVariableValues`) prints the whole refused value into each
 * error's message, and for an unknown field that value is the object holding it: an object of
 * 100,000 unknown keys was printed 50 times over, holding the server for 20 seconds on one public
 * signIn. The message never reached the client (it could quote a password), so it is not made:
 * the variables are checked here first, with graphql-js's own coercion, and the executor is only
 * given variables it will accept.
 */
export function refusedVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  options: { hideSuggestions: boolean; reason: (reason: string) => string },
): GraphQLError[] | undefined {
  const definitions = operation.variableDefinitions ?? [];
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    if (!Object.hasOwn(variables, name)) continue;
    const oversized = firstOversizedPart(variables[name]);
    if (oversized) return [refusal(definition, `Variable "$${name}" got invalid value at "${name}${oversized.place}"; ${oversized.reason}`)];
  }
  const errors: GraphQLError[] = [];
  const report = (error: GraphQLError) => {
    if (errors.length >= maximumErrors) throw new TooManyErrors();
    errors.push(error);
  };
  try {
    for (const definition of definitions) {
      const name = definition.variable.name.value;
      // Validation has made sure of an input type.
      const type = typeFromAST(schema, definition.type) as GraphQLInputType;
      if (!Object.hasOwn(variables, name)) {
        if (!definition.defaultValue && isNonNullType(type)) {
          report(refusal(definition, `Variable "$${name}" of required type "${print(definition.type)}" was not provided.`));
        }
        continue;
      }
      const value = variables[name];
      if (value === null && isNonNullType(type)) {
        report(refusal(definition, `Variable "$${name}" of non-null type "${print(definition.type)}" must not be null.`));
        continue;
      }
      coerceInputValue(
        value,
        type,
        (path, _invalidValue, error) => {
          const place = path.length > 0 ? ` at "${name}${printPath(path)}"` : "";
          report(refusal(definition, `Variable "$${name}" got invalid value${place}; ${options.reason(error.message)}`, error));
        },
        options.hideSuggestions,
      );
    }
  } catch (error) {
    if (!(error instanceof TooManyErrors)) throw error;
    errors.push(new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted."));
  }
  return errors.length > 0 ? errors : undefined;
}

class TooManyErrors extends Error {}

function refusal(definition: VariableDefinitionNode, message: string, originalError?: GraphQLError): GraphQLError {
  return new GraphQLError(message, { nodes: definition, originalError });
}

/** `.users[3].emailAddress`, as graphql-js prints a path. */
function printPath(path: ReadonlyArray<string | number>): string {
  return path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("");
}

interface Part {
  value: unknown;
  key?: string | number;
  parent?: Part;
}

/**
 * The first list or object, however deep (a loop, not recursion: JSON nests as deep as a body
 * allows), with more entries than the bounds above: where it is, and why it is refused.
 */
function firstOversizedPart(value: unknown): { place: string; reason: string } | undefined {
  const pending: Part[] = [{ value }];
  for (let part = pending.pop(); part; part = pending.pop()) {
    const { value } = part;
    if (typeof value !== "object" || value === null) continue;
    let reason: string | undefined;
    if (Array.isArray(value)) {
      if (value.length > maximumListEntries) reason = `Lists may have at most ${maximumListEntries} entries; this one has ${value.length}.`;
      else value.forEach((item, index) => pending.push({ value: item, key: index, parent: part }));
    } else {
      const keys = Object.keys(value);
      if (keys.length > maximumObjectKeys) reason = `Objects may have at most ${maximumObjectKeys} keys; this one has ${keys.length}.`;
      else for (const key of keys) pending.push({ value: (value as Record<string, unknown>)[key], key, parent: part });
    }
    if (reason) return { place: printPath(pathOf(part)), reason };
  }
  return undefined;
}

function pathOf(part: Part): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Part | undefined = part; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}
