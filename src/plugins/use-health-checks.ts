import { setTimeout } from "node:timers/promises";
import type { Plugin } from "graphql-yoga";
import type { Database } from "../db/client.ts";

const readinessTimeoutMilliseconds = 5000;

/**
 * `GET /ready`: 200 when the database answers, 503 when it does not (readiness), so a load
 * balancer stops sending traffic to an instance that cannot serve it. `GET /health`: 200 with an
 * empty body while the process serves requests (liveness). Both by path, whatever the query
 * string (some probes add one): Yoga's own health check matches the end of the whole URL.
 */
export function useHealthChecks(database: Database): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === "/health") {
        endResponse(new fetchAPI.Response(null, { status: 200 }));
      } else if (url.pathname === "/ready") {
        // A database that stopped answering on an open connection fails the query only after
        // DATABASE_QUERY_TIMEOUT_MS (10 s by default), which closes that connection: a probe must
        // hear "unavailable" within its own timeout, before that.
        const timer = new AbortController();
        try {
          await Promise.race([
            database.withConnection((connection) => connection.query("SELECT 1")),
            setTimeout(readinessTimeoutMilliseconds, undefined, { signal: timer.signal }).then(() => Promise.reject(new Error("The database did not answer in time."))),
          ]);
          endResponse(fetchAPI.Response.json({ status: "ready" }));
        } catch {
          endResponse(fetchAPI.Response.json({ status: "unavailable" }, { status: 503 }));
        } finally {
          timer.abort();
        }
      }
    },
  };
}
