/** One plain-text mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where the outbox hands mail to: SMTP in production, files in development (see `mail-outbox.ts`). */
export interface Mailer {
  /** Resolves once the mail is accepted; rejects when it was not, so the outbox retries it. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}
