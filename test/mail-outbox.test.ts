import { networkInterfaces } from "node:os";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectDatabase, type Database } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { SecretBox } from "../src/domain/second-factor/secret-box.ts";
import { createLogger } from "../src/logger.ts";
import type { Mailer } from "../src/mail/mailer.ts";
import { OutboxDispatcher, type OutboxDispatcherOptions } from "../src/mail/outbox-dispatcher.ts";
import { SmtpMailer } from "../src/mail/smtp-mailer.ts";
import { eventually, MailSink } from "./helpers/mail-sink.ts";

// The outbox dispatcher against real SMTP servers (npm smtp-server) on a database of its own: what
// it does with refusals, with a stop in the middle of a round, and with an instance that dies while
// sending. The delivery of verification mail end to end is in email-verification.test.ts.

const secretBox = new SecretBox("mail-outbox-test-secret-key-0123456789abcdef");
const from = "no-reply@identity.example.test";

let database: Database;
beforeEach(async () => {
  database = connectDatabase({ kind: "memory" });
  await applyMigrations(database);
});
afterEach(() => database.close());

function dispatcher(mailer: Mailer, options: Partial<OutboxDispatcherOptions> = {}) {
  return new OutboxDispatcher({
    prisma: database.prisma,
    mailer,
    secretBox,
    logger: createLogger("silent"),
    pollMilliseconds: 50,
    retentionMilliseconds: 24 * 60 * 60 * 1000,
    ...options,
  });
}

async function queue(recipients: string[], attempts = 0) {
  for (const [index, recipient] of recipients.entries()) {
    await database.prisma.outboxMessage.create({
      data: { recipient, subject: "Verify", encryptedBody: secretBox.encrypt("hello"), attempts, createdAt: new Date(Date.now() + index) },
    });
  }
}

const message = (recipient: string) => database.prisma.outboxMessage.findFirstOrThrow({ where: { recipient } });

/** An SMTP server of the test's own, on `host`; `smtp://host:port` (with `credentials` if given). */
async function smtpServer(options: SMTPServerOptions, host = "127.0.0.1", credentials = "") {
  const server = new SMTPServer({ authOptional: true, disabledCommands: ["STARTTLS"], logger: false, ...options });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://${credentials}${host}:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("the outbox dispatcher", () => {
  it("gives a recipient up after one attempt when the SMTP server refuses it for good (5xx), and retries one it defers (4xx)", async () => {
    const recipientsTried: string[] = [];
    const smtp = await smtpServer({
      onRcptTo(address, _session, callback) {
        recipientsTried.push(address.address);
        const [code, text] = address.address.startsWith("gone") ? [550, "5.1.1 no such user here"] : [450, "4.2.0 mailbox busy, try later"];
        callback(Object.assign(new Error(text), { responseCode: code }));
      },
    });
    const outbox = dispatcher(new SmtpMailer(smtp.url, from), { retryDelayMilliseconds: 1, maxRetryDelayMilliseconds: 1 });
    await queue(["gone@example.com", "busy@example.com"]);
    outbox.start();
    try {
      await eventually(() => (recipientsTried.filter((address) => address === "busy@example.com").length >= 3 ? true : undefined), "retries of the deferred recipient");
      expect(recipientsTried.filter((address) => address === "gone@example.com")).toHaveLength(1);
      expect(await message("gone@example.com")).toMatchObject({ sentAt: null, attempts: 20, lastError: expect.stringContaining("550") });
      expect((await message("busy@example.com")).attempts).toBeGreaterThanOrEqual(2);
    } finally {
      await outbox.stop();
      await smtp.close();
    }
  });

  it("sends nothing more once stopped, and hands the rest of its round back to be sent at once", async () => {
    const slowSink = new MailSink(1000);
    await slowSink.start();
    const recipients = ["first@example.com", "second@example.com", "third@example.com"];
    await queue(recipients);
    const stopping = dispatcher(new SmtpMailer(slowSink.url, from), { batchSize: 3 });
    const successor = dispatcher(new SmtpMailer(slowSink.url, from));
    try {
      stopping.start();
      await slowSink.waitFor("first@example.com");
      await stopping.stop();
      const stoppedAt = Date.now();
      // The two it had claimed but not sent: due now, not after a lease, and none of their attempts used.
      for (const recipient of recipients.slice(1)) {
        const row = await message(recipient);
        expect(row, recipient).toMatchObject({ sentAt: null, attempts: 0 });
        expect(row.nextAttemptAt.getTime(), recipient).toBeLessThanOrEqual(stoppedAt);
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(slowSink.mails.map((mail) => mail.to[0])).toEqual(["first@example.com"]);

      successor.start();
      for (const recipient of recipients.slice(1)) await slowSink.waitFor(recipient);
      expect(slowSink.mails.map((mail) => mail.to[0])).toEqual(recipients);
    } finally {
      await successor.stop();
      await slowSink.close();
    }
  });

  it("still sends a message whose last attempt never ended (its instance died): an attempt counts once it is over", async () => {
    await queue(["last@example.com"], 19);
    const hanging: Mailer = { send: () => new Promise<void>(() => {}), close() {} };
    const dying = dispatcher(hanging, { leaseMilliseconds: 300, stopTimeoutMilliseconds: 50 });
    dying.start();
    await eventually(async () => ((await message("last@example.com")).claimId ? true : undefined), "the claim");
    await dying.stop();

    const sink = new MailSink();
    await sink.start();
    const survivor = dispatcher(new SmtpMailer(sink.url, from));
    survivor.start();
    try {
      await sink.waitFor("last@example.com");
      await eventually(async () => ((await message("last@example.com")).sentAt ? true : undefined), "marked sent");
      expect((await message("last@example.com")).attempts).toBe(20);
    } finally {
      await survivor.stop();
      await sink.close();
    }
  });
});

describe("the SMTP mailer", () => {
  it("requires STARTTLS before it sends credentials to a server that is not on this host", async () => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry?.family === "IPv4" && !entry.internal)?.address;
    expect(address, "a network interface besides the loopback").toBeDefined();
    const credentialsSeen: string[] = [];
    const smtp = await smtpServer(
      {
        authOptional: false,
        allowInsecureAuth: true,
        onAuth(auth, _session, callback) {
          credentialsSeen.push(`${auth.username}:${auth.password}`);
          callback(null, { user: auth.username });
        },
      },
      address,
      "mailer:s3cret-password@",
    );
    const mailer = new SmtpMailer(smtp.url, from);
    try {
      await expect(mailer.send({ to: "ada@example.com", subject: "Verify", text: "hello" })).rejects.toThrow(/STARTTLS/);
      expect(credentialsSeen).toEqual([]);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});
