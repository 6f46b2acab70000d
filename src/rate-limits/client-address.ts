import type { IncomingMessage } from "node:http";

/**
 * The client's IP address: the socket's peer, or with `trustedProxyHops` proxies in front of us
 * (TRUST_PROXY), the address the outermost of them saw. Each proxy appends its peer to
 * X-Forwarded-For, so only the last `hops` entries are trustworthy: anything left of them is
 * whatever the client chose to send.
 */
export function clientAddress(request: Request, serverContext: unknown, trustedProxyHops: number): string {
  const socketAddress = (serverContext as { req?: IncomingMessage }).req?.socket.remoteAddress ?? "unknown";
  if (trustedProxyHops === 0) return socketAddress;
  const forwarded = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const chain = [...forwarded, socketAddress];
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)]!;
}
