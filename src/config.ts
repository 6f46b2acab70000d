import { z } from "zod";

/**
 * All configuration, read from the environment once at start. A bad value stops the start with
 * one line naming the variable (see `ConfigError`).
 */

/** An unset and an empty variable mean the same: use the default. */
const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);

const booleanFlag = z.enum(["true", "false"]).transform((value) => value === "true");

const databaseUrl = z
  .string()
  .trim()
  .refine(
    (value) => /^(postgres|postgresql):\/\/.+/.test(value) || /^pglite:\/\/.+/.test(value) || value === "memory://",
    "must be postgres://..., postgresql://..., pglite://<directory> or memory://",
  );

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.preprocess(emptyAsUnset, databaseUrl.optional()),
  ADMIN_API_KEYS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((key) => key.trim()).filter((key) => key.length > 0))
    .refine((keys) => keys.every((key) => key.length >= 32), "every key must be at least 32 characters"),
  SECRET_KEY: z.preprocess(emptyAsUnset, z.string().min(32, "must be at least 32 characters").optional()),
  PUBLIC_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).optional()),
  REDIS_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^rediss?$/ }).optional()),
  SMTP_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.preprocess(emptyAsUnset, z.string().trim().min(3).max(320).default("Identity <no-reply@localhost>")),
  OUTBOX_POLL_MILLISECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(3_600_000).default(2000)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(256).default(8),
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).max(4_194_304).default(19_456),
  ARGON2_ITERATIONS: z.coerce.number().int().min(1).max(100).default(2),
  ARGON2_PARALLELISM: z.coerce.number().int().min(1).max(16).default(1),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  LEGAL_ACCEPTANCE_REQUIRED: z.preprocess(emptyAsUnset, booleanFlag.default(false)),
  GRAPHIQL: z.preprocess(emptyAsUnset, booleanFlag.optional()),
  GRAPHQL_INTROSPECTION: z.preprocess(emptyAsUnset, booleanFlag.optional()),
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
  publicUrl: string;
  redisUrl?: string;
  smtpUrl?: string;
  /** The From header of the mail we send. */
  mailFrom: string;
  /** How often the mail outbox is polled; 0: this instance sends no mail (another one does). */
  outboxPollMilliseconds: number;
  logLevel: string;
  password: PasswordConfig;
  sessionTtlMilliseconds: number;
  /** Sign-up and creation need the user's acceptance of the legal terms (seed 004 `legalAcceptedAt`). */
  legalAcceptanceRequired: boolean;
  graphiql: boolean;
  introspection: boolean;
}

export interface PasswordConfig {
  minimumLength: number;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
}

export type DatabaseLocation =
  | { kind: "pglite"; directory: string }
  | { kind: "memory" }
  | { kind: "postgres"; url: string };

export class ConfigError extends Error {}

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
  const port = values.PORT;
  return {
    environment: values.NODE_ENV,
    port,
    host: values.HOST,
    database: parseDatabaseUrl(values.DATABASE_URL),
    adminApiKeys: values.ADMIN_API_KEYS,
    secretKey: values.SECRET_KEY ?? developmentSecretKey,
    publicUrl: values.PUBLIC_URL ?? `http://localhost:${port}`,
    redisUrl: values.REDIS_URL,
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    outboxPollMilliseconds: values.OUTBOX_POLL_MILLISECONDS,
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
    legalAcceptanceRequired: values.LEGAL_ACCEPTANCE_REQUIRED,
    graphiql: values.GRAPHIQL ?? !isProduction,
    introspection: values.GRAPHQL_INTROSPECTION ?? !isProduction,
  };
}

export function parseDatabaseUrl(url: string | undefined): DatabaseLocation {
  if (url === undefined || url === "") return { kind: "pglite", directory: "./data/pglite" };
  if (url === "memory://") return { kind: "memory" };
  if (url.startsWith("pglite://")) return { kind: "pglite", directory: url.slice("pglite://".length) };
  return { kind: "postgres", url };
}
