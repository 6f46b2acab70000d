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
  for (const problem of crossFieldProblems(input)) {
    // A field already reported by its own rule is not reported twice.
    if (!problems.some((known) => known.path.join("\u0000") === problem.path.join("\u0000"))) problems.push(problem);
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return (result as { data: z.output<Schema> }).data;
}
