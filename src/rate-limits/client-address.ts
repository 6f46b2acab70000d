import { isIPv6 } from "node:net";
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

/**
 * What per-client limits count: an IPv4 address, or an IPv6 client's /64 network. A subscriber is
 * given at least a /64, so counting single IPv6 addresses would give one client 2^64 allowances.
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`, as a dual-stack socket reports IPv4 peers) is the IPv4.
 */
export function rateLimitedNetwork(address: string): string {
  if (!isIPv6(address)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return mapped;
  return `${expandedIPv6Groups(address).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` filled in and leading zeros dropped. */
function expandedIPv6Groups(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("%")[0]!.split("::");
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":"));
  const [headGroups, tailGroups] = [groupsOf(head), tail === undefined ? [] : groupsOf(tail)];
  const filled = Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  return [...headGroups, ...filled, ...tailGroups].map((group) => Number.parseInt(group, 16).toString(16));
}
