import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../src/config.ts";
import { connectDatabase, type Database } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { SecretBox } from "../src/domain/second-factor/secret-box.ts";
import { createLogger } from "../src/logger.ts";
import type { Mailer } from "../src/mail/mailer.ts";
import { startMailOutbox } from "../src/mail/mail-outbox.ts";
import { OutboxDispatcher, type OutboxDispatcherOptions } from "../src/mail/outbox-dispatcher.ts";
import { SmtpMailer } from "../src/mail/smtp-mailer.ts";
import { startServer } from "../src/server.ts";
import { eventually, MailSink } from "./helpers/mail-sink.ts";
import { createPostgresDatabase } from "./helpers/server.ts";

// The outbox dispatcher against real SMTP servers (npm smtp-server) on a database of its own: what
// it does with refusals, with a stop in the middle of a round, with an instance that dies while
// sending, and with instances whose clocks disagree. The delivery of verification mail end to end
// is in email-verification.test.ts. Then MAIL_DROP_DIR, which a start without SMTP_URL checks.

const secretBox = new SecretBox("mail-outbox-test-secret-key-0123456789abcdef");
const from = "no-reply@identity.example.test";

let database: Database;
let dropDatabase: () => Promise<void>;
beforeEach(async () => {
  if (process.env.TEST_DATABASE === "postgres") {
    const postgres = await createPostgresDatabase();
    database = connectDatabase({ kind: "postgres", url: postgres.url });
    dropDatabase = postgres.drop;
  } else {
    database = connectDatabase({ kind: "memory" });
    dropDatabase = async () => {};
  }
  await applyMigrations(database);
});
afterEach(async () => {
  await database.close();
  await dropDatabase();
});

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

