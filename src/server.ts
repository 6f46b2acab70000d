import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import { createYoga } from "graphql-yoga";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { adminApiKeyChecker } from "./domain/admin/admin-api-keys.ts";
import { SecretBox } from "./domain/second-factor/secret-box.ts";
import { dummyDigest } from "./domain/passwords/verify-password.ts";
import { resolveSession } from "./domain/sessions/resolve-session.ts";
import type { ServiceDependencies } from "./domain/dependencies.ts";
import { defaultVerificationTokenTimeToLiveMilliseconds } from "./domain/email-verification/verification-mail.ts";
import type { Logger } from "./logger.ts";
import { startMailOutbox } from "./mail/mail-outbox.ts";
import { graphiqlDefaultQuery } from "./plugins/graphiql-default-query.ts";
import { useHealthChecks } from "./plugins/use-health-checks.ts";
import { useSessionCookie } from "./plugins/use-session-cookie.ts";
import type { Caller, Context } from "./schema/context.ts";
import { schema } from "./schema/index.ts";

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** `mailQueued`: the mail outbox's nudge, when this server runs one. */
export function createYogaServer(config: Config, database: Database, logger: Logger, mailQueued: () => void = () => {}) {
  const services: ServiceDependencies = {
    prisma: database.prisma,
    passwords: config.password,
    secretBox: new SecretBox(config.secretKey),
    sessionTimeToLiveMilliseconds: config.sessionTtlMilliseconds,
    timingDummyDigest: dummyDigest(config.password.argon2),
    emailVerification: { publicUrl: config.publicUrl, tokenTimeToLiveMilliseconds: defaultVerificationTokenTimeToLiveMilliseconds },
    mailQueued,
    legalAcceptanceRequired: config.legalAcceptanceRequired,
  };
  const checkAdminKey = adminApiKeyChecker(config.adminApiKeys);
  const sessionCookies = useSessionCookie({ secure: config.environment === "production" });
  return createYoga({
    schema,
    graphiql: config.graphiql ? { title: "Identity API", defaultQuery: graphiqlDefaultQuery } : false,
    landingPage: false,
    logging: logger,
    maskedErrors: { isDev: config.environment === "development" },
    plugins: [
      useHealthChecks(database),
      sessionCookies.plugin,
      ...(config.introspection ? [] : [useDisableIntrospection()]),
    ],
    context: async ({ request }): Promise<Context> => {
      const sessionCookie = sessionCookies.cookieFor(request);
      const caller: Caller = { adminKey: checkAdminKey(request.headers.get("authorization")) };
      if (sessionCookie.requestToken) {
        const session = await resolveSession(database.prisma, sessionCookie.requestToken, config.sessionTtlMilliseconds);
        caller.userId = session?.userId;
        if (session?.renewedUntil) sessionCookie.set(sessionCookie.requestToken, session.renewedUntil);
      }
      return { caller, services, sessionCookie };
    },
  });
}

export async function startServer(config: Config, database: Database, logger: Logger): Promise<RunningServer> {
  const outbox = startMailOutbox(config, database.prisma, logger);
  const yoga = createYogaServer(config, database, logger, outbox.nudge);
  const server = createHttpServer(yoga);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    server,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      // After the last request: the mail it queued is sent now or by the next instance.
      await outbox.stop();
    },
  };
}
