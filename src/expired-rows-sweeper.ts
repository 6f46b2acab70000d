import { deleteExpiredRows } from "./domain/sessions/expired-rows.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import type { Logger } from "./logger.ts";

const sweepIntervalMilliseconds = 60 * 60 * 1000;

/**
 * Deletes expired sessions, link tokens and TOTP enrollments at start and then hourly, on every instance
 * (the deletes are idempotent, so instances need not agree on who does it). A failure is logged and
 * tried again at the next sweep: it must not stop the server.
 */
export function startExpiredRowSweeper(prisma: PrismaClient, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= deleteExpiredRows(prisma)
      .then((deleted) => {
        if (Object.values(deleted).some((count) => count > 0)) logger.info(deleted, "deleted expired sessions, link tokens and TOTP enrollments");
      })
      .catch((error: unknown) => logger.warn({ err: error }, "could not delete expired sessions, link tokens and TOTP enrollments"))
      .finally(() => {
        running = undefined;
      });
  };
  sweep();
  const timer = setInterval(sweep, sweepIntervalMilliseconds);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
