import { loadConfig } from "../src/config.ts";
import type { Argon2Settings } from "../src/domain/passwords/password-hashing.ts";

/**
 * The argon2id parameters the server under test uses: read by the server's own configuration code
 * from the same variables (ARGON2_*), so the raw-hashing limit runs with exactly these.
 */
export const serverArgon2Settings: Argon2Settings = loadConfig({
  ARGON2_MEMORY_KIB: process.env.ARGON2_MEMORY_KIB,
  ARGON2_ITERATIONS: process.env.ARGON2_ITERATIONS,
  ARGON2_PARALLELISM: process.env.ARGON2_PARALLELISM,
}).password.argon2;

/** How the figures next to a hash say what strength they are about. */
export function describeArgon2(settings: Argon2Settings): string {
  return `argon2id m=${settings.memoryCost} KiB, t=${settings.timeCost}, p=${settings.parallelism}`;
}
