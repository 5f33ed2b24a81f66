import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createClientAddress } from './client-address.ts';

/** A request as Node hands it over: a peer address and headers. */
function requestFrom(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
  return { socket, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} } as IncomingMessage;
}

describe('client address for per-client budgets', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY trusts the peer, like Express', () => {
    expect(createClientAddress(false)(requestFrom('127.0.0.1', '203.0.113.7'))).toBe('127.0.0.1');
    expect(createClientAddress('loopback')(requestFrom('127.0.0.1', '203.0.113.7'))).toBe('203.0.113.7');
    expect(createClientAddress('loopback')(requestFrom('198.51.100.1', '203.0.113.7'))).toBe('198.51.100.1');
    // One trusted hop: the address the proxy saw, not what the client wrote before it.
    expect(createClientAddress(1)(requestFrom('10.0.0.1', '6.6.6.6, 203.0.113.7'))).toBe('203.0.113.7');
  });

  it('folds IPv4-mapped IPv6 into IPv4 and an IPv6 address into its /64', () => {
    const address = createClientAddress(false);
    expect(address(requestFrom('::ffff:192.0.2.1'))).toBe('192.0.2.1');
    expect(address(requestFrom('2001:db8:1:2:aaaa::1'))).toBe(address(requestFrom('2001:db8:1:2:bbbb::9')));
    expect(address(requestFrom('2001:db8:1:2::1'))).not.toBe(address(requestFrom('2001:db8:1:3::1')));
  });
});
