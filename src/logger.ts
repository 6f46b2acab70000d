import pino from "pino";

// Secrets never reach a log line (SPEC section 2): these paths are censored wherever they appear.
const redactedPaths = [
  "password",
  "*.password",
  "passwordDigest",
  "*.passwordDigest",
  "salt",
  "*.salt",
  "totpSecret",
  "*.totpSecret",
  "backupCodes",
  "*.backupCodes",
  "token",
  "*.token",
  "privateMetadata",
  "*.privateMetadata",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  "variables",
  "*.variables",
];

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: "[redacted]" } });
}
