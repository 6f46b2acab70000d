import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { SecretBox } from "../domain/second-factor/secret-box.ts";
import { logContext, type Logger } from "../logger.ts";
import type { Mailer } from "./mailer.ts";

export interface OutboxDispatcherOptions {
  prisma: PrismaClient;
  mailer: Mailer;
  /** Decrypts message bodies (they hold one-time links). */
  secretBox: SecretBox;
  logger: Logger;
  /** How often to look for due messages, besides the nudges after a commit that queued mail. */
  pollMilliseconds: number;
  /**
   * How long after it was queued a message that was sent, or given up on, is deleted: the outbox is
   * a queue, and its rows name who was mailed what and when.
   */
  retentionMilliseconds: number;
  /**
   * How often old messages are looked for; the first round after `start()` looks.
   * @default 3600000 (an hour)
   */
  pruneIntervalMilliseconds?: number;
  /**
   * Messages claimed, and sent one after another, per round.
   * @default 10
   */
  batchSize?: number;
  /**
   * How long a claimed message belongs to this instance: should it die while sending, another
   * instance retries the message after this.
   * @default 300000 (5 minutes; the SMTP timeouts are shorter)
   */
  leaseMilliseconds?: number;
  /**
   * Attempts after which a message is left alone (with its `lastError`) instead of retried.
   * @default 20
   */
  maxAttempts?: number;
  /**
   * Sends in a row that began and never ended (their instance died while sending; a send a graceful
   * stop cut off does not count) after which a message is given up: it may be what takes its
   * instances down.
   * @default 3
   */
  maxUnfinishedSends?: number;
  /**
   * The first retry's delay; each further one doubles, up to `maxRetryDelayMilliseconds`.
   * @default 5000
   */
  retryDelayMilliseconds?: number;
  /** @default 1800000 (30 minutes) */
  maxRetryDelayMilliseconds?: number;
  /**
   * How long `stop()` waits for the mail being sent; one it had not finished is retried after its lease.
   * @default 10000
   */
  stopTimeoutMilliseconds?: number;
}

interface ClaimedMessage {
  id: string;
  claimId: string;
  recipient: string;
  subject: string;
  encryptedBody: string | null;
  attempts: number;
  unfinishedSends: number;
  createdAt: Date;
}

// Stored error texts stay short: they are for an operator, not an archive.
const maximumErrorLength = 1000;

// Leases and retry times are read and set with the database's clock, never an instance's: two
// instances whose clocks disagree would otherwise both hold a message, or retry one early. The
// columns hold UTC in `timestamp(3)`, as their defaults write it. `statement_timestamp()`, not
// `clock_timestamp()`: one value per statement, which an index on "nextAttemptAt" can serve.
const databaseNow = Prisma.sql`timezone('UTC', statement_timestamp())`;
const databaseNowPlus = (milliseconds: number) => Prisma.sql`(${databaseNow} + ${milliseconds}::double precision * interval '1 millisecond')`;

/**
 * Sends the mail of the outbox table (`OutboxMessage`), which other writes fill in their own
 * transactions: a message is sent only after its commit, and one whose sending failed, or whose
 * instance crashed, is sent by a later round, here or on another instance.
 *
 * Claiming is one statement: it picks due messages oldest first with `FOR UPDATE SKIP LOCKED`, marks
 * them with a claim of its own and moves their `nextAttemptAt` past a lease, so instances polling one
 * database never take the same message, and each message's lease is renewed just before it is sent
 * (`beginSend`); the database's clock times both. Delivery is at least once: a crash after the SMTP
 * server accepted a mail but before it was marked sent sends it again when the lease is over. An
 * attempt counts once it has ended, so a crash uses none of a message's attempts up; sends that
 * began and never ended are counted apart, and `maxUnfinishedSends` of them in a row give the message
 * up. A recipient the SMTP server refuses for good (a 5xx answer to RCPT TO) ends the retries at once.
 */
