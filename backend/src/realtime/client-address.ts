import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';
import type { Config } from '../config.ts';

type TrustProxy = Config['trustProxy'];
type TrustFn = (address: string, hop: number) => boolean;

/** The same reading of TRUST_PROXY as Express's `trust proxy` setting, so sockets and REST agree on who the client is. */
function compileTrust(trust: TrustProxy): TrustFn {
  if (trust === true) return () => true;
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust.split(',').map((part) => part.trim()));
}

/**
 * The client's address for per-client budgets: the socket peer, or the X-Forwarded-For hop chosen
 * by TRUST_PROXY. IPv4-mapped IPv6 becomes plain IPv4, and IPv6 is cut to its /64, because one
 * subscriber usually holds a whole /64 and could otherwise rotate addresses for free.
 */
export function createClientAddress(trust: TrustProxy) {
  const trusted = compileTrust(trust);
  return (req: IncomingMessage): string => {
    const raw = proxyAddr(req, trusted);
    if (!ipaddr.isValid(raw)) return raw;
    const address = ipaddr.process(raw);
    if (address.kind() === 'ipv4') return address.toString();
    const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
    return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
  };
}
