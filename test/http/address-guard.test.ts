import { describe, expect, it } from 'vitest';
import { blockedAddressReason } from '../../src/http/address-guard.ts';

describe('blockedAddressReason', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['169.254.169.254', /metadata/],
    ['0.0.0.0', /this network/],
    ['224.0.0.251', /multicast/],
    ['255.255.255.255', /reserved/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['::ffff:127.0.0.1', /loopback.*IPv4 inside IPv6/],
    ['::ffff:7f00:1', /loopback/],
    ['::ffff:a9fe:a9fe', /metadata/],
    ['64:ff9b::a9fe:a9fe', /NAT64/],
    ['2002:c0a8:0101::1', /6to4/],
    ['fd00:ec2::254', /AWS metadata/],
    ['fc00::1', /unique-local/],
    ['fe80::1%eth0', /link-local/],
    ['ff02::1', /multicast/],
  ])('blocks %s', (address, reason) => {
    expect(blockedAddressReason(address)).toMatch(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2002:0808:0808::1'])(
    'allows public address %s',
    (address) => {
      expect(blockedAddressReason(address)).toBeNull();
    },
  );

  it('refuses things that are not IP addresses', () => {
    expect(blockedAddressReason('example.org')).toBe('not an IP address');
  });
});
