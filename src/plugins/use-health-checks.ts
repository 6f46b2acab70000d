import type { Plugin } from "graphql-yoga";
import type { Database } from "../db/client.ts";

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
        try {
          await database.withConnection((connection) => connection.query("SELECT 1"));
          endResponse(fetchAPI.Response.json({ status: "ready" }));
        } catch {
          endResponse(fetchAPI.Response.json({ status: "unavailable" }, { status: 503 }));
        }
      }
    },
  };
}
