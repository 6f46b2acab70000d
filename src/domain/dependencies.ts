import type { Config, PasswordConfig } from "../config.ts";
import type { DriverStatements } from "../db/bulk-rows.ts";
import type { Database } from "../db/client.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { defaultVerificationTokenTimeToLiveMilliseconds } from "./email-verification/verification-mail.ts";
import type { MailedLinkSettings } from "./mailed-links.ts";
import { passwordResetTokenTimeToLiveMilliseconds } from "./password-reset/password-reset-mail.ts";
import { dummyDigest } from "./passwords/verify-password.ts";
import type { StoredDigest } from "./passwords/password-hashing.ts";
import type { RateLimits } from "./rate-limits/rate-limits.ts";
import { SecretBox } from "./second-factor/secret-box.ts";

/** What the domain services need, handed in by whoever creates them (the server, a test, a script). */
export interface ServiceDependencies {
  prisma: PrismaClient;
  /** Bulk import's statements, run by the database driver itself (see `src/db/bulk-rows.ts`). */
  statements: DriverStatements;
  passwords: PasswordConfig;
  secretBox: SecretBox;
  sessionTimeToLiveMilliseconds: number;
  /** A session ends this long after its sign-in, however often it is renewed. */
  sessionMaxLifetimeMilliseconds: number;
  /** Deleting one's own account needs a session whose sign-in is at most this old. */
  sessionFreshMilliseconds: number;
  /** A refused sign-in is answered no sooner than this after it began. */
  signInFailureMinimumMilliseconds: number;
  /** A password reset request is answered no sooner than this after it began. */
  passwordResetRequestMinimumMilliseconds: number;
  /** Verified against when an identifier is unknown, so it costs what a wrong password costs. */
  timingDummyDigest: Promise<StoredDigest>;
  emailVerification: MailedLinkSettings;
  passwordReset: MailedLinkSettings;
  /** The issuer of the otpauth:// URIs of TOTP secrets users set up themselves (TOTP_ISSUER). */
  totpIssuer: string;
  /** Sign-up and creation need legal acceptance unless an admin skips the check. */
  legalAcceptanceRequired: boolean;
  /** Called after a commit that queued mail, so the outbox sends it now instead of at its next poll. */
  mailQueued(): void;
  /** SPEC section 9; `noRateLimits` for admin callers and with RATE_LIMITS=off. */
  rateLimits: RateLimits;
}

/** The services of one process (the server, the admin command line) from its configuration. */
export function createServiceDependencies(
  config: Config,
  database: Database,
  { mailQueued, rateLimits }: Pick<ServiceDependencies, "mailQueued" | "rateLimits">,
): ServiceDependencies {
  return {
    prisma: database.prisma,
    statements: database.statements,
    passwords: config.password,
    secretBox: new SecretBox(config.secretKey),
    sessionTimeToLiveMilliseconds: config.sessionTtlMilliseconds,
    sessionMaxLifetimeMilliseconds: config.sessionMaxLifetimeMilliseconds,
    sessionFreshMilliseconds: config.sessionFreshMilliseconds,
    signInFailureMinimumMilliseconds: config.signInFailureMinimumMilliseconds,
    passwordResetRequestMinimumMilliseconds: config.passwordResetRequestMinimumMilliseconds,
    timingDummyDigest: dummyDigest(config.password.argon2),
    emailVerification: { publicUrl: config.publicUrl, tokenTimeToLiveMilliseconds: defaultVerificationTokenTimeToLiveMilliseconds },
    passwordReset: { publicUrl: config.publicUrl, tokenTimeToLiveMilliseconds: passwordResetTokenTimeToLiveMilliseconds },
    mailQueued,
    totpIssuer: config.totpIssuer,
    legalAcceptanceRequired: config.legalAcceptanceRequired,
    rateLimits,
  };
}
