import { isIP } from "node:net";
import addressparser from "nodemailer/lib/addressparser";
import { z } from "zod";
import { defaultQueryTimeoutMilliseconds } from "./db/stalled-connections.ts";
import { argon2Ceilings } from "./domain/passwords/formats/argon2-phc.ts";
import type { RateLimitName, RateLimitRule } from "./domain/rate-limits/rate-limits.ts";
import { readPersistedOperations, type PersistedOperations } from "./plugins/persisted-operations-manifest.ts";

/**
 * All configuration, read from the environment once at start. A bad value stops the start with
 * one line naming the variable (see `ConfigError`).
 */

/** An unset and an empty variable mean the same: use the default. */
const emptyAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

// Bearer values are one token, so a key with a space in it could never be presented; and a header
// carries bytes, not text, which clients encode differently past ASCII (fetch sends "é" as one
// Latin-1 byte, curl as its two UTF-8 bytes): such a key would work from some clients only.
const isVisibleAscii = (value: string) => /^[\x21-\x7e]*$/.test(value);
const visibleAsciiMessage = "must hold only visible ASCII characters (no spaces, no accents)";

// Number() would also read `0x10`, `1e3`, `0b11` and `1.`, which no one means by a port or a count.
function wholeNumber(minimum: number, maximum: number) {
  return z
    .string()
    .trim()
    .regex(/^[0-9]+$/, "Expected a whole number in decimal digits")
    .transform(Number)
    .pipe(z.number().min(minimum).max(maximum));
}

const booleanFlag = z.enum(["true", "false"]).transform((value) => value === "true");

/** A whole number from `minimum` to `maximum`, `fallback` when unset. */
function wholeNumberOr(minimum: number, maximum: number, fallback: number) {
  return z.preprocess(emptyAsUnset, wholeNumber(minimum, maximum).default(fallback));
}

function optionalWholeNumber(minimum: number, maximum: number) {
  return z.preprocess(emptyAsUnset, wholeNumber(minimum, maximum).optional());
}

function limitCount(fallback: number) {
  return wholeNumberOr(1, 1_000_000, fallback);
}

function limitWindow(fallbackSeconds: number) {
  return wholeNumberOr(1, 7 * 24 * 60 * 60, fallbackSeconds);
}

const databaseUrl = z
  .string()
  .trim()
  .refine(
    (value) => /^(postgres|postgresql):\/\/.+/.test(value) || /^pglite:\/\/.+/.test(value) || value === "memory://",
    "must be postgres://..., postgresql://..., pglite://<directory> or memory://",
  );

// nodemailer reads the envelope sender and the From header out of MAIL_FROM as this parser does:
// from a value without one address in it (`MAIL_FROM=Identity`) it sends `MAIL FROM:<>` and a
// message with no From at all.
function isOneMailbox(value: string): boolean {
  const [mailbox, ...others] = addressparser(value);
  if (mailbox === undefined || mailbox.group !== undefined || others.length > 0) return false;
  return /^[^@\s]+@[^@\s]+$/.test(mailbox.address);
}

/** `https://app.example.com`: a scheme, a host and maybe a port, exactly as a browser sends it in `Origin`. */
const isOrigin = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value;

/**
 * What `listen` takes: an IP address (`0.0.0.0`, `::1`) or a host name (`localhost`, `api.internal`,
 * `my_service` as Docker names them), not `[::1]`, a port or a scheme. A name whose last label is a
 * number is a mistyped address (`127.0.0.256`, `1.2.3`), which no resolver knows.
 */
function isListenHost(value: string): boolean {
  if (isIP(value) !== 0) return true;
  const labels = value.replace(/\.$/, "").split(".");
  return value.length <= 253 && labels.every((label) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(label)) && !/^[0-9]+$/.test(labels.at(-1)!);
}

// `smtp://` parses as a URL, but names no server to send to.
const namesAHost = (url: string) => URL.canParse(url) && new URL(url).hostname !== "";

const environmentSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUnset, z.enum(["development", "production", "test"]).default("development")),
  PORT: wholeNumberOr(0, 65535, 4000),
  HOST: z.preprocess(
    emptyAsUnset,
    z.string().trim().refine(isListenHost, "must be an IP address (0.0.0.0, ::) or a host name, without a scheme or a port").default("0.0.0.0"),
  ),
  DATABASE_URL: z.preprocess(emptyAsUnset, databaseUrl.optional()),
  DATABASE_PREPARED_STATEMENTS: z.preprocess(emptyAsUnset, z.enum(["on", "off"]).default("on")),
  // Below a second, a busy server's ordinary answer could be taken for a stall; above ten minutes,
  // TCP itself may have given up first.
  DATABASE_QUERY_TIMEOUT_MS: wholeNumberOr(1000, 600_000, defaultQueryTimeoutMilliseconds),
  ADMIN_API_KEYS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((key) => key.trim()).filter((key) => key.length > 0))
    .refine((keys) => keys.every((key) => key.length >= 32), "every key must be at least 32 characters")
    .refine((keys) => keys.every(isVisibleAscii), `a key ${visibleAsciiMessage}`),
  SECRET_KEY: z.preprocess(emptyAsUnset, z.string().min(32, "must be at least 32 characters").optional()),
  // Verification links are this address plus a path and a query: it can have a path, not its own query.
  PUBLIC_URL: z.preprocess(
    emptyAsUnset,
    z
      .url({ protocol: /^https?$/ })
      .refine((value) => !/[?#]/.test(value), "must not have a query (?) or a fragment (#)")
      // As a browser would go to it: a space or a quote in a path would end the link in a mail.
      .transform((value) => new URL(value).href)
      .optional(),
  ),
  // Browser origins other than the API's own that may call it with the session cookie (a front end on
  // another subdomain). None by default: a page of another origin can neither read an answer nor
  // send the JSON a browser preflights.
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((origin) => origin.trim()).filter((origin) => origin.length > 0))
    .refine(
      (origins) => origins.every(isOrigin),
      "every entry must be an origin: http(s)://host[:port], without a path (https://app.example.com)",
    ),
  REDIS_URL: z.preprocess(
    emptyAsUnset,
    z
      .url({ protocol: /^rediss?$/ })
      .refine(namesAHost, "must name the server: redis://host:6379 or rediss://host:6380")
      .optional(),
  ),
  SMTP_URL: z.preprocess(
    emptyAsUnset,
    z
      .url({ protocol: /^smtps?$/ })
      .refine(namesAHost, "must name the server: smtp://host:587 or smtps://host:465")
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .max(320)
      // A line break in a quoted display name is still one mailbox, and would start a header of its own.
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain line breaks or other control characters")
      .refine(isOneMailbox, "must be one address: Display Name <address@domain> or address@domain")
      .default("Identity <no-reply@localhost>"),
  ),
  // Without SMTP_URL, outside production: where each mail is written as an .eml file.
  MAIL_DROP_DIR: z.preprocess(emptyAsUnset, z.string().trim().min(1).default("./data/mail")),
  OUTBOX_POLL_MILLISECONDS: wholeNumberOr(0, 3_600_000, 2000),
  OUTBOX_RETENTION_DAYS: wholeNumberOr(1, 3650, 30),
  LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  PASSWORD_MIN_LENGTH: wholeNumberOr(8, 256, 8),
  ARGON2_MEMORY_KIB: wholeNumberOr(8192, argon2Ceilings.memoryKiB, 19_456),
  ARGON2_ITERATIONS: wholeNumberOr(1, argon2Ceilings.passes, 2),
  ARGON2_PARALLELISM: wholeNumberOr(1, argon2Ceilings.lanes, 1),
  // Unset: 1000 in production (above a cost-12 bcrypt or a Django PBKDF2 check on a small machine), 0 elsewhere.
  SIGN_IN_FAILURE_MINIMUM_MILLISECONDS: optionalWholeNumber(0, 10_000),
  // Unset: 1000 in production, 0 elsewhere, like the sign-in minimum.
  PASSWORD_RESET_REQUEST_MINIMUM_MILLISECONDS: optionalWholeNumber(0, 10_000),
  SESSION_TTL_DAYS: wholeNumberOr(1, 400, 30),
  // Unset: 90, or SESSION_TTL_DAYS when that is longer (a longer TTL set before this variable existed
  // still starts). 400, like SESSION_TTL_DAYS: browsers cap a cookie's lifetime there.
  SESSION_MAX_LIFETIME_DAYS: optionalWholeNumber(1, 400),
  // Better Auth's `freshAge` default: a day. Up to 400 days, the longest a session can live.
  SESSION_FRESH_MINUTES: wholeNumberOr(1, 400 * 24 * 60, 24 * 60),
  // The name authenticator apps show beside a TOTP code set up with beginTotpEnrollment. Key Uri
  // Format: the issuer prefixes the account with a colon, so it cannot hold one itself.
  TOTP_ISSUER: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((value) => !/[:\u0000-\u001f\u007f]/.test(value), "must not contain a colon or control characters")
      .default("Identity"),
  ),
  LEGAL_ACCEPTANCE_REQUIRED: z.preprocess(emptyAsUnset, booleanFlag.default(false)),
  GRAPHIQL: z.preprocess(emptyAsUnset, booleanFlag.optional()),
  GRAPHQL_INTROSPECTION: z.preprocess(emptyAsUnset, booleanFlag.optional()),
  // SPEC section 9: rate limits and their defaults.
  RATE_LIMITS: z.preprocess(emptyAsUnset, z.enum(["on", "off"]).default("on")),
  RATE_LIMIT_KEY_PREFIX: z.preprocess(emptyAsUnset, z.string().trim().min(1).max(100).default("identity-rate-limit")),
  SIGN_IN_FAILURES_PER_IDENTIFIER: limitCount(10),
  SIGN_IN_FAILURES_PER_IP: limitCount(100),
  SIGN_IN_FAILURE_WINDOW_SECONDS: limitWindow(15 * 60),
  SIGN_UPS_PER_IP: limitCount(30),
  SIGN_UP_WINDOW_SECONDS: limitWindow(5 * 60),
  VERIFICATION_MAILS_PER_ADDRESS: limitCount(5),
  VERIFICATION_MAIL_WINDOW_SECONDS: limitWindow(60 * 60),
  PASSWORD_RESET_REQUESTS_PER_IP: limitCount(20),
  PASSWORD_RESET_REQUEST_WINDOW_SECONDS: limitWindow(15 * 60),
  PASSWORD_RESET_MAILS_PER_ADDRESS: limitCount(5),
  PASSWORD_RESET_MAIL_WINDOW_SECONDS: limitWindow(60 * 60),
  TRUST_PROXY: wholeNumberOr(0, 10, 0),
  // GET /metrics (Prometheus); with METRICS_TOKEN set, only for `Authorization: Bearer <token>`.
  METRICS: z.preprocess(emptyAsUnset, z.enum(["on", "off"]).default("on")),
  METRICS_TOKEN: z.preprocess(
    emptyAsUnset,
    z.string().trim().min(32, "must be at least 32 characters").refine(isVisibleAscii, visibleAsciiMessage).optional(),
  ),
  // SPEC section 9: bodies over MAX_BODY_BYTES get 413; the query limits stop abusive documents.
  MAX_BODY_BYTES: wholeNumberOr(1024, 1_073_741_824, 4 * 1024 * 1024),
  MAX_QUERY_DEPTH: wholeNumberOr(1, 100, 12),
  MAX_QUERY_ALIASES: wholeNumberOr(0, 1000, 15),
  MAX_QUERY_DIRECTIVES: wholeNumberOr(0, 1000, 10),
  MAX_QUERY_TOKENS: wholeNumberOr(100, 1_000_000, 5000),
  // A page of 100 users with every field and relation costs about 34,000; two such pages are refused.
  MAX_QUERY_COST: wholeNumberOr(100, 10_000_000, 50_000),
  MAX_BATCH_OPERATIONS: wholeNumberOr(0, 100, 10),
  // `only`: run just the operations of the typed clients' manifest (admin API keys excepted).
  PERSISTED_OPERATIONS: z.preprocess(emptyAsUnset, z.enum(["off", "only"]).default("off")),
  PERSISTED_OPERATIONS_FILE: z.preprocess(emptyAsUnset, z.string().trim().min(1).default("examples/spa/src/generated/persisted-documents.json")),
}).refine((values) => values.ARGON2_MEMORY_KIB * values.ARGON2_ITERATIONS <= argon2Ceilings.memoryKiBTimesPasses, {
  path: ["ARGON2_MEMORY_KIB"],
  message: `times ARGON2_ITERATIONS must be at most ${argon2Ceilings.memoryKiBTimesPasses} (256 MiB × 4 passes, 64 MiB × 16), as for imported digests`,
});

