import { createTransport, type Transporter } from "nodemailer";
import type { Mailer, MailMessage } from "./mailer.ts";

// A hung SMTP server must not hold a claimed outbox message past its lease (see outbox-dispatcher.ts).
const connectionTimeoutMilliseconds = 10_000;
const socketTimeoutMilliseconds = 60_000;

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Sends through the SMTP server of `SMTP_URL` (`smtp://user:password@host:587`, or `smtps://` for
 * TLS from the start; nodemailer reads the credentials and options from the URL).
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, from: string) {
    const url = new URL(smtpUrl);
    this.transport = createTransport(
      {
        url: smtpUrl,
        // STARTTLS is opportunistic by default: whoever sits between us and a remote server could
        // take it out of the server's greeting and read the password in the clear. With credentials
        // it is required (the URL's own `requireTLS` query parameter, read after this, has the last word).
        requireTLS: url.protocol === "smtp:" && url.username !== "" && !loopbackHosts.has(url.hostname),
        connectionTimeout: connectionTimeoutMilliseconds,
        greetingTimeout: connectionTimeoutMilliseconds,
        socketTimeout: socketTimeoutMilliseconds,
      },
      { from },
    );
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail(message);
  }

  close(): void {
    this.transport.close();
  }
}
