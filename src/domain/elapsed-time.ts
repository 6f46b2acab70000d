import { setTimeout } from "node:timers/promises";

/**
 * Waits until `milliseconds` have passed since `startedAt` (`performance.now()`): answers that must
 * not tell whether an account exists take at least that long, whatever work they did. A timer, not
 * work, so it costs no CPU.
 */
export async function untilElapsed(startedAt: number, milliseconds: number): Promise<void> {
  const remaining = startedAt + milliseconds - performance.now();
  if (remaining > 0) await setTimeout(remaining);
}
