import { createCounter, createHistogram, usePrometheus, type FillLabelsFnParams } from "@graphql-yoga/plugin-prometheus";
import { maskError as yogaMaskError, type MaskError, type Plugin } from "graphql-yoga";
import { collectDefaultMetrics, Counter, Registry } from "prom-client";
import { adminApiKeyChecker } from "../domain/admin/admin-api-keys.ts";
import { signInOutcomes, signUpOutcomes, type AuthenticationOutcomes } from "../schema/authentication-outcomes.ts";

export interface MetricsOptions {
  /**
   * What a scraper must send as `Authorization: Bearer <token>` to read `/metrics`.
   * @default undefined (anyone who reaches the port may read them)
   */
  token?: string;
  /**
   * The server's `maskedErrors.maskError`: errors are counted under the `extensions.code` the
   * client receives, so an unexpected error counts as INTERNAL_SERVER_ERROR, not as code-less.
   * @default Yoga's maskError
   */
  maskError?: MaskError;
}

export interface Metrics {
  plugin: Plugin;
  /** Hand to each request's context: counts sign-ups and sign-ins by outcome. */
  authenticationOutcomes: AuthenticationOutcomes;
}

// Operation names come from clients, and each distinct label value is a new series held forever:
// past this many names, or for a name that is not a plain GraphQL name, the label says "other".
const maximumOperationNames = 100;
const graphqlName = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
// Error codes come from our code and Yoga's, but a plain shape keeps the label bounded regardless.
const errorCode = /^[A-Z][A-Z_]{0,49}$/;

let processRegistry: Registry | undefined;

/**
 * The Node.js process metrics (CPU, memory, event loop lag, GC). They describe the process, not
 * one server, so servers sharing a process (tests) share one registry of them, collected once.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * `GET /metrics` in Prometheus's text format: requests, durations and errors per GraphQL operation
 * (`@graphql-yoga/plugin-prometheus`), sign-ups and sign-ins by outcome, and the process's
 * metrics. Each server has a registry of its own, so several servers in one process neither share
 * nor clash. No label carries a value a caller chose freely (see `maximumOperationNames`), and
 * nothing secret is ever a label.
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const processWide = processMetrics();
  const operationLabels = boundedOperationLabels();
  const maskError = options.maskError ?? yogaMaskError;
  const signUps = new Counter({
    name: "identity_sign_ups_total",
    help: "signUp calls by outcome",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const signIns = new Counter({
    name: "identity_sign_ins_total",
    help: "signIn calls by outcome",
    labelNames: ["outcome"],
    registers: [registry],
  });
  // Every outcome shows from the start (at 0), so a rate over it works before the first event.
  for (const outcome of signUpOutcomes) signUps.labels(outcome).inc(0);
  for (const outcome of signInOutcomes) signIns.labels(outcome).inc(0);
  const prometheus = usePrometheus({
    registry,
    endpoint: false,
    skipIntrospection: true,
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: { name: "graphql_envelop_request", help: "GraphQL operations executed", labelNames: ["operationName", "operationType"] },
        fillLabelsFn: operationLabels,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: { name: "graphql_envelop_request_duration", help: "Time spent executing GraphQL operations, in seconds", labelNames: ["operationName", "operationType"] },
        fillLabelsFn: operationLabels,
      }),
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: "graphql_yoga_http_duration",
          help: "Time from receiving a GraphQL HTTP request to sending its response, in seconds",
          labelNames: ["operationName", "operationType", "statusCode"],
        },
        fillLabelsFn: (params: FillLabelsFnParams & { response: Response }) => ({
          ...operationLabels(params),
          statusCode: params.response.status,
        }),
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: "graphql_envelop_error_result",
          help: "GraphQL errors in responses, by phase and extensions.code",
          labelNames: ["operationName", "operationType", "phase", "code"],
        },
        fillLabelsFn: (params: FillLabelsFnParams & { errorPhase: string; error: unknown }) => ({
          ...operationLabels(params),
          phase: params.errorPhase,
          code: errorCodeLabel(params.error === undefined ? undefined : maskError(params.error, "", false)),
        }),
      }),
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
    },
  });
  const scraperMayRead = options.token ? adminApiKeyChecker([options.token]) : () => "valid";
  const endpoint: Plugin = {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== "/metrics") return;
      if (scraperMayRead(request.headers.get("authorization")) !== "valid") {
        endResponse(new fetchAPI.Response("A valid metrics token is required.\n", { status: 401, headers: { "www-authenticate": "Bearer" } }));
        return;
      }
      // Merged per scrape: the Prometheus plugin registers its metrics when Yoga starts it.
      const everything = Registry.merge([processWide, registry]);
      endResponse(new fetchAPI.Response(await everything.metrics(), { headers: { "content-type": registry.contentType } }));
    },
  };
  return {
    plugin: { onPluginInit: ({ addPlugin }) => [prometheus, endpoint].forEach(addPlugin) },
    authenticationOutcomes: {
      signUpFinished: (outcome) => signUps.labels(outcome).inc(),
      signInFinished: (outcome) => signIns.labels(outcome).inc(),
    },
  };
}

function boundedOperationLabels() {
  const knownNames = new Set<string>();
  function operationNameLabel(name: string | undefined): string {
    if (!name || name === "Anonymous") return "Anonymous";
    if (knownNames.has(name)) return name;
    if (knownNames.size >= maximumOperationNames || !graphqlName.test(name)) return "other";
    knownNames.add(name);
    return name;
  }
  return (params: FillLabelsFnParams) => ({
    operationName: operationNameLabel(params.operationName),
    operationType: params.operationType ?? "unknown",
  });
}

function errorCodeLabel(error: unknown): string {
  const code = (error as { extensions?: Record<string, unknown> } | undefined)?.extensions?.code;
  if (code === undefined) return "none";
  return typeof code === "string" && errorCode.test(code) ? code : "other";
}