export class OutboxDispatcher {
  private readonly batchSize: number;
  private readonly leaseMilliseconds: number;
  private readonly maxAttempts: number;
  private readonly maxUnfinishedSends: number;
  private readonly retryDelayMilliseconds: number;
  private readonly maxRetryDelayMilliseconds: number;
  private readonly pruneIntervalMilliseconds: number;
  private nextPruneAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  /** The message whose send has begun and not yet ended. */
  private sending: ClaimedMessage | undefined;
  /** The round's claimed messages after the one being sent. */
  private waiting: ClaimedMessage[] = [];
  private nudgedDuringRound = false;
  private stopped = false;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.batchSize = options.batchSize ?? 10;
    this.leaseMilliseconds = options.leaseMilliseconds ?? 5 * 60 * 1000;
    this.maxAttempts = options.maxAttempts ?? 20;
    this.maxUnfinishedSends = options.maxUnfinishedSends ?? 3;
    this.retryDelayMilliseconds = options.retryDelayMilliseconds ?? 5000;
    this.maxRetryDelayMilliseconds = options.maxRetryDelayMilliseconds ?? 30 * 60 * 1000;
    this.pruneIntervalMilliseconds = options.pruneIntervalMilliseconds ?? 60 * 60 * 1000;
  }

  start(): void {
    this.timer = setInterval(() => this.nudge(), this.options.pollMilliseconds);
    this.timer.unref();
    this.nudge();
  }

  /** Sends what is due now; called after a commit that queued mail. Rounds never overlap. */
  nudge = (): void => {
    if (this.stopped) return;
    if (this.round) {
      this.nudgedDuringRound = true;
      return;
    }
    // A round started by a request's nudge sends other requests' mail too: its lines carry no request's id.
    this.round = logContext.exit(() => this.sendDueMessages()).finally(() => {
      this.round = undefined;
      if (this.nudgedDuringRound) {
        this.nudgedDuringRound = false;
        this.nudge();
      }
    });
  };

  /**
   * Stops polling and waits, for a bounded time, for the mail being sent: the round sends no further
   * message and hands its other claims back, for this instance's successor or another instance.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    // A hung SMTP server must not hold up a shutdown: an unfinished message is retried after its lease.
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, this.options.stopTimeoutMilliseconds ?? 10_000);
    });
    await Promise.race([this.round, timedOut]);
    clearTimeout(timeout);
    if (this.sending) {
      await this.cutOff(this.sending);
      // The round is still waiting for that send, and would hand these back only after it, when the
      // database may be closed: they go back now.
      await this.releaseWhileStopping(this.waiting);
    }
    this.options.mailer.close();
  }

  private async sendDueMessages(): Promise<void> {
    try {
      await this.deleteOldMessages();
      while (!this.stopped) {
        const claimed = await this.claimDueMessages();
        for (const [position, message] of claimed.entries()) {
          if (this.stopped) return await this.release(claimed.slice(position));
          this.waiting = claimed.slice(position + 1);
          if (message.unfinishedSends >= this.maxUnfinishedSends) await this.giveUpUnfinished(message);
          else if (await this.beginSend(message)) {
            this.sending = message;
            try {
              await this.deliver(message);
            } finally {
              this.sending = undefined;
            }
          }
        }
        if (claimed.length < this.batchSize) return;
      }
    } catch (error) {
      // The database is unreachable or closing: the next round tries again.
      this.options.logger.error({ err: error }, "mail outbox: could not read the outbox");
    }
  }

  /** At most once per interval; any instance may do it, and two doing it at once delete the same rows. */
  private async deleteOldMessages(): Promise<void> {
    const now = Date.now();
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = now + this.pruneIntervalMilliseconds;
    const { count } = await this.options.prisma.outboxMessage.deleteMany({
      where: {
        createdAt: { lt: new Date(now - this.options.retentionMilliseconds) },
        OR: [{ sentAt: { not: null } }, { attempts: { gte: this.maxAttempts } }],
      },
    });
    if (count > 0) this.options.logger.info({ count }, "mail outbox: deleted old messages");
  }

  private async claimDueMessages(): Promise<ClaimedMessage[]> {
    const claimed = await this.options.prisma.$queryRaw<ClaimedMessage[]>`
      UPDATE "OutboxMessage"
      SET "nextAttemptAt" = ${databaseNowPlus(this.leaseMilliseconds)}, "claimId" = ${randomUUID()}::uuid
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE "sentAt" IS NULL AND "nextAttemptAt" <= ${databaseNow} AND "attempts" < ${this.maxAttempts}
        ORDER BY "createdAt", "id"
        LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id", "claimId"::text AS "claimId", "recipient", "subject", "encryptedBody", "attempts", "unfinishedSends", "createdAt"`;
    return claimed.sort((first, second) => first.createdAt.getTime() - second.createdAt.getTime());
  }

  /**
   * A batch is sent one message after another, and slow SMTP answers can outlast a lease: just
   * before each send the message's lease starts again, if it is still this instance's claim (another
   * instance that claimed the message since has put its own claim on it). The send counts as begun
   * until its attempt ends, so one cut off by a stop or a crash stays counted.
   */
  private async beginSend(message: ClaimedMessage): Promise<boolean> {
    const renewed = await this.options.prisma.$executeRaw`
      UPDATE "OutboxMessage"
      SET "nextAttemptAt" = ${databaseNowPlus(this.leaseMilliseconds)}, "unfinishedSends" = "unfinishedSends" + 1
      WHERE "id" = ${message.id}::uuid AND "claimId" = ${message.claimId}::uuid AND "sentAt" IS NULL`;
    return renewed === 1;
  }

  /**
   * Each of the message's last sends began and never ended: its instance died while
   * sending, and the mail itself may be why. Given up as a refused recipient is, rather than taking
   * instance after instance down forever; its body, which holds the link, is not logged.
   */
  private async giveUpUnfinished(message: ClaimedMessage): Promise<void> {
    const error = `${message.unfinishedSends} sends in a row began and never ended (the instance sending it died)`;
    const { count } = await this.options.prisma.outboxMessage.updateMany({
      where: { id: message.id, claimId: message.claimId, sentAt: null },
      data: { attempts: this.maxAttempts, lastError: error },
    });
    if (count === 1) {
      this.options.logger.error(
        { messageId: message.id, attempts: message.attempts, unfinishedSends: message.unfinishedSends, error },
        "mail outbox: could not send a mail, giving up",
      );
    }
  }

  /**
   * A send this instance's stop did not wait for (a slow SMTP server) ended because the instance
   * stopped, not because of the mail: it does not count toward giving the mail up, which is for
   * sends that take their instance down. It stays leased, in case the SMTP server took it after all.
   */
  private async cutOff(message: ClaimedMessage): Promise<void> {
    try {
      await this.options.prisma.outboxMessage.updateMany({
        where: { id: message.id, claimId: message.claimId, sentAt: null, unfinishedSends: { gt: 0 } },
        data: { unfinishedSends: { decrement: 1 } },
      });
    } catch (error) {
      this.options.logger.error({ err: error, messageId: message.id }, "mail outbox: could not record a send cut off by the stop");
    }
  }

  private async releaseWhileStopping(messages: ClaimedMessage[]): Promise<void> {
    try {
      await this.release(messages);
    } catch (error) {
      this.options.logger.error({ err: error }, "mail outbox: could not hand back the messages a stop left unsent");
    }
  }

  /** Claims a stopping round will not get to: due again now, for whichever instance polls next. */
  private async release(messages: ClaimedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const ids = Prisma.join(messages.map((message) => Prisma.sql`${message.id}::uuid`));
    await this.options.prisma.$executeRaw`
      UPDATE "OutboxMessage" SET "nextAttemptAt" = ${databaseNow}
      WHERE "id" IN (${ids}) AND "claimId" = ${messages[0]!.claimId}::uuid AND "sentAt" IS NULL`;
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const { prisma, mailer, secretBox, logger } = this.options;
    try {
      if (message.encryptedBody === null) throw new Error("The message has no body.");
      await mailer.send({ to: message.recipient, subject: message.subject, text: secretBox.decrypt(message.encryptedBody) });
    } catch (error) {
      const refusedForGood = isRecipientRefusedForGood(error);
      const attempts = refusedForGood ? this.maxAttempts : message.attempts + 1;
      const givingUp = attempts >= this.maxAttempts;
      // Only while it is still this instance's claim: another instance's lease stays as it set it.
      await prisma.$executeRaw`
        UPDATE "OutboxMessage"
        SET "attempts" = ${attempts}, "lastError" = ${describe(error)}, "unfinishedSends" = 0,
            "nextAttemptAt" = ${databaseNowPlus(this.retryDelay(attempts))}
        WHERE "id" = ${message.id}::uuid AND "claimId" = ${message.claimId}::uuid`;
      logger[givingUp ? "error" : "warn"](
        { messageId: message.id, attempts, error: describe(error) },
        givingUp ? "mail outbox: could not send a mail, giving up" : "mail outbox: could not send a mail, will retry",
      );
      return;
    }
    // The body holds a one-time link: it has no reason to stay once the mail is out.
    await prisma.outboxMessage.updateMany({
      where: { id: message.id },
      data: { sentAt: new Date(), encryptedBody: null, lastError: null, attempts: { increment: 1 }, unfinishedSends: 0 },
    });
    logger.info({ messageId: message.id, attempts: message.attempts + 1 }, "mail outbox: sent a mail");
  }

  /** Exponential backoff with ±20% jitter, so messages that failed together do not retry together. */
  private retryDelay(attempts: number): number {
    const delay = Math.min(this.retryDelayMilliseconds * 2 ** Math.max(attempts - 1, 0), this.maxRetryDelayMilliseconds);
    return Math.round(delay * (0.8 + Math.random() * 0.4));
  }
}

/**
 * The SMTP server refused the recipient with a 5xx answer to RCPT TO (no such mailbox, say): RFC 5321
 * asks a client not to repeat such a request. Other refusals, MAIL FROM's or DATA's included, are
 * often the sender's configuration, which an operator can fix: those are retried.
 */
function isRecipientRefusedForGood(error: unknown): boolean {
  const refusal = error as { code?: unknown; command?: unknown; permanent?: unknown };
  return refusal.code === "EENVELOPE" && refusal.command === "RCPT TO" && refusal.permanent === true;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, maximumErrorLength);
}
