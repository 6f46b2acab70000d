import { isIP, isIPv6 } from "node:net";
import type { IncomingMessage } from "node:http";

/**
 * The client's IP address: the socket's peer, or with `trustedProxyHops` proxies in front of us
 * (TRUST_PROXY), the address the outermost of them saw. Each proxy appends its peer to
 * X-Forwarded-For, so only the last `hops` entries are trustworthy: anything left of them is
 * whatever the client chose to send. An entry that is no IP address (a proxy writing something
 * else) counts as the socket's peer, so it cannot make a new client of every request.
 */
export function clientAddress(request: Request, serverContext: unknown, trustedProxyHops: number): string {
  const socketAddress = (serverContext as { req?: IncomingMessage }).req?.socket.remoteAddress ?? "unknown";
  if (trustedProxyHops === 0) return socketAddress;
  const forwarded = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const chain = [...forwarded, socketAddress];
  const address = withoutPort(chain[Math.max(0, chain.length - 1 - trustedProxyHops)]!);
  return isIP(address) !== 0 ? address : socketAddress;
}

/**
 * Some proxies (Azure Application Gateway among them) append the client's port too:
 * `203.0.113.5:40000`, `[2001:db8::1]:443`. The port changes with every connection.
 */
function withoutPort(entry: string): string {
  const bracketedIPv6 = /^\[([^\]]*)\](?::\d+)?$/.exec(entry)?.[1];
  if (bracketedIPv6 !== undefined) return bracketedIPv6;
  return /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry)?.[1] ?? entry;
}

/**
 * What per-client limits count: an IPv4 address, or an IPv6 client's /64 network. A subscriber is
 * given at least a /64, so counting single IPv6 addresses would give one client 2^64 allowances.
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`, as a dual-stack socket reports IPv4 peers, or any other
 * spelling of it) is the IPv4 address: its /64 would put every IPv4 client in one.
 */
export function rateLimitedNetwork(address: string): string {
  const plain = withoutIPv4Mapping(address);
  if (!isIPv6(plain)) return plain;
  return `${ipv6Groups(plain).slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
}

/**
 * The client's own address as a session records it, for its owner to recognise (`mySessions`):
 * the address `clientAddress` found, not the network rate limits count, and an IPv4 client's as
 * IPv4. Null when there is none (a request that came through no socket).
 */
export function recordedClientAddress(address: string): string | null {
  return isIP(address) === 0 ? null : withoutIPv4Mapping(address);
}

/** An IPv4-mapped IPv6 address (any spelling of `::ffff:192.0.2.1`) as the IPv4 address; any other as it is. */
function withoutIPv4Mapping(address: string): string {
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups.slice(0, 5).every((group) => group === 0) || groups[5] !== 0xffff) return address;
  return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
}

/** The eight 16-bit groups of a valid IPv6 address: `::` filled in, a dotted IPv4 tail as two groups. */
function ipv6Groups(address: string): number[] {
  const [head = "", tail] = address.split("%")[0]!.split("::");
  const groupsOf = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!group.includes(".")) return [Number.parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [headGroups, tailGroups] = [groupsOf(head), tail === undefined ? [] : groupsOf(tail)];
  const zeros = Array<number>(8 - headGroups.length - tailGroups.length).fill(0);
  return [...headGroups, ...zeros, ...tailGroups];
}
