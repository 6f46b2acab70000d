import type { PasswordConfig } from "../config.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { EmailVerificationSettings } from "./email-verification/verification-mail.ts";
import type { StoredDigest } from "./passwords/password-hashing.ts";
import type { RateLimits } from "./rate-limits/rate-limits.ts";
import type { SecretBox } from "./second-factor/secret-box.ts";

/** What the domain services need, handed in by whoever creates them (the server, a test, a script). */
export interface ServiceDependencies {
  prisma: PrismaClient;
  passwords: PasswordConfig;
  secretBox: SecretBox;
  sessionTimeToLiveMilliseconds: number;
  /** Verified against when an identifier is unknown, so it costs what a wrong password costs. */
  timingDummyDigest: Promise<StoredDigest>;
  emailVerification: EmailVerificationSettings;
  /** Sign-up and creation need legal acceptance unless an admin skips the check. */
  legalAcceptanceRequired: boolean;
  /** Called after a commit that queued mail, so the outbox sends it now instead of at its next poll. */
  mailQueued(): void;
  /** SPEC section 9; `noRateLimits` for admin callers and with RATE_LIMITS=off. */
  rateLimits: RateLimits;
}