export type Environment = "development" | "production" | "test";

export interface Config {
  environment: Environment;
  port: number;
  host: string;
  database: DatabaseLocation;
  adminApiKeys: string[];
  /** Encrypts TOTP secrets at rest. */
  secretKey: string;
  /** PUBLIC_URL, or `localPublicUrl(port)`: where the links in mail point. */
  publicUrl: string;
  /** CORS_ORIGINS: other origins whose pages may call the API with credentials. */
  corsOrigins: string[];
  redisUrl?: string;
  smtpUrl?: string;
  /** The From header of the mail we send. */
  mailFrom: string;
  /** Without `smtpUrl`, outside production: the directory mail is written to, one .eml file each. */
  mailDropDirectory: string;
  /** How often the mail outbox is polled; 0: this instance sends no mail (another one does). */
  outboxPollMilliseconds: number;
  /** Sent mail, and mail given up on, is deleted from the outbox this long after it was queued. */
  outboxRetentionMilliseconds: number;
  logLevel: string;
  password: PasswordConfig;
  sessionTtlMilliseconds: number;
  /** No session outlives this from its creation, however often it is renewed. */
  sessionMaxLifetimeMilliseconds: number;
  /** Deleting one's own account needs a session opened (by a sign-in or sign-up) at most this long ago. */
  sessionFreshMilliseconds: number;
  /** A refused sign-in is answered no sooner than this after it began (see `src/domain/sessions/sign-in.ts`). */
  signInFailureMinimumMilliseconds: number;
  /** A password reset request is answered no sooner than this after it began (see `src/domain/password-reset/request-password-reset.ts`). */
  passwordResetRequestMinimumMilliseconds: number;
  /** The issuer named in the otpauth:// URI of a TOTP secret a user sets up themselves. */
  totpIssuer: string;
  /** Sign-up and creation need the user's acceptance of the legal terms (seed 004 `legalAcceptedAt`). */
  legalAcceptanceRequired: boolean;
  graphiql: boolean;
  introspection: boolean;
  /** Absent with RATE_LIMITS=off. */
  rateLimits?: { keyPrefix: string; rules: Record<RateLimitName, RateLimitRule> };
  /** How many proxies in front of us append to X-Forwarded-For; 0: the socket's address is the client's. */
  trustedProxyHops: number;
  /** Request bodies over this many bytes get HTTP 413 (SPEC section 9). */
  maxBodyBytes: number;
  queryLimits: QueryLimitsConfig;
  /** Absent with METRICS=off. `token`: what a scraper must present as `Authorization: Bearer <token>`. */
  metrics?: { token?: string };
  /** With PERSISTED_OPERATIONS=only: the only operations callers without an admin key may run. */
  persistedOperations?: PersistedOperations;
}

