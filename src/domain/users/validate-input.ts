import type { z } from "zod";
import { ValidationError, type FieldError } from "../errors.ts";

/**
 * Parses `input` with `schema` and adds the cross-field problems; throws one ValidationError
 * listing every invalid field, with paths relative to the input object.
 */
export function validateInput<Schema extends z.ZodType>(
  schema: Schema,
  input: z.input<Schema>,
  crossFieldProblems: (input: z.input<Schema>) => FieldError[],
): z.output<Schema> {
  const result = schema.safeParse(input);
  const problems: FieldError[] = result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  // A field with problems of both kinds gets every message, in one entry (ValidationError). Not
  // `push(...)`: a list of 125,000 repeated entries is as many problems, past what a call's
  // arguments can hold (RangeError), and the whole request failed.
  for (const problem of crossFieldProblems(input)) problems.push(problem);
  if (problems.length > 0) throw new ValidationError(problems);
  return (result as { data: z.output<Schema> }).data;
}
