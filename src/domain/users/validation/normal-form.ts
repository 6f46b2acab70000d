import { z } from "zod";

/**
 * A transform for values stored in a normal form (E.164, a Date, a canonical tag): `normalize`
 * gives that form, or undefined for a value that has none, which is refused with `message`.
 */
export function toNormalForm<Output>(normalize: (value: string) => Output | undefined, message: string) {
  return (value: string, context: z.core.$RefinementCtx<string>): Output => {
    const normal = normalize(value);
    if (normal !== undefined) return normal;
    context.addIssue({ code: "custom", message });
    return z.NEVER;
  };
}
