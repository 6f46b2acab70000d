import { z } from "zod";

const longMaximum = 2n ** 63n - 1n;

// seed 004: a Long, "0 means unlimited".
export const organizationsLimit = z
  .bigint("Must be a whole number.")
  .min(0n, "Must be at least 0 (0 means unlimited).")
  .max(longMaximum, `Must be at most ${longMaximum}.`);
