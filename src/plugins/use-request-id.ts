import { randomUUID } from "node:crypto";
import type { Plugin } from "graphql-yoga";
import { logContext, type Logger } from "../logger.ts";

export interface RequestIdOptions {
  /**
   * The header a request id comes in on and goes back out on.
   * @default "x-request-id"
   */
  headerName?: string;
  /**
   * Writes one "request completed" line per request (method, path, status, duration).
   * @default undefined (no such line)
   */
  logger?: Logger;
}

// A proxy's or client's id is kept only when it is short and plain: a free-form header value
// copied into every log line would let a caller forge or split log lines (log injection).
const saneRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request an id — the caller's `x-request-id` when sane, a new UUID otherwise — echoed
 * in the response header and carried by every log line written while the request is handled
 * (through `logContext`, read by the logger's mixin), so one request's lines can be found
 * together and a user's report ("request id …") leads to them.
 */
export function useRequestId(options: RequestIdOptions = {}): Plugin {
  const headerName = options.headerName ?? "x-request-id";
  const started = new WeakMap<Request, { requestId: string; at: number }>();
  return {
    instrumentation: {
      request({ request }, handle) {
        const incoming = request.headers.get(headerName);
        const requestId = incoming && saneRequestId.test(incoming) ? incoming : randomUUID();
        started.set(request, { requestId, at: performance.now() });
        return logContext.run({ requestId }, handle);
      },
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      // Deleted, not left to the collector: see use-released-library-caches.ts.
      started.delete(request);
      const requestId = start?.requestId ?? logContext.getStore()?.requestId;
      if (!requestId) return;
      response.headers.set(headerName, requestId);
      options.logger?.info(
        {
          requestId,
          method: request.method,
          path: new URL(request.url, "http://localhost").pathname,
          status: response.status,
          durationMs: start ? Math.round(performance.now() - start.at) : undefined,
        },
        "request completed",
      );
    },
  };
}
