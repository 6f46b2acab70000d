import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

// Secrets never reach a log line (SPEC section 2): these keys are censored wherever they appear,
// at the top of a logged object and up to two levels down.
const secretKeys = [
  "password",
  "currentPassword",
  "newPassword",
  "passwordDigest",
  "digest",
  "salt",
  "totpSecret",
  "secret",
  "otpauthUri",
  "secretKey",
  "backupCodes",
  "token",
  "sessionToken",
  "privateMetadata",
  "authorization",
  "cookie",
  "set-cookie",
  "apiKey",
  "adminKey",
  "adminApiKeys",
  "key",
  "variables",
];
const redactedPaths = secretKeys.flatMap((key) => {
  const property = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const child = property.startsWith("[") ? property : `.${property}`;
  return [property, `*${child}`, `*.*${child}`];
});

/** What every log line written while handling one request carries (see `use-request-id.ts`). */
export interface LogContext {
  requestId: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();

export type Logger = pino.Logger;

/** `destination`: where lines go; standard output unless given (tests capture them). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: redactedPaths, censor: "[redacted]" },
    mixin: () => {
      const context = logContext.getStore();
      return context ? { requestId: context.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
