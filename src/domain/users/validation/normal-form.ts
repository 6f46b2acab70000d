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

/**
 * `normalize` with the normal forms of the values it accepted remembered, up to `limit` of them: for
 * costly checks of values many users share (time zones, language tags), where a bulk import would
 * otherwise pay for the same few again and again. The limit keeps variants from growing it without end.
 */
export function rememberingAccepted(normalize: (value: string) => string | undefined, limit = 2000) {
  const accepted = new Map<string, string>();
  return (value: string): string | undefined => {
    const known = accepted.get(value);
    if (known !== undefined) return known;
    const normal = normalize(value);
    if (normal !== undefined && accepted.size < limit) accepted.set(value, normal);
    return normal;
  };
}
