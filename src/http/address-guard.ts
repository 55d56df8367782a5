import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { BlockedAddressError } from './errors.ts';

/**
 * The SSRF guard: vigil fetches URLs that come from feeds, i.e. from strangers. Without a check,
 * a feed could point the worker at 127.0.0.1:6379 (our Redis), a router admin page, or the cloud
 * metadata service (169.254.169.254) and have the answer stored and mailed out.
 *
 * The check runs inside the socket's DNS lookup (see guardedLookup), on the addresses actually
 * connected to, so a name that resolves to a public address for a pre-check and to 127.0.0.1 a
 * moment later (DNS rebinding) gains nothing. IP-literal hosts skip DNS and are checked by the client.
 */

type Range = readonly [base: number, prefixBits: number, reason: string];

const IPV4_BLOCKED: readonly Range[] = [
  [ipv4ToInt('0.0.0.0'), 8, '"this network" address'],
  [ipv4ToInt('10.0.0.0'), 8, 'private address (10/8)'],
  [ipv4ToInt('100.64.0.0'), 10, 'carrier-grade NAT address (100.64/10)'],
  [ipv4ToInt('127.0.0.0'), 8, 'loopback address'],
  [ipv4ToInt('169.254.0.0'), 16, 'link-local address (includes the cloud metadata service 169.254.169.254)'],
  [ipv4ToInt('172.16.0.0'), 12, 'private address (172.16/12)'],
  [ipv4ToInt('192.0.0.0'), 24, 'IETF protocol assignment (192.0.0/24)'],
  [ipv4ToInt('192.0.2.0'), 24, 'documentation address'],
  [ipv4ToInt('192.88.99.0'), 24, '6to4 relay anycast address'],
  [ipv4ToInt('192.168.0.0'), 16, 'private address (192.168/16)'],
  [ipv4ToInt('198.18.0.0'), 15, 'benchmarking address'],
  [ipv4ToInt('198.51.100.0'), 24, 'documentation address'],
  [ipv4ToInt('203.0.113.0'), 24, 'documentation address'],
  [ipv4ToInt('224.0.0.0'), 4, 'multicast address'],
  [ipv4ToInt('240.0.0.0'), 4, 'reserved address (includes broadcast)'],
];

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function ipv4Reason(address: string): string | null {
  const value = ipv4ToInt(address);
  for (const [base, bits, reason] of IPV4_BLOCKED) {
    const size = 2 ** (32 - bits);
    if (value >= base && value < base + size) return reason;
  }
  return null;
}

/** Eight 16-bit groups of an IPv6 address (zone id dropped, embedded dotted IPv4 expanded). */
function ipv6Groups(address: string): number[] | null {
  let text = address.replace(/%.*$/, '').toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = ipv4ToInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((group) => parseInt(group, 16));
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function embeddedIpv4(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

function ipv6Reason(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return 'unparsable IPv6 address';
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const firstSixZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0;
  if (firstSixZero && g6 === 0 && g7 === 0) return 'unspecified address (::)';
  if (firstSixZero && g6 === 0 && g7 === 1) return 'loopback address (::1)';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4
  // (2002:AABB:CCDD::) carry an IPv4 address the packet really goes to.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) {
    const reason = ipv4Reason(embeddedIpv4(g6, g7));
    return reason ? `${reason} (IPv4 inside IPv6)` : null;
  }
  // IPv4-translated (::ffff:0:a.b.c.d, SIIT): a translator on the path turns it into the IPv4 address.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) {
    const reason = ipv4Reason(embeddedIpv4(g6, g7));
    return reason ? `${reason} (IPv4-translated)` : null;
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    const reason = ipv4Reason(embeddedIpv4(g6, g7));
    return reason ? `${reason} (NAT64)` : null;
  }
  // The local-use NAT64 prefix is the network's own translator: where it leads is only known inside.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0x0001) return 'local-use NAT64 address (64:ff9b:1::/48), which reaches IPv4 hosts of the local network';
  // Teredo carries the client's IPv4 address (obfuscated) and a relay's: tunnels are not news sources.
  if (g0 === 0x2001 && g1 === 0) return 'Teredo tunnel address (2001::/32), which reaches an IPv4 host through a relay';
  if (g0 === 0x2002) {
    const reason = ipv4Reason(embeddedIpv4(g1, g2));
    return reason ? `${reason} (6to4)` : null;
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local address (fc00::/7, includes the AWS metadata service fd00:ec2::254)';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local address (fe80::/10)';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local address (fec0::/10)';
  if ((g0 & 0xff00) === 0xff00) return 'multicast address';
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'discard-only address (100::/64)';
  if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation address (2001:db8::/32)';
  return null;
}

/** Why an IP address must not be fetched from, or null when it is a public address. */
export function blockedAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return ipv4Reason(address);
  if (family === 6) return ipv6Reason(address);
  return 'not an IP address';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect (undici's `connect.lookup`) that resolves as usual and drops
 * blocked addresses; when none is left the connection fails with BlockedAddressError.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    const allowed = addresses.filter((entry) => blockedAddressReason(entry.address) === null);
    if (allowed.length === 0) {
      const [first] = addresses;
      const reason = first ? (blockedAddressReason(first.address) ?? 'blocked address') : 'no address';
      callback(new BlockedAddressError(hostname, first?.address ?? '?', reason), []);
      return;
    }
    if (options.all) callback(null, allowed);
    else {
      const [chosen] = allowed;
      callback(null, chosen?.address ?? '', chosen?.family);
    }
  });
}
