import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import { createYoga } from "graphql-yoga";
import { ConfigError, localPublicUrl, type Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { listenGracefully, type GracefulHttpServer } from "./graceful-http-server.ts";
import { adminApiKeyVerifier } from "./domain/admin/admin-api-keys.ts";
import { resolveSession } from "./domain/sessions/resolve-session.ts";
import { SecretBox } from "./domain/second-factor/secret-box.ts";
import { opensStoredSecrets } from "./domain/second-factor/stored-secrets.ts";
import { createServiceDependencies, type ServiceDependencies } from "./domain/dependencies.ts";
import { noRateLimits, type RateLimits, type RequestOrigin } from "./domain/rate-limits/rate-limits.ts";
import { clientAddress, rateLimitedNetwork, recordedClientAddress } from "./rate-limits/client-address.ts";
import { startRateLimits } from "./rate-limits/start-rate-limits.ts";
import type { Logger } from "./logger.ts";
import { startMailOutbox, type MailOutbox } from "./mail/mail-outbox.ts";
import { maskDatabaseFaults } from "./plugins/database-faults.ts";
import { boundedParserCache } from "./plugins/document-cache.ts";
import { startExpiredRowSweeper } from "./expired-rows-sweeper.ts";
import { graphiqlDefaultQuery } from "./plugins/graphiql-default-query.ts";
import { useCompressedHtml } from "./plugins/use-compressed-html.ts";
import { useRequestParseErrors } from "./plugins/use-request-parse-errors.ts";
import { useCsrfPrevention } from "./plugins/use-csrf-prevention.ts";
import { useHealthChecks } from "./plugins/use-health-checks.ts";
import { useKnownOperationTypes } from "./plugins/use-known-operation-types.ts";
import { useMediaTypes } from "./plugins/use-media-types.ts";
import { resetPasswordPage } from "./plugins/reset-password-page.ts";
import { useTokenLinkPages } from "./plugins/token-link-pages.ts";
import { verifyEmailPage } from "./plugins/verify-email-page.ts";
import { useHiddenSuggestions } from "./plugins/use-hidden-suggestions.ts";
import { createMetrics } from "./plugins/use-metrics.ts";
import { usePersistedOperationsOnly } from "./plugins/use-persisted-operations.ts";
import { useQueryLimits } from "./plugins/use-query-limits.ts";
import { useRequestBodyLimit } from "./plugins/use-request-body-limit.ts";
import { useReleasedLibraryCaches } from "./plugins/use-released-library-caches.ts";
import { useRequestId } from "./plugins/use-request-id.ts";
import { useNoSniff } from "./plugins/use-no-sniff.ts";
import { useNoStore } from "./plugins/use-no-store.ts";
import { useSessionCookie } from "./plugins/use-session-cookie.ts";
import { useInputErrors } from "./plugins/use-input-errors.ts";
import { userPageSizes } from "./schema/admin-users.ts";
import { ignoredAuthenticationOutcomes } from "./schema/authentication-outcomes.ts";
import type { Caller, Context } from "./schema/context.ts";
import { unauthenticated } from "./schema/graphql-errors.ts";
import { schema } from "./schema/index.ts";

/** The pages the links of mails open when PUBLIC_URL is this server (its default). */
const tokenLinkPages = [verifyEmailPage, resetPasswordPage];

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** `mailQueued`: the mail outbox's nudge, when this server runs one. */
export function createYogaServer(
  config: Config,
  database: Database,
  logger: Logger,
  mailQueued: () => void = () => {},
  rateLimits: RateLimits = noRateLimits,
) {
  const services = createServiceDependencies(config, database, { mailQueued, rateLimits });
  // SPEC section 9: requests with a valid admin API key are not rate limited.
  const adminServices: ServiceDependencies = { ...services, rateLimits: noRateLimits };
  const checkAdminKey = adminApiKeyVerifier(config.adminApiKeys, database.prisma);
  // SPEC section 3: Secure outside development (browsers accept it from http://localhost too).
  const sessionCookies = useSessionCookie({
    secure: config.environment !== "development",
    cookieMutations: ["signIn", "signUp", "signOut", "signOutSession", "deleteSelf", "resetPassword"],
  });
  const maskError = maskDatabaseFaults();
  const metrics = config.metrics ? createMetrics(config.metrics) : undefined;
  const authenticationOutcomes = metrics?.authenticationOutcomes ?? ignoredAuthenticationOutcomes;
  return createYoga({
    schema,
    graphiql: config.graphiql ? { title: "Identity API", defaultQuery: graphiqlDefaultQuery } : false,
    // The whole page, scripts included, from @graphql-yoga/render-graphiql (loaded on the first
    // visit): Yoga's default page loads GraphiQL from unpkg.com, which an offline machine cannot
    // reach, and which would run a third party's script in the page an admin key is typed into.
    renderGraphiQL: async (options) => (await import("@graphql-yoga/render-graphiql")).renderGraphiQL(options),
    landingPage: false,
    // Yoga's default answers every origin's preflight, credentials allowed: a page of any origin on
    // the same site (another subdomain) could then read `me` and call `updateMe` with the user's
    // cookie, and the CSRF check, which relies on the preflight, would let it through.
    // An origin that is not listed gets no CORS header at all: given a list, Yoga answers it
    // `Access-Control-Allow-Origin: null` with credentials, which grants every page whose origin is
    // `null` (a sandboxed frame, a data: or file: page).
    cors: (request) => {
      const origin = request.headers.get("origin");
      if (origin === null || !config.corsOrigins.includes(origin)) return false;
      return {
        origin,
        credentials: true,
        methods: ["GET", "POST"],
        allowedHeaders: ["content-type", "authorization", "x-graphql-client", "x-graphql-yoga-csrf", "x-request-id"],
      };
    },
    logging: logger,
    // A database outage answers SERVICE_UNAVAILABLE (503), not a masked INTERNAL_SERVER_ERROR.
    maskedErrors: { isDev: config.environment === "development", maskError },
    // Replaced by useRequestBodyLimit, which does the same without a stream per request.
    maxRequestBodySize: false,
    // No operation takes a file, and Yoga's multipart parser answers a malformed `map` with a 500.
    multipart: false,
    // Yoga's own cache holds 1,024 documents whatever their size: enough large ones fill the heap.
    parserAndValidationCache: boundedParserCache(),
    batching: config.queryLimits.maxBatchOperations > 0 ? { limit: config.queryLimits.maxBatchOperations } : false,
    plugins: [
      useRequestId({ logger }),
      useCompressedHtml(),
      useNoStore(),
      useNoSniff(),
      // Before any body is read: a request a browser would send cross-site without a preflight is
      // refused whatever its type.
      useCsrfPrevention(["x-graphql-client", "x-graphql-yoga-csrf"]),
      useMediaTypes(),
      // SPEC section 9: 413 past MAX_BODY_BYTES, by Content-Length and by the bytes actually streamed.
      useRequestBodyLimit(config.maxBodyBytes),
      // Wraps the body parsers above, so it sees a request's read failing wherever it was read.
      useRequestParseErrors({ logger }),
      useHealthChecks(database),
      useTokenLinkPages(tokenLinkPages),
      ...(metrics ? [metrics.plugin] : []),
      ...(config.persistedOperations
        ? [
            usePersistedOperationsOnly({
              operations: new Map([...config.persistedOperations, ...tokenLinkPages.map(({ operation }) => [operation.sha256Hash, operation.document] as const)]),
              // Back offices and migration scripts write their own operations.
              allowsArbitraryOperations: async (request) => {
                const adminKey = await checkAdminKey(request.headers.get("authorization"));
                // A mistyped key is told as such, not as an operation this server does not run.
                if (adminKey === "invalid") throw unauthenticated("The admin API key is not valid.");
                return adminKey === "valid";
              },
            }),
          ]
        : []),
      useQueryLimits(config.queryLimits, userPageSizes),
      useKnownOperationTypes(),
      useInputErrors({ hideSuggestions: !config.introspection }),
      sessionCookies.plugin,
      useReleasedLibraryCaches(),
      // Without introspection, "Did you mean …?" hints would give the schema away instead.
      ...(config.introspection ? [] : [useDisableIntrospection(), useHiddenSuggestions()]),
    ],
    // Not destructured: for each operation of a batched request Yoga gives an object whose
    // prototype is the server's context, and a spread would leave its `req` (the socket) behind.
    context: async (initialContext): Promise<Context> => {
      const { request } = initialContext;
      const sessionCookie = sessionCookies.cookieFor(request);
      const caller: Caller = { adminKey: await checkAdminKey(request.headers.get("authorization")) };
      if (sessionCookie.requestToken) {
        const session = await resolveSession(database.prisma, sessionCookie.requestToken, {
          timeToLiveMilliseconds: config.sessionTtlMilliseconds,
          maxLifetimeMilliseconds: config.sessionMaxLifetimeMilliseconds,
        });
        caller.userId = session?.userId;
        caller.sessionId = session?.sessionId;
        caller.signedInAt = session?.signedInAt;
        if (session?.renewedUntil) sessionCookie.renew(session.renewedUntil);
      }
      const address = clientAddress(request, initialContext, config.trustedProxyHops);
      const origin: RequestOrigin = {
        clientAddress: rateLimitedNetwork(address),
        ipAddress: recordedClientAddress(address),
        userAgent: request.headers.get("user-agent"),
      };
      return { caller, services: caller.adminKey === "valid" ? adminServices : services, sessionCookie, origin, authenticationOutcomes };
    },
  });
}

export async function startServer(config: Config, database: Database, logger: Logger): Promise<RunningServer> {
  if (!(await opensStoredSecrets(database.prisma, new SecretBox(config.secretKey)))) {
    throw new ConfigError("Invalid configuration: SECRET_KEY does not open the TOTP secrets stored in the database (they were sealed with another key)");
  }
  const limits = await startRateLimits(config, logger);
  let outbox: MailOutbox | undefined;
  let sweeper: { stop(): Promise<void> } | undefined;
  let http: GracefulHttpServer | undefined;
  const stop = async () => {
    await http?.close();
    // After the last request: the mail it queued is sent now or by the next instance.
    await outbox?.stop();
    await sweeper?.stop();
    await limits.close();
  };
  try {
    outbox = startMailOutbox(config, database.prisma, logger);
    sweeper = startExpiredRowSweeper(database.prisma, logger);
    // Listening first: PUBLIC_URL's default (`localPublicUrl`) names the port actually bound, which
    // with PORT=0 only the listening server knows. No request is read before `yoga` exists: nothing
    // awaits in between.
    http = await listenGracefully((request, response) => yoga(request, response), { port: config.port, host: config.host });
    const { port } = http.server.address() as AddressInfo;
    const publicUrl = config.publicUrl === localPublicUrl(config.port) ? localPublicUrl(port) : config.publicUrl;
    const yoga = createYogaServer({ ...config, publicUrl }, database, logger, outbox.nudge, limits.rateLimits);
    return { url: `http://127.0.0.1:${port}/graphql`, server: http.server, close: stop };
  } catch (error) {
    // A failed start (the port taken, say) leaves nothing running: no Redis client, no outbox timer.
    await stop();
    throw error;
  }
}