/** A mailer whose sends never end, as when its instance dies while sending. */
const hanging: Mailer = { send: () => new Promise<void>(() => {}), close() {} };

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

  it("hands the rest of its round back at once also when its stop cuts off a send that does not end", async () => {
    const recipients = ["stuck@example.com", "next@example.com", "last@example.com"];
    await queue(recipients);
    const stopping = dispatcher(hanging, { batchSize: 3, stopTimeoutMilliseconds: 20 });
    stopping.start();
    await eventually(async () => ((await message("stuck@example.com")).unfinishedSends === 1 ? true : undefined), "the send begun");
    await stopping.stop();
    const stoppedAt = Date.now();
    // The cut-off one stays leased (the SMTP server may have taken it); the others are due now.
    expect((await message("stuck@example.com")).nextAttemptAt.getTime()).toBeGreaterThan(stoppedAt + 60_000);
    for (const recipient of recipients.slice(1)) {
      const row = await message(recipient);
      expect(row, recipient).toMatchObject({ sentAt: null, attempts: 0, unfinishedSends: 0 });
      expect(row.nextAttemptAt.getTime(), recipient).toBeLessThanOrEqual(stoppedAt);
    }
  });

  it("still sends a message whose last attempt never ended (its instance died): an attempt counts once it is over", async () => {
    await queue(["last@example.com"], 19);
    // It dies while sending: no stop, nothing more from it.
    const dying = dispatcher(hanging, { leaseMilliseconds: 300 });
    dying.start();
    await eventually(async () => ((await message("last@example.com")).unfinishedSends === 1 ? true : undefined), "the send begun");

    const sink = new MailSink();
    await sink.start();
    const survivor = dispatcher(new SmtpMailer(sink.url, from));
    survivor.start();
    try {
      await sink.waitFor("last@example.com");
      await eventually(async () => ((await message("last@example.com")).sentAt ? true : undefined), "marked sent");
      expect(await message("last@example.com")).toMatchObject({ attempts: 20, unfinishedSends: 0 });
    } finally {
      await survivor.stop();
      await sink.close();
    }
  });

  it("gives a message up after three sends in a row that began and never ended (it may be what kills its instance)", async () => {
    await queue(["poison@example.com"]);
    for (let send = 1; send <= 3; send++) {
      // Each instance dies while sending it: no stop, nothing more from it.
      const dying = dispatcher(hanging, { leaseMilliseconds: 200 });
      dying.start();
      await eventually(async () => ((await message("poison@example.com")).unfinishedSends === send ? true : undefined), `send ${send}`);
    }

    let log = "";
    const sent: string[] = [];
    const recording: Mailer = { send: async (mail) => void sent.push(mail.to), close() {} };
    const survivor = dispatcher(recording, { logger: createLogger("info", { write: (line: string) => void (log += line) }) });
    survivor.start();
    try {
      const givenUp = await eventually(async () => {
        const row = await message("poison@example.com");
        return row.attempts === 20 ? row : undefined;
      }, "the message given up");
      expect(givenUp).toMatchObject({ sentAt: null, unfinishedSends: 3, lastError: expect.stringContaining("3 sends in a row began and never ended") });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sent).toEqual([]);
      const [line, ...others] = log.split("\n").filter((text) => text.includes("giving up"));
      expect(others).toEqual([]);
      expect(JSON.parse(line!)).toMatchObject({ level: 50, messageId: givenUp.id, msg: "mail outbox: could not send a mail, giving up" });
      expect(log).not.toContain("hello");
    } finally {
      await survivor.stop();
    }
  });

  it("does not count a send cut off by a graceful stop (a slow SMTP server during deploys) toward giving the mail up", async () => {
    await queue(["slow@example.com"]);
    for (let stop = 1; stop <= 4; stop++) {
      const stopping = dispatcher(hanging, { leaseMilliseconds: 200, stopTimeoutMilliseconds: 20 });
      stopping.start();
      await eventually(async () => ((await message("slow@example.com")).unfinishedSends === 1 ? true : undefined), `send ${stop}`);
      await stopping.stop();
      expect(await message("slow@example.com")).toMatchObject({ sentAt: null, attempts: 0, unfinishedSends: 0 });
    }
    const sink = new MailSink();
    await sink.start();
    const survivor = dispatcher(new SmtpMailer(sink.url, from));
    survivor.start();
    try {
      await sink.waitFor("slow@example.com");
      await eventually(async () => ((await message("slow@example.com")).sentAt ? true : undefined), "marked sent");
    } finally {
      await survivor.stop();
      await sink.close();
    }
  });

  it("counts only sends in a row: an attempt that ends starts the count again", async () => {
    await queue(["flaky@example.com"]);
    const crashTwice = async () => {
      for (let crash = 0; crash < 2; crash++) {
        const before = (await message("flaky@example.com")).unfinishedSends;
        const dying = dispatcher(hanging, { leaseMilliseconds: 200 });
        dying.start();
        await eventually(async () => ((await message("flaky@example.com")).unfinishedSends > before ? true : undefined), "the send begun");
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    };
    await crashTwice();
    const refusing: Mailer = { send: async () => Promise.reject(new Error("451 4.3.0 try again later")), close() {} };
    const failing = dispatcher(refusing, { retryDelayMilliseconds: 60_000 });
    failing.start();
    await eventually(async () => ((await message("flaky@example.com")).attempts === 1 ? true : undefined), "the failed attempt");
    await failing.stop();
    expect(await message("flaky@example.com")).toMatchObject({ unfinishedSends: 0, lastError: expect.stringContaining("451") });
    // The retry's time comes.
    await database.prisma.outboxMessage.updateMany({ data: { nextAttemptAt: new Date() } });

    await crashTwice();
    const sink = new MailSink();
    await sink.start();
    const survivor = dispatcher(new SmtpMailer(sink.url, from));
    survivor.start();
    try {
      await sink.waitFor("flaky@example.com");
      await eventually(async () => ((await message("flaky@example.com")).sentAt ? true : undefined), "marked sent");
    } finally {
      await survivor.stop();
      await sink.close();
    }
  });

  // The embedded database runs in this process and reads this process's clock: only a PostgreSQL
  // server has a clock of its own, as it does for instances on several machines.
  it.skipIf(process.env.TEST_DATABASE !== "postgres")(
    "times leases and retries with the database's clock: an instance whose clock runs ahead neither takes a leased message nor sets a late retry",
    async () => {
      await queue(["leased@example.com"]);
      const holder = dispatcher(hanging, { stopTimeoutMilliseconds: 20 });
      holder.start();
      await eventually(async () => ((await message("leased@example.com")).unfinishedSends === 1 ? true : undefined), "the send begun");
      // Its send hangs: the message stays leased, for the default 5 minutes.
      await holder.stop();
      await queue(["due@example.com"]);

      const tried: string[] = [];
      const deferring: Mailer = {
        send: async (mail) => {
          tried.push(mail.to);
          throw new Error("450 4.2.0 mailbox busy, try later");
        },
        close() {},
      };
      vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
      vi.setSystemTime(Date.now() + 10 * 60 * 1000);
      const ahead = dispatcher(deferring, { retryDelayMilliseconds: 60_000, maxRetryDelayMilliseconds: 60_000 });
      try {
        ahead.start();
        const failed = await eventually(async () => {
          const row = await message("due@example.com");
          return row.attempts === 1 ? row : undefined;
        }, "the failed attempt");
        const retryIn = failed.nextAttemptAt.getTime() - vi.getRealSystemTime();
        // 60 s ± 20% of jitter after the database's now, not after this instance's ten minutes ahead.
        expect(retryIn).toBeGreaterThan(40_000);
        expect(retryIn).toBeLessThan(80_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(tried).toEqual(["due@example.com"]);
        // Its stop cut the send off: still leased, and not counted as a send that took its instance down.
        expect(await message("leased@example.com")).toMatchObject({ sentAt: null, attempts: 0, unfinishedSends: 0 });
      } finally {
        await ahead.stop();
        vi.useRealTimers();
      }
    },
  );
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

describe("MAIL_DROP_DIR, without SMTP_URL", () => {
  const serverEnvironment = { NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent" };

  it("is created at start, readable by its owner only, before any mail", async () => {
    const directory = join(tmpdir(), `identity-mail-drop-${randomBytes(6).toString("hex")}`, "mail");
    const outbox = startMailOutbox(loadConfig({ ...serverEnvironment, MAIL_DROP_DIR: directory }), database.prisma, createLogger("silent"));
    try {
      expect((await stat(directory)).mode & 0o777).toBe(0o700);
    } finally {
      await outbox.stop();
      await rm(join(directory, ".."), { recursive: true, force: true });
    }
  });

  it("stops the start when it cannot be created or written, with a line that names MAIL_DROP_DIR", async () => {
    const parent = await mkdtemp(join(tmpdir(), "identity-mail-drop-"));
    const file = join(parent, "a-file");
    await writeFile(file, "");
    try {
      // Under a file, it cannot be created; in sysfs nobody may create a file, root included.
      const unusable: Array<[directory: string, reason: string]> = [
        [join(file, "mail"), "ENOTDIR"],
        ["/sys/kernel", "EACCES"],
        // Node 20's recursive mkdir would retry this one forever.
        ["/proc/identity-mail", "ENOENT"],
      ];
      for (const [directory, reason] of unusable) {
        const config = loadConfig({ ...serverEnvironment, MAIL_DROP_DIR: directory });
        await expect(startServer(config, database, createLogger("silent")), directory).rejects.toThrow(
          `Invalid configuration: MAIL_DROP_DIR ${directory} cannot be created or written (${reason}`,
        );
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("is not looked at when mail goes over SMTP_URL", async () => {
    const parent = await mkdtemp(join(tmpdir(), "identity-mail-drop-"));
    const file = join(parent, "a-file");
    await writeFile(file, "");
    const config = loadConfig({ ...serverEnvironment, SMTP_URL: "smtp://127.0.0.1:2525", MAIL_DROP_DIR: join(file, "mail") });
    try {
      await startMailOutbox(config, database.prisma, createLogger("silent")).stop();
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
