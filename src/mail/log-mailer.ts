import type { Logger } from "../logger.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

/**
 * Development and tests without `SMTP_URL`: the mail, link included, goes to the log instead, so a
 * developer can open it. Never used in production, where a link in a log would be a secret leaked.
 */
export class LogMailer implements Mailer {
  constructor(private readonly logger: Logger) {}

  async send(message: MailMessage): Promise<void> {
    this.logger.info({ mail: message }, `mail to ${message.to} not sent (no SMTP_URL); its text follows`);
  }

  close(): void {}
}
