import { randomBytes } from "node:crypto";
import { mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Logger } from "../logger.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

/**
 * Development and tests without `SMTP_URL`: each mail becomes an `.eml` file in `MAIL_DROP_DIR`,
 * which a developer opens in a mail client or reads as text. The log names only the recipient and
 * the file: the mail holds a one-time link, and logs never hold a token (SPEC section 2). Never
 * used in production, where mail waits in the outbox for an instance with `SMTP_URL`.
 */
export class FileDropMailer implements Mailer {
  private readonly directory: string;

  constructor(
    directory: string,
    private readonly from: string,
    private readonly logger: Logger,
  ) {
    this.directory = resolve(directory);
  }

  /**
   * Creates the directory if it is missing and checks that a file can be written in it, or throws
   * the system's error: at start, rather than at the first mail, which would wait in the outbox.
   * A file written and removed, not access(W_OK), which root passes whatever the directory's mode.
   */
  prepareDirectory(): void {
    makeDirectory(this.directory);
    const probe = join(this.directory, `.write-check-${randomBytes(4).toString("hex")}`);
    writeFileSync(probe, "", { mode: 0o600, flag: "wx" });
    unlinkSync(probe);
  }

  async send(message: MailMessage): Promise<void> {
    const sentAt = new Date();
    // Time first, so that `ls` lists the mail in the order it was sent.
    const file = join(this.directory, `${sentAt.toISOString().replace(/:/g, "-")}-${randomBytes(4).toString("hex")}.eml`);
    // The files hold live links: readable by their owner only. Made again if removed since the start.
    makeDirectory(this.directory);
    await writeFile(file, emlText(this.from, message, sentAt), { mode: 0o600, flag: "wx" });
    this.logger.info({ to: message.to, file }, `mail to ${message.to} written to ${file} (no SMTP_URL)`);
  }

  close(): void {}
}

/**
 * `mkdir -p`, one level at a time, each made readable by its owner only. Node 20's own recursive
 * mkdir never returns for a directory that cannot be made under /proc (it retries the ENOENT).
 */
function makeDirectory(directory: string): void {
  try {
    mkdirSync(directory, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    const parent = dirname(directory);
    if (code !== "ENOENT" || parent === directory) throw error;
    makeDirectory(parent);
    mkdirSync(directory, { mode: 0o700 });
  }
}

/**
 * An RFC 5322 message whose body is plain UTF-8 (8bit), not quoted-printable as nodemailer would
 * encode its long lines, so that the link can be read, searched and copied as it is. Header values
 * are ours and validated (`MAIL_FROM`, an address, a fixed subject): none holds a line break.
 */
function emlText(from: string, message: MailMessage, sentAt: Date): string {
  const headers = [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: ${message.subject}`,
    `Date: ${sentAt.toUTCString().replace("GMT", "+0000")}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
  ];
  return `${headers.join("\r\n")}\r\n\r\n${message.text.replace(/\r?\n/g, "\r\n")}`;
}
