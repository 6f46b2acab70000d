import { z } from "zod";

// A hard ceiling on what reaches the hasher; the policy's own maximum (256) is a policy reason
// (`password-policy.ts`), reported with the policy's other reasons.
const passwordHardMaximumLength = 4096;

/** A new password as typed: its shape only; whether it is a good password is the policy's question. */
export const password = z
  .string()
  .max(passwordHardMaximumLength, `Must be at most ${passwordHardMaximumLength} characters.`)
  // An unpaired surrogate would be hashed as U+FFFD, making different passwords equal.
  .refine((value) => value.isWellFormed(), "Must not contain unpaired surrogates.");