/** Limits on one GraphQL document (see `src/plugins/use-query-limits.ts`). */
export interface QueryLimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** Operations in one batched request; 0: batching off. */
  maxBatchOperations: number;
}

export interface PasswordConfig {
  minimumLength: number;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
}

export type DatabaseLocation =
  | { kind: "pglite"; directory: string }
  | { kind: "memory" }
  /**
   * `preparedStatements`: repeated statements are prepared on each connection (default on).
   * `queryTimeoutMilliseconds`: a connection on which a query waited this long for a byte from the
   * server is closed, the query failing as the database being unavailable (see `stalled-connections.ts`).
   */
  | { kind: "postgres"; url: string; preparedStatements?: boolean; queryTimeoutMilliseconds?: number };

export class ConfigError extends Error {}

/** PUBLIC_URL's default: this machine, on the server's port (PORT=0: the one it was given, see `startServer`). */
export const localPublicUrl = (port: number) => `http://localhost:${port}`;

// A user active every day signs in again about once a quarter: a stolen or forgotten session
// cookie stays usable for at most that long, while sliding renewal (SESSION_TTL_DAYS) still spares
// active users a monthly sign-in.
const defaultSessionMaxLifetimeDays = 90;

/** Used only outside production, where a stable key keeps TOTP secrets readable across restarts. */
const developmentSecretKey = "development-only-secret-key-do-not-use-in-production";

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const values = parsed.data;
  const isProduction = values.NODE_ENV === "production";
  if (isProduction && !values.SECRET_KEY) {
    throw new ConfigError("Invalid configuration: SECRET_KEY is required when NODE_ENV=production");
  }
  if (isProduction && values.SMTP_URL && !values.PUBLIC_URL) {
    throw new ConfigError(
      "Invalid configuration: PUBLIC_URL is required when NODE_ENV=production and SMTP_URL is set (verification links would point at localhost)",
    );
  }
  if (values.SESSION_MAX_LIFETIME_DAYS !== undefined && values.SESSION_MAX_LIFETIME_DAYS < values.SESSION_TTL_DAYS) {
    throw new ConfigError(
      `Invalid configuration: SESSION_MAX_LIFETIME_DAYS (${values.SESSION_MAX_LIFETIME_DAYS}) must be at least SESSION_TTL_DAYS (${values.SESSION_TTL_DAYS})`,
    );
  }
  const port = values.PORT;
  return {
    environment: values.NODE_ENV,
    port,
    host: values.HOST,
    database: withConnectionSettings(parseDatabaseUrl(values.DATABASE_URL), {
      preparedStatements: values.DATABASE_PREPARED_STATEMENTS === "on",
      queryTimeoutMilliseconds: values.DATABASE_QUERY_TIMEOUT_MS,
    }),
    adminApiKeys: values.ADMIN_API_KEYS,
    secretKey: values.SECRET_KEY ?? developmentSecretKey,
    publicUrl: values.PUBLIC_URL ?? localPublicUrl(port),
    corsOrigins: values.CORS_ORIGINS,
    redisUrl: values.REDIS_URL,
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    mailDropDirectory: values.MAIL_DROP_DIR,
    outboxPollMilliseconds: values.OUTBOX_POLL_MILLISECONDS,
    outboxRetentionMilliseconds: values.OUTBOX_RETENTION_DAYS * 24 * 60 * 60 * 1000,
    logLevel: values.LOG_LEVEL,
    password: {
      minimumLength: values.PASSWORD_MIN_LENGTH,
      argon2: {
        memoryCost: values.ARGON2_MEMORY_KIB,
        timeCost: values.ARGON2_ITERATIONS,
        parallelism: values.ARGON2_PARALLELISM,
      },
    },
    sessionTtlMilliseconds: values.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
    sessionMaxLifetimeMilliseconds:
      (values.SESSION_MAX_LIFETIME_DAYS ?? Math.max(defaultSessionMaxLifetimeDays, values.SESSION_TTL_DAYS)) * 24 * 60 * 60 * 1000,
    sessionFreshMilliseconds: values.SESSION_FRESH_MINUTES * 60 * 1000,
    signInFailureMinimumMilliseconds: values.SIGN_IN_FAILURE_MINIMUM_MILLISECONDS ?? (isProduction ? 1000 : 0),
    passwordResetRequestMinimumMilliseconds: values.PASSWORD_RESET_REQUEST_MINIMUM_MILLISECONDS ?? (isProduction ? 1000 : 0),
    totpIssuer: values.TOTP_ISSUER,
    legalAcceptanceRequired: values.LEGAL_ACCEPTANCE_REQUIRED,
    graphiql: values.GRAPHIQL ?? !isProduction,
    introspection: values.GRAPHQL_INTROSPECTION ?? !isProduction,
    rateLimits:
      values.RATE_LIMITS === "off"
        ? undefined
        : {
            keyPrefix: values.RATE_LIMIT_KEY_PREFIX,
            rules: {
              signInFailuresPerIdentifier: { points: values.SIGN_IN_FAILURES_PER_IDENTIFIER, windowSeconds: values.SIGN_IN_FAILURE_WINDOW_SECONDS },
              signInFailuresPerClientAddress: { points: values.SIGN_IN_FAILURES_PER_IP, windowSeconds: values.SIGN_IN_FAILURE_WINDOW_SECONDS },
              signUpsPerClientAddress: { points: values.SIGN_UPS_PER_IP, windowSeconds: values.SIGN_UP_WINDOW_SECONDS },
              verificationMailsPerAddress: { points: values.VERIFICATION_MAILS_PER_ADDRESS, windowSeconds: values.VERIFICATION_MAIL_WINDOW_SECONDS },
              passwordResetRequestsPerClientAddress: { points: values.PASSWORD_RESET_REQUESTS_PER_IP, windowSeconds: values.PASSWORD_RESET_REQUEST_WINDOW_SECONDS },
              passwordResetMailsPerAddress: { points: values.PASSWORD_RESET_MAILS_PER_ADDRESS, windowSeconds: values.PASSWORD_RESET_MAIL_WINDOW_SECONDS },
            },
          },
    trustedProxyHops: values.TRUST_PROXY,
    metrics: values.METRICS === "off" ? undefined : { token: values.METRICS_TOKEN },
    persistedOperations: values.PERSISTED_OPERATIONS === "only" ? loadPersistedOperations(values.PERSISTED_OPERATIONS_FILE) : undefined,
    maxBodyBytes: values.MAX_BODY_BYTES,
    queryLimits: {
      maxDepth: values.MAX_QUERY_DEPTH,
      maxAliases: values.MAX_QUERY_ALIASES,
      maxDirectives: values.MAX_QUERY_DIRECTIVES,
      maxTokens: values.MAX_QUERY_TOKENS,
      maxCost: values.MAX_QUERY_COST,
      maxBatchOperations: values.MAX_BATCH_OPERATIONS,
    },
  };
}

function loadPersistedOperations(file: string): PersistedOperations {
  try {
    return readPersistedOperations(file);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: PERSISTED_OPERATIONS_FILE ${file} ${(error as Error).message}`);
  }
}

// Prepared statements are off behind a pooler that hands each transaction another server
// connection (PgBouncer's transaction mode before 1.21), where a statement prepared on one is
// unknown to the next. The embedded database has no connection to stall.
function withConnectionSettings(
  location: DatabaseLocation,
  settings: { preparedStatements: boolean; queryTimeoutMilliseconds: number },
): DatabaseLocation {
  return location.kind === "postgres" ? { ...location, ...settings } : location;
}

export function parseDatabaseUrl(url: string | undefined): DatabaseLocation {
  if (url === undefined || url === "") return { kind: "pglite", directory: "./data/pglite" };
  if (url === "memory://") return { kind: "memory" };
  if (url.startsWith("pglite://")) return { kind: "pglite", directory: url.slice("pglite://".length) };
  return { kind: "postgres", url };
}
