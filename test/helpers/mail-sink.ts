import { createServer as createNetServer } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server in the test process (npm smtp-server): the mail our server sends arrives over
// a real SMTP conversation on the loopback, and the test reads it here.

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: string;
  text: string;
}

export class MailSink {
  readonly mails: ReceivedMail[] = [];
  /** `acceptDelayMilliseconds`: how long it takes to accept each mail, as a slow SMTP server would. */
  constructor(private readonly acceptDelayMilliseconds = 0) {}
  private readonly server = new SMTPServer({
    authOptional: true,
    // Its built-in certificate is self-signed: plain SMTP on the loopback is what this test needs.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const split = raw.indexOf("\r\n\r\n");
        const headers = raw.slice(0, split);
        this.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((address) => address.address),
          headers,
          text: decodeBody(headers, raw.slice(split + 4)),
        });
        setTimeout(callback, this.acceptDelayMilliseconds);
      });
    },
  });
  url = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.server.address();
    if (address === null || typeof address === "string") throw new Error("SMTP server has no port");
    this.url = `smtp://127.0.0.1:${address.port}`;
  }

  to(recipient: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(recipient));
  }

  /** Waits for the `count`-th mail to `recipient` and returns it. */
  async waitFor(recipient: string, count = 1): Promise<ReceivedMail> {
    return eventually(() => this.to(recipient)[count - 1], `mail #${count} to ${recipient}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body, "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

export async function eventually<Value>(check: () => Value | undefined | Promise<Value | undefined>, what: string, timeoutMilliseconds = 20_000) {
  const deadline = Date.now() + timeoutMilliseconds;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An address nothing listens on: connections are refused, as when the SMTP server is down. */
export async function closedSmtpUrl(): Promise<string> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return `smtp://127.0.0.1:${address.port}`;
}
