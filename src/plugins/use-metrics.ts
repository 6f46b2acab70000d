import { createCounter, createHistogram, usePrometheus, type FillLabelsFnParams } from "@graphql-yoga/plugin-prometheus";
import { getOperationAST } from "graphql";
import { isAsyncIterable, isIntrospectionOperationString, type Plugin } from "graphql-yoga";
import { collectDefaultMetrics, Counter, Registry } from "prom-client";
import { adminApiKeyChecker } from "../domain/admin/admin-api-keys.ts";
import { signInOutcomes, signUpOutcomes, type AuthenticationOutcomes } from "../schema/authentication-outcomes.ts";

export interface MetricsOptions {
  /**
   * What a scraper must send as `Authorization: Bearer <token>` to read `/metrics`.
   * @default undefined (anyone who reaches the port may read them)
   */
  token?: string;
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
 * `GET /metrics` in Prometheus's text format: requests and durations per GraphQL operation
 * (`@graphql-yoga/plugin-prometheus`), errors by the code clients received (`useErrorCounter`),
 * sign-ups and sign-ins by outcome, and the process's
 * metrics. Each server has a registry of its own, so several servers in one process neither share
 * nor clash. No label carries a value a caller chose freely (see `maximumOperationNames`), and
 * nothing secret is ever a label.
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const processWide = processMetrics();
  const operationLabels = boundedOperationLabels();
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
      // Counted by useErrorCounter instead, from what the client receives.
      graphql_envelop_error_result: false,
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
  const errors = new Counter({
    name: "graphql_envelop_error_result",
    help: "GraphQL errors in responses, by phase and extensions.code",
    labelNames: ["operationName", "operationType", "phase", "code"],
    registers: [registry],
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
    plugin: { onPluginInit: ({ addPlugin }) => [prometheus, useErrorCounter(errors, operationLabels), endpoint].forEach(addPlugin) },
    authenticationOutcomes: {
      signUpFinished: (outcome) => signUps.labels(outcome).inc(),
      signInFinished: (outcome) => signIns.labels(outcome).inc(),
    },
  };
}

/** What the error counter knows of an operation: its name and type once parsed, and how far it got. */
type CountedOperation = Pick<FillLabelsFnParams, "operationName" | "operationType"> & { phase: "parse" | "validate" | "context" | "execute" };

/**
 * Counts the errors of each operation's result as it leaves for the client, under the
 * `extensions.code` the client receives. The Prometheus plugin's own error counter sees errors
 * before Yoga gives parse and validation errors their codes (GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED), before useInputErrors gives refused variables BAD_USER_INPUT,
 * and before masking makes an unexpected error INTERNAL_SERVER_ERROR: it would say `none` for all
 * of them. The phase is the last one the operation entered. Introspection is not counted, as in the
 * other GraphQL metrics, nor are refusals before parsing (a persisted operation not found).
 */
function useErrorCounter(
  errors: Counter<"operationName" | "operationType" | "phase" | "code">,
  operationLabels: ReturnType<typeof boundedOperationLabels>,
): Plugin {
  const operations = new WeakMap<object, CountedOperation>();
  const enter = (context: object, phase: CountedOperation["phase"]) => {
    const operation = operations.get(context);
    if (operation) operation.phase = phase;
  };
  return {
    onParse({ context, params }) {
      if (isIntrospectionOperationString(params.source)) return;
      const operation: CountedOperation = { phase: "parse" };
      operations.set(context, operation);
      return ({ result }) => {
        if (!result || result instanceof Error) return;
        const definition = getOperationAST(result, context.params?.operationName);
        operation.operationName = definition?.name?.value;
        operation.operationType = definition?.operation;
      };
    },
    onValidate: ({ context }) => enter(context, "validate"),
    onContextBuilding: ({ context }) => enter(context, "context"),
    onExecute: ({ args }) => enter(args.contextValue, "execute"),
    onExecutionResult({ result, context }) {
      const operation = operations.get(context);
      if (!operation || !result || isAsyncIterable(result)) return;
      // Deleted, not left to the collector: see use-released-library-caches.ts.
      operations.delete(context);
      for (const error of result.errors ?? []) {
        errors.labels({ ...operationLabels(operation), phase: operation.phase, code: errorCodeLabel(error) }).inc();
      }
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
  return (params: FillLabelsFnParams) => {
    // The Prometheus plugin takes the document's first definition for the operation: in a document
    // that begins with a fragment (as the client preset writes them), the fragment's name and no
    // type. The operation is the one named, or the document's only one.
    const operation = params.document && (getOperationAST(params.document, params.operationName) ?? getOperationAST(params.document));
    return {
      operationName: operationNameLabel(operation ? operation.name?.value : params.operationName),
      operationType: operation?.operation ?? params.operationType ?? "unknown",
    };
  };
}

function errorCodeLabel(error: unknown): string {
  const code = (error as { extensions?: Record<string, unknown> } | undefined)?.extensions?.code;
  if (code === undefined) return "none";
  return typeof code === "string" && errorCode.test(code) ? code : "other";
}
