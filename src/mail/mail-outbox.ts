import { ConfigError, type Config } from "../config.ts";
import { SecretBox } from "../domain/second-factor/secret-box.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Logger } from "../logger.ts";
import { FileDropMailer } from "./file-drop-mailer.ts";
import type { Mailer } from "./mailer.ts";
import { OutboxDispatcher } from "./outbox-dispatcher.ts";
import { SmtpMailer } from "./smtp-mailer.ts";

/** What the server holds of the outbox: a nudge after a commit that queued mail, and a stop. */
export interface MailOutbox {
  nudge(): void;
  stop(): Promise<void>;
}

const idle: MailOutbox = { nudge: () => {}, stop: async () => {} };

/**
 * Starts sending the outbox's mail: over SMTP with `SMTP_URL`; without it, outside production, as
 * files into `MAIL_DROP_DIR`. In production without `SMTP_URL`, or with `OUTBOX_POLL_MILLISECONDS=0`, this
 * instance sends nothing and messages wait in the outbox for one that does. A `MAIL_DROP_DIR` that
 * cannot be created or written is a ConfigError.
 */
export function startMailOutbox(config: Config, prisma: PrismaClient, logger: Logger): MailOutbox {
  if (config.outboxPollMilliseconds === 0) {
    logger.info("OUTBOX_POLL_MILLISECONDS=0: this instance sends no mail; queued mail waits for another instance");
    return idle;
  }
  let mailer: Mailer;
  if (config.smtpUrl) {
    mailer = new SmtpMailer(config.smtpUrl, config.mailFrom);
  } else if (config.environment !== "production") {
    mailer = fileDropMailer(config, logger);
    logger.info(
      { directory: config.mailDropDirectory },
      "SMTP_URL is not set: mail (email verification links included) is written as .eml files into MAIL_DROP_DIR instead of sent",
    );
  } else {
    logger.warn("SMTP_URL is not set: mail (email verification links) stays queued in the outbox until an instance with SMTP_URL runs");
    return idle;
  }
  const dispatcher = new OutboxDispatcher({
    prisma,
    mailer,
    secretBox: new SecretBox(config.secretKey),
    logger,
    pollMilliseconds: config.outboxPollMilliseconds,
    retentionMilliseconds: config.outboxRetentionMilliseconds,
  });
  dispatcher.start();
  return dispatcher;
}

/** The mailer of `MAIL_DROP_DIR`, whose directory is ready: a start that fails is noticed, a mail that fails waits unseen in the outbox. */
function fileDropMailer(config: Config, logger: Logger): FileDropMailer {
  const mailer = new FileDropMailer(config.mailDropDirectory, config.mailFrom, logger);
  try {
    mailer.prepareDirectory();
  } catch (error) {
    throw new ConfigError(`Invalid configuration: MAIL_DROP_DIR ${config.mailDropDirectory} cannot be created or written (${(error as Error).message})`);
  }
  return mailer;
}
