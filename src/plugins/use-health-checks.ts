import type { Plugin } from "graphql-yoga";
import type { Database } from "../db/client.ts";

/**
 * `GET /health`: 200 while the process serves requests (liveness).
 * `GET /ready`: 200 when the database answers, 503 when it does not (readiness), so a load
 * balancer stops sending traffic to an instance that cannot serve it.
 */
export function useHealthChecks(database: Database): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === "/health") {
        endResponse(fetchAPI.Response.json({ status: "ok" }));
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
