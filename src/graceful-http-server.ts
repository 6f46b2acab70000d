import { createServer, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface GracefulHttpServer {
  server: Server;
  /**
   * Stops the server without cutting off a request: from the first moment every response says
   * `Connection: close`; after `idleGraceMilliseconds` the server stops accepting connections
   * and closes the idle ones, and those still sending a request; it resolves once the requests in
   * flight are answered.
   */
  close(): Promise<void>;
}

export interface GracefulHttpServerOptions {
  port: number;
  host: string;
  /**
   * How long a closing server still reads requests from the connections it holds. A client may
   * have sent a request on an idle keep-alive connection that the server has not read yet when
   * closing starts; closing that connection at once would reset it with the request unanswered.
   * @default 250
   */
  idleGraceMilliseconds?: number;
}

/** An HTTP server listening on `port` and `host` (port 0: any free port), with a graceful close. */
export async function listenGracefully(handler: RequestListener, options: GracefulHttpServerOptions): Promise<GracefulHttpServer> {
  let closing = false;
  const unanswered = new Set<ServerResponse>();
  const connections = new Set<Socket>();
  const server = createServer((request, response) => {
    // Once closing, a connection ends after its response instead of waiting idle for another.
    if (closing) response.setHeader("connection", "close");
    unanswered.add(response);
    response.once("close", () => unanswered.delete(response));
    // The server adapter builds each request's URL from the Host header before any plugin runs: a
    // Host that is no host name (`x:99999`, `a b`) threw there, answered 500 with the stack trace.
    if (request.headers.host !== undefined && !URL.canParse(`http://${request.headers.host}${request.url ?? "/"}`)) {
      response.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" });
      response.end("The Host header is not a host name and port.\n");
      return;
    }
    handler(request, response);
  });
  server.on("connection", (socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    server,
    async close() {
      closing = true;
      for (const response of unanswered) if (!response.headersSent) response.setHeader("connection", "close");
      await sleep(options.idleGraceMilliseconds ?? 250);
      // Stops accepting and closes the connections idle now (Node's http.Server.close); resolves
      // when the busy ones have answered and, told `Connection: close`, ended.
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // A connection whose request has not fully arrived has started nothing yet. Waited for, a
      // client trickling its headers or body would hold the stop for up to Node's header and
      // request timeouts (1 and 5 minutes), past any orchestrator's grace period.
      const answering = new Set([...unanswered].filter((response) => response.req.complete).map((response) => response.socket));
      for (const socket of connections) if (!answering.has(socket)) socket.destroy();
      await closed;
    },
  };
}
