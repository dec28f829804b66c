import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** Express's compiled `trust proxy` setting: whether the address `hop` steps from the socket is a trusted proxy. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The client's address as Express's `req.ip` works it out: the socket's peer, then X-Forwarded-For
 * from right to left while the hop is a trusted proxy.
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustProxy): string {
  const forwarded = [forwardedFor ?? []].flat().join(',').split(',').map((a) => a.trim()).filter(Boolean);
  const hops = [remote ?? 'unknown', ...forwarded.reverse()];
  for (let hop = 0; hop < hops.length - 1; hop++) {
    if (!trust(hops[hop], hop)) return hops[hop];
  }
  return hops[hops.length - 1];
}

/** Client addresses of requests that do not pass through Express (WebSocket upgrades), under GATEWAY_TRUST_PROXY. */
@Injectable()
export class ClientAddressResolver {
  constructor(private readonly host: HttpAdapterHost) {}

  of(request: IncomingMessage): string {
    const trust = (this.host.httpAdapter.getInstance() as { get(name: string): TrustProxy }).get('trust proxy fn');
    return clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], trust);
  }
}
