/**
 * The address a request comes from, as every per-address budget counts it
 * (strangers' sockets, sign-in attempts). Behind a reverse proxy every socket
 * comes from the proxy, so with `TRUST_PROXY` set the address is read from
 * `X-Forwarded-For` by the same rule Express uses for `req.ip`: only the hops
 * the setting trusts are believed, so a client cannot name its own address.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config.js';

export type ClientAddress = (req: IncomingMessage) => string;

export function clientAddressOf(trust: TrustProxy): ClientAddress {
  if (trust === false) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trusted = typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : proxyaddr.compile(trust);
  return (req) => {
    try {
      return proxyaddr(req, trusted);
    } catch {
      // A socket already closed has no address left to read.
      return req.socket.remoteAddress ?? 'unknown';
    }
  };
}
