import { execFile } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const run = promisify(execFile);
const root = new URL("../", import.meta.url).pathname;
const validKey = "k".repeat(32);
const day = 24 * 60 * 60 * 1000;

describe("configuration", () => {
  it("has defaults for a zero-set-up start on the embedded database", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      environment: "development",
      port: 4000,
      database: { kind: "pglite", directory: "./data/pglite" },
      adminApiKeys: [],
      graphiql: true,
      introspection: true,
      password: { minimumLength: 8, argon2: { memoryCost: 19_456, timeCost: 2, parallelism: 1 } },
    });
  });

  it.each([
    ["", { kind: "pglite", directory: "./data/pglite" }],
    ["pglite://./somewhere/db", { kind: "pglite", directory: "./somewhere/db" }],
    ["memory://", { kind: "memory" }],
    [
      "postgres://user@localhost:5432/identity",
      { kind: "postgres", url: "postgres://user@localhost:5432/identity", preparedStatements: true, queryTimeoutMilliseconds: 10_000 },
    ],
    [
      "postgresql://user@localhost/identity",
      { kind: "postgres", url: "postgresql://user@localhost/identity", preparedStatements: true, queryTimeoutMilliseconds: 10_000 },
    ],
  ])("reads DATABASE_URL=%j", (url, database) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual(database);
  });

  it("prepares repeated statements on PostgreSQL unless DATABASE_PREPARED_STATEMENTS=off", () => {
    const url = "postgres://user@localhost:5432/identity";
    expect(loadConfig({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: "off" }).database).toMatchObject({ kind: "postgres", url, preparedStatements: false });
    expect(() => loadConfig({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: "no" })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });

  it("gives up on a PostgreSQL query after DATABASE_QUERY_TIMEOUT_MS without an answer, 10 s unless told otherwise", () => {
    const url = "postgres://user@localhost:5432/identity";
    expect(loadConfig({ DATABASE_URL: url }).database).toMatchObject({ queryTimeoutMilliseconds: 10_000 });
    expect(loadConfig({ DATABASE_URL: url, DATABASE_QUERY_TIMEOUT_MS: "2500" }).database).toMatchObject({ queryTimeoutMilliseconds: 2500 });
    // The embedded database has no connection to stall.
    expect(loadConfig({ DATABASE_URL: "memory://", DATABASE_QUERY_TIMEOUT_MS: "2500" }).database).toEqual({ kind: "memory" });
  });

  it("turns GraphiQL and introspection off in production unless asked for", () => {
    const production = { NODE_ENV: "production", SECRET_KEY: "s".repeat(32) };
    expect(loadConfig(production)).toMatchObject({ graphiql: false, introspection: false });
    expect(loadConfig({ ...production, GRAPHIQL: "true", GRAPHQL_INTROSPECTION: "true" })).toMatchObject({
      graphiql: true,
      introspection: true,
    });
  });

  it("delays refused sign-ins by 1000 ms in production unless told otherwise, not at all elsewhere", () => {
    const production = { NODE_ENV: "production", SECRET_KEY: "s".repeat(32) };
    expect(loadConfig(production).signInFailureMinimumMilliseconds).toBe(1000);
    expect(loadConfig({ ...production, SIGN_IN_FAILURE_MINIMUM_MILLISECONDS: "0" }).signInFailureMinimumMilliseconds).toBe(0);
    expect(loadConfig({}).signInFailureMinimumMilliseconds).toBe(0);
    expect(loadConfig({ NODE_ENV: "test", SIGN_IN_FAILURE_MINIMUM_MILLISECONDS: "1500" }).signInFailureMinimumMilliseconds).toBe(1500);
  });

  it("serves metrics by default, behind METRICS_TOKEN when set, and none with METRICS=off", () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined });
    expect(loadConfig({ METRICS_TOKEN: validKey }).metrics).toEqual({ token: validKey });
    expect(loadConfig({ METRICS: "off", METRICS_TOKEN: validKey }).metrics).toBeUndefined();
  });

  it("reads an empty or blank variable as unset: its default", () => {
    const blank = {
      PORT: "",
      HOST: " ",
      NODE_ENV: "",
      LOG_LEVEL: "",
      PASSWORD_MIN_LENGTH: " ",
      ARGON2_MEMORY_KIB: "",
      SESSION_TTL_DAYS: "",
      SESSION_MAX_LIFETIME_DAYS: " ",
    };
    expect(loadConfig(blank)).toMatchObject({
      environment: "development",
      port: 4000,
      password: { minimumLength: 8, argon2: { memoryCost: 19_456 } },
      sessionTtlMilliseconds: 30 * day,
      sessionMaxLifetimeMilliseconds: 90 * day,
    });
  });

  it("caps sessions at 90 days from creation unless told otherwise, and never below SESSION_TTL_DAYS", () => {
    expect(loadConfig({}).sessionMaxLifetimeMilliseconds).toBe(90 * day);
    expect(loadConfig({ SESSION_MAX_LIFETIME_DAYS: "45" }).sessionMaxLifetimeMilliseconds).toBe(45 * day);
    expect(loadConfig({ SESSION_TTL_DAYS: "7", SESSION_MAX_LIFETIME_DAYS: "7" }).sessionMaxLifetimeMilliseconds).toBe(7 * day);
    // A longer SESSION_TTL_DAYS, set before there was a maximum, still starts: unset, the maximum follows it.
    expect(loadConfig({ SESSION_TTL_DAYS: "120" }).sessionMaxLifetimeMilliseconds).toBe(120 * day);
  });

  it("lets a session delete its account for a day after its sign-in unless told otherwise", () => {
    expect(loadConfig({}).sessionFreshMilliseconds).toBe(day);
    expect(loadConfig({ SESSION_FRESH_MINUTES: "10" }).sessionFreshMilliseconds).toBe(10 * 60 * 1000);
  });

  it("names the issuer of self-service TOTP secrets TOTP_ISSUER, Identity unless told otherwise", () => {
    expect(loadConfig({}).totpIssuer).toBe("Identity");
    expect(loadConfig({ TOTP_ISSUER: " Acme Inc. " }).totpIssuer).toBe("Acme Inc.");
  });

  it("splits ADMIN_API_KEYS on commas", () => {
    expect(loadConfig({ ADMIN_API_KEYS: ` ${validKey} ,${"m".repeat(40)}` }).adminApiKeys).toEqual([validKey, "m".repeat(40)]);
  });

  it.each([
    ["Identity <no-reply@example.com>", "Identity <no-reply@example.com>"],
    [" no-reply@example.com ", "no-reply@example.com"],
    ['"Acme, Inc." <no-reply@acme.example>', '"Acme, Inc." <no-reply@acme.example>'],
    ["Zoë <zoe@example.jp>", "Zoë <zoe@example.jp>"],
    ["", "Identity <no-reply@localhost>"],
  ])("reads MAIL_FROM=%j", (mailFrom, expected) => {
    expect(loadConfig({ MAIL_FROM: mailFrom }).mailFrom).toBe(expected);
  });

  it.each([
    ["https://id.example.org", "https://id.example.org/"],
    ["https://ID.Example.org/my app/", "https://id.example.org/my%20app/"],
    ['https://id.example.org/a"b<c>', "https://id.example.org/a%22b%3Cc%3E"],
  ])("reads PUBLIC_URL=%j as a browser would go to it", (publicUrl, expected) => {
    expect(loadConfig({ PUBLIC_URL: publicUrl }).publicUrl).toBe(expected);
  });

  it.each(["smtp://mail.example.com", "smtp://user:password@mail.example.com:587", "smtps://user:password@[::1]:465"])(
    "reads SMTP_URL=%j",
    (smtpUrl) => {
      expect(loadConfig({ SMTP_URL: smtpUrl }).smtpUrl).toBe(smtpUrl);
    },
  );

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    // Number() reads these; no one means them.
    [{ PORT: "0x10" }, "PORT"],
    [{ MAX_BODY_BYTES: "1e6" }, "MAX_BODY_BYTES"],
    [{ SESSION_TTL_DAYS: "7.5" }, "SESSION_TTL_DAYS"],
    [{ TRUST_PROXY: "-1" }, "TRUST_PROXY"],
    [{ HOST: "http://localhost" }, "HOST"],
    [{ HOST: "0.0.0.0:4000" }, "HOST"],
    [{ HOST: "[::1]" }, "HOST"],
    [{ HOST: "local host" }, "HOST"],
    [{ HOST: "127.0.0.256" }, "HOST"],
    [{ HOST: "1.2.3" }, "HOST"],
    [{ HOST: "12345" }, "HOST"],
    [{ HOST: "api..internal" }, "HOST"],
    [{ DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL"],
    [{ ADMIN_API_KEYS: "short" }, "ADMIN_API_KEYS"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ NODE_ENV: "production" }, "SECRET_KEY"],
    [{ NODE_ENV: "production", SECRET_KEY: "s".repeat(32), SMTP_URL: "smtp://mail.example.com:587" }, "PUBLIC_URL"],
    [{ SECRET_KEY: "too short" }, "SECRET_KEY"],
    [{ PASSWORD_MIN_LENGTH: "4" }, "PASSWORD_MIN_LENGTH"],
    [{ ARGON2_MEMORY_KIB: "1024" }, "ARGON2_MEMORY_KIB"],
    [{ ARGON2_MEMORY_KIB: "131072", ARGON2_ITERATIONS: "32" }, "ARGON2_MEMORY_KIB"],
    [{ ARGON2_MEMORY_KIB: "524288", ARGON2_ITERATIONS: "1" }, "ARGON2_MEMORY_KIB"],
    [{ GRAPHIQL: "yes" }, "GRAPHIQL"],
    [{ METRICS: "maybe" }, "METRICS"],
    [{ REDIS_URL: "redis://" }, "REDIS_URL"],
    [{ SESSION_MAX_LIFETIME_DAYS: "0" }, "SESSION_MAX_LIFETIME_DAYS"],
    [{ SESSION_MAX_LIFETIME_DAYS: "401" }, "SESSION_MAX_LIFETIME_DAYS"],
    [{ SESSION_MAX_LIFETIME_DAYS: "a quarter" }, "SESSION_MAX_LIFETIME_DAYS"],
    [{ SESSION_MAX_LIFETIME_DAYS: "10" }, "SESSION_MAX_LIFETIME_DAYS"],
    [{ SESSION_TTL_DAYS: "60", SESSION_MAX_LIFETIME_DAYS: "45" }, "SESSION_MAX_LIFETIME_DAYS"],
    [{ DATABASE_QUERY_TIMEOUT_MS: "999" }, "DATABASE_QUERY_TIMEOUT_MS"],
    [{ DATABASE_QUERY_TIMEOUT_MS: "600001" }, "DATABASE_QUERY_TIMEOUT_MS"],
    [{ DATABASE_QUERY_TIMEOUT_MS: "10s" }, "DATABASE_QUERY_TIMEOUT_MS"],
    [{ SESSION_FRESH_MINUTES: "0" }, "SESSION_FRESH_MINUTES"],
    [{ SESSION_FRESH_MINUTES: "an hour" }, "SESSION_FRESH_MINUTES"],
    [{ SIGN_IN_FAILURE_MINIMUM_MILLISECONDS: "-1" }, "SIGN_IN_FAILURE_MINIMUM_MILLISECONDS"],
    [{ SIGN_IN_FAILURE_MINIMUM_MILLISECONDS: "60000" }, "SIGN_IN_FAILURE_MINIMUM_MILLISECONDS"],
    [{ METRICS_TOKEN: "too short" }, "METRICS_TOKEN"],
    [{ METRICS_TOKEN: `${validKey} ${validKey}` }, "METRICS_TOKEN"],
    [{ ADMIN_API_KEYS: `${validKey} ${validKey}` }, "ADMIN_API_KEYS"],
    // Sent as a header, "é" is one Latin-1 byte from fetch and two UTF-8 bytes from curl: it would match from some clients only.
    [{ ADMIN_API_KEYS: `${validKey}é` }, "ADMIN_API_KEYS"],
    [{ METRICS_TOKEN: `${validKey}é` }, "METRICS_TOKEN"],
    [{ PUBLIC_URL: "https://example.com/app?tenant=1" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "https://example.com/#/" }, "PUBLIC_URL"],
    // nodemailer would send these as `MAIL FROM:<>`, with no From header, or from several senders.
    [{ MAIL_FROM: "Identity" }, "MAIL_FROM"],
    [{ MAIL_FROM: "Identity <>" }, "MAIL_FROM"],
    [{ MAIL_FROM: "no-reply@" }, "MAIL_FROM"],
    [{ MAIL_FROM: "@example.com" }, "MAIL_FROM"],
    [{ MAIL_FROM: "a@example.com, b@example.com" }, "MAIL_FROM"],
    [{ MAIL_FROM: "Team: a@example.com;" }, "MAIL_FROM"],
    [{ MAIL_FROM: "no-reply@example.com\nBcc: c@example.com" }, "MAIL_FROM"],
    [{ MAIL_FROM: '"Identity\r\nBcc: c@example.com" <no-reply@example.com>' }, "MAIL_FROM"],
    [{ MAIL_FROM: "Identity (team\r\nBcc: c@example.com) <no-reply@example.com>" }, "MAIL_FROM"],
    [{ CORS_ORIGINS: "https://app.example.com/" }, "CORS_ORIGINS"],
    [{ CORS_ORIGINS: "https://app.example.com/login" }, "CORS_ORIGINS"],
    [{ CORS_ORIGINS: "app.example.com" }, "CORS_ORIGINS"],
    [{ CORS_ORIGINS: "*" }, "CORS_ORIGINS"],
    [{ SMTP_URL: "smtp://" }, "SMTP_URL"],
    [{ SMTP_URL: "smtps://" }, "SMTP_URL"],
    [{ SMTP_URL: "smtp:mail.example.com" }, "SMTP_URL"],
    // The otpauth:// label is "issuer:account": a colon in the issuer would move the account.
    [{ TOTP_ISSUER: "Acme: Staff" }, "TOTP_ISSUER"],
    [{ TOTP_ISSUER: "Acme\nStaff" }, "TOTP_ISSUER"],
    [{ TOTP_ISSUER: "x".repeat(101) }, "TOTP_ISSUER"],
  ])("rejects %j with one line naming %s", (environment, variable) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(new RegExp(`^Invalid configuration: ${variable}\\b[^\\n]*$`));
  });

  it.each(["0.0.0.0", "::", "::1", "127.0.0.1", "localhost", "localhost.", "api.internal", "identity_api", " api-1.example.com ", "3com.example"])("reads HOST=%j", (host) => {
    expect(loadConfig({ HOST: host }).host).toBe(host.trim());
  });

  it("reads whole numbers in decimal digits, around which spaces are ignored", () => {
    expect(loadConfig({ PORT: " 4001 ", MAX_BODY_BYTES: "1048576" })).toMatchObject({ port: 4001, maxBodyBytes: 1_048_576 });
  });

  it("says why a start failed even with LOG_LEVEL=silent", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const failure = await run("npx", ["tsx", "src/main.ts"], {
        cwd: root,
        env: { ...process.env, HOST: "127.0.0.1", PORT: String((taken.address() as AddressInfo).port), DATABASE_URL: "memory://", LOG_LEVEL: "silent" },
      }).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect("code" in failure ? failure.code : 0).toBe(1);
      expect(JSON.parse(failure.stdout.trim())).toMatchObject({ level: 60, msg: "could not start", err: { code: "EADDRINUSE" } });
    } finally {
      taken.close();
    }
  });

  it("stops `npm start` with exit code 1 and that one line", async () => {
    const failure = await run("npx", ["tsx", "src/main.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "not-a-port", DATABASE_URL: "memory://" },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in failure ? failure.code : 0).toBe(1);
    expect(failure.stderr.trim()).toMatch(/^Invalid configuration: PORT [^\n]+$/);
  });

  it("stops `npm start` with that one line also for configuration found wrong only once the server starts", async () => {
    const failure = await run("npx", ["tsx", "src/main.ts"], {
      cwd: root,
      env: { ...process.env, HOST: "127.0.0.1", PORT: "0", DATABASE_URL: "memory://", MAIL_DROP_DIR: "/sys/kernel/mail" },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in failure ? failure.code : 0).toBe(1);
    expect(failure.stderr.trim()).toMatch(/^Invalid configuration: MAIL_DROP_DIR \/sys\/kernel\/mail cannot be created or written \([^\n]+\)$/);
  });
});
