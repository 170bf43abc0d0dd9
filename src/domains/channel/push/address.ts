/**
 * Where a webhook may be sent: only to public addresses, so that an editor cannot use the server
 * to reach loopback, the office network or a cloud metadata service (SSRF), nor learn from the
 * test button which internal ports are open. Intranet deployments list their own robots in
 * WEBHOOK_ALLOW_HOSTS. The check runs on the address actually connected to (in the socket's DNS
 * lookup), so a name that resolves differently on the second lookup gains nothing.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Thrown (and reported to staff without detail) for every address that may not be reached. */
export class RefusedAddressError extends Error {
  constructor() {
    super('refused address');
    this.name = 'RefusedAddressError';
  }
}

// IPv4-mapped IPv6 (::ffff:a.b.c.d) is matched against the IPv4 rules by BlockList itself.
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (also Alibaba Cloud's metadata 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];
const BLOCKED_V6: [string, number][] = [
  ['::', 96], // unspecified, loopback ::1 and the old IPv4-compatible ::a.b.c.d
  ['64:ff9b::', 96], // NAT64: may carry a private IPv4 address
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: may carry a private IPv4 address
  ['fc00::', 7], // unique local (also AWS's metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
];

const blocked = new BlockList();
for (const [net, prefix] of BLOCKED_V4) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of BLOCKED_V6) blocked.addSubnet(net, prefix, 'ipv6');

/** The parsed WEBHOOK_ALLOW_HOSTS: names allowed whatever they resolve to, and allowed addresses. */
export interface AllowList {
  names: Set<string>;
  addresses: BlockList;
}

export function allowListOf(entries: readonly string[]): AllowList {
  const names = new Set<string>();
  const addresses = new BlockList();
  for (const raw of entries) {
    const entry = raw.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    const [ip, prefix] = entry.split('/');
    const family = isIP(ip!);
    if (family === 0) names.add(entry);
    else if (prefix === undefined) addresses.addAddress(ip!, family === 4 ? 'ipv4' : 'ipv6');
    else addresses.addSubnet(ip!, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
  }
  return { names, addresses };
}

const bare = (host: string): string => host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');

/** Whether an IP address may be reached: public, or listed by the operator. */
export function addressAllowed(address: string, allow: AllowList): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return allow.addresses.check(address, type) || !blocked.check(address, type);
}

/** Whether a URL's host name is listed by name (then any address it resolves to is accepted). */
export const nameAllowed = (hostname: string, allow: AllowList): boolean => allow.names.has(bare(hostname));

// Names that only ever mean this machine or a private network (metadata.google.internal, *.local
// of mDNS), refused before any lookup: a resolver may answer them from a hosts file or the LAN.
const PRIVATE_NAME = /(^|\.)(localhost|internal|local|localdomain|intranet|home\.arpa)$/;

const nameRefused = (hostname: string, allow: AllowList): boolean => !nameAllowed(hostname, allow) && PRIVATE_NAME.test(bare(hostname));

/**
 * A DNS lookup for http.request that refuses a name if any of its addresses may not be reached
 * (an attacker's name could list a public and a private address and hope for the second).
 */
export function guardedLookup(allow: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    if (nameRefused(hostname, allow)) return callback(new RefusedAddressError(), '', 0);
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const ok = nameAllowed(hostname, allow) || (addresses.length > 0 && addresses.every((a) => addressAllowed(a.address, allow)));
      if (!ok) return callback(new RefusedAddressError(), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** The up-front check of a URL whose host is an IP address (sockets skip the lookup for those). */
export function literalRefused(url: URL, allow: AllowList): boolean {
  const host = bare(url.hostname);
  return (isIP(host) !== 0 && !addressAllowed(host, allow)) || nameRefused(host, allow);
}

/**
 * The check when staff save an address: refused if it is, or resolves to, an address that may not
 * be reached. A name that does not resolve now is accepted; sending checks again every time.
 */
export async function addressRefused(value: string, allow: AllowList): Promise<boolean> {
  const url = new URL(value);
  const host = bare(url.hostname);
  if (literalRefused(url, allow)) return true;
  if (isIP(host) !== 0 || nameAllowed(host, allow)) return false;
  return new Promise((resolve) => {
    guardedLookup(allow)(host, { all: true }, (err) => resolve(err instanceof RefusedAddressError));
  });
}
