import { describe, expect, it } from 'vitest';
import { blockedAddressReason } from '../../src/http/address-guard.ts';

/**
 * Every form an internal address takes, as the fetch layer sees it after DNS or from an IP-literal
 * URL host: the guard must refuse each, and still let public addresses (in the same notations) through.
 */
const BLOCKED: [address: string, reason: RegExp][] = [
  // IPv4
  ['127.0.0.1', /loopback/],
  ['127.1.2.3', /loopback/],
  ['0.0.0.0', /this network/],
  ['10.0.0.1', /private/],
  ['172.16.5.4', /private/],
  ['192.168.0.1', /private/],
  ['100.100.100.200', /carrier-grade NAT/],
  ['169.254.169.254', /metadata/],
  ['192.0.0.192', /IETF protocol/],
  ['198.18.0.1', /benchmarking/],
  ['224.0.0.1', /multicast/],
  ['255.255.255.255', /reserved/],
  // IPv6 of its own
  ['::1', /loopback/],
  ['0:0:0:0:0:0:0:1', /loopback/],
  ['::', /unspecified/],
  ['fe80::1', /link-local/],
  ['FE80::1%25eth0', /link-local/],
  ['fec0::1', /site-local/],
  ['fd00:ec2::254', /AWS metadata/],
  ['fc00::1', /unique-local/],
  ['ff02::1', /multicast/],
  ['100::1', /discard-only/],
  ['2001:db8::1', /documentation/],
  // IPv4 inside IPv6
  ['::ffff:127.0.0.1', /loopback.*IPv4 inside IPv6/],
  ['::ffff:7f00:1', /loopback/],
  ['0:0:0:0:0:ffff:a9fe:a9fe', /metadata/],
  ['::127.0.0.1', /loopback/],
  ['::ffff:0:a9fe:a9fe', /metadata.*IPv4-translated/],
  ['::ffff:0:127.0.0.1', /loopback.*IPv4-translated/],
  ['::ffff:0:a00:1', /private.*IPv4-translated/],
  ['64:ff9b::a9fe:a9fe', /metadata.*NAT64/],
  ['64:ff9b::127.0.0.1', /loopback.*NAT64/],
  ['64:ff9b:1::1', /local-use NAT64/],
  ['64:ff9b:1::a9fe:a9fe', /local-use NAT64/],
  ['64:ff9b:1:ffff:ffff:ffff:ffff:ffff', /local-use NAT64/],
  ['2002:7f00:1::', /loopback.*6to4/],
  ['2002:a9fe:a9fe::1', /metadata.*6to4/],
  ['2001::1', /Teredo/],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /Teredo/],
  ['2001:0000:0a00:0001::', /Teredo/],
];

const ALLOWED = [
  '93.184.216.34',
  '8.8.8.8',
  '172.32.0.1',
  '100.128.0.1',
  '2606:4700:4700::1111',
  '2001:4860:4860::8888',
  '2001:1::1',
  '::ffff:8.8.8.8',
  '::ffff:0:808:808',
  '64:ff9b::808:808',
  '64:ff9b:2::1',
  '2002:808:808::1',
];

describe('SSRF address table', () => {
  it.each(BLOCKED)('blocks %s', (address, reason) => {
    expect(blockedAddressReason(address)).toMatch(reason);
  });

  it.each(ALLOWED)('allows public address %s', (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });
});
