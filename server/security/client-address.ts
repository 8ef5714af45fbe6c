// The address a request came from, for the per-address sign-in limits and the audit log.
//
// Next.js hands neither route handlers nor proxy.ts the connection's address, and it leaves an
// X-Forwarded-For sent by the caller as it is (it fills the header from the socket only when it
// is absent), so that header alone says whatever the caller wants. So the server stamps every
// request, as it arrives, with its socket's peer address in a header of its own, signed with a
// secret of the process: a caller can neither forge nor remove it (installPeerAddressStamp, called
// by instrumentation.ts). X-Forwarded-For is believed only as far as VIGIE_TRUSTED_PROXIES says:
// - unset or `0`: no proxy; the client is the socket's peer, whatever the headers say;
// - a hop count N: N proxies, each appending the address it received from; the client is the
//   entry N from the right of X-Forwarded-For followed by the peer;
// - a list of addresses and CIDR ranges (`10.0.0.0/8, 192.0.2.1`): the client is the first
//   address, from the right, that is not one of those proxies.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { safeEqual } from '@/server/auth/secrets';

/** The header the server writes the socket's peer into (any value the caller sent is replaced). */
export const PEER_HEADER = 'x-vigie-peer';

export type TrustedProxies = { hops: number } | { list: BlockList; text: string };

/** The secret that signs the stamp: one per process, shared by every bundle through globalThis. */
function stampSecret(): string {
  const slot = Symbol.for('vigie.peer-stamp-secret');
  const store = globalThis as unknown as Record<symbol, string | undefined>;
  store[slot] ??= randomBytes(18).toString('base64url');
  return store[slot];
}

/** `::ffff:192.0.2.1` (IPv4 on a dual-stack socket) as `192.0.2.1`; `[::1]` and `192.0.2.1:80` without the decoration. */
export function normaliseAddress(value: string): string {
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) === 6 ? address.toLowerCase() : address;
}

/** The stamp's value for a peer address. Exported for tests, which stand in for the server. */
export function peerStamp(address: string): string {
  return `${stampSecret()} ${normaliseAddress(address)}`;
}

/** Writes the peer into the headers of a request as it arrives, replacing anything the caller sent. */
export function stampPeerAddress(request: http.IncomingMessage): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[PEER_HEADER] = peerStamp(address);
  else delete request.headers[PEER_HEADER];
}

/** The socket's peer, when the server stamped the request; null otherwise (a forged stamp included). */
export function peerAddressOf(headers: Headers): string | null {
  const stamp = headers.get(PEER_HEADER);
  if (!stamp) return null;
  const space = stamp.indexOf(' ');
  if (space < 0 || !safeEqual(stamp.slice(0, space), stampSecret())) return null;
  return stamp.slice(space + 1) || null;
}

/**
 * Stamps every request the HTTP servers of this process receive. Next.js creates its server before
 * instrumentation.ts runs, so the stamp goes on the servers' shared `emit`; requests that arrived
 * before it have no valid stamp and share one anonymous bucket.
 */
export function installPeerAddressStamp(): void {
  trustedProxiesFromEnv(); // a wrong VIGIE_TRUSTED_PROXIES stops the start, not the first sign-in
  const marker = Symbol.for('vigie.peer-stamp-installed');
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as Record<symbol, boolean> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
    if (proto[marker]) continue;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') stampPeerAddress(args[0] as http.IncomingMessage);
      return emit.call(this, event, ...args);
    };
    proto[marker] = true;
  }
}

export class TrustedProxiesError extends Error {}

/** Reads VIGIE_TRUSTED_PROXIES: a hop count, or addresses and CIDR ranges separated by commas or spaces. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? '';
  if (text === '') return { hops: 0 };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 32) throw new TrustedProxiesError(`VIGIE_TRUSTED_PROXIES: ${text} proxies in a row is not a plausible hop count`);
    return { hops };
  }
  const list = new BlockList();
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const [address = '', bits, ...rest] = item.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (family === 0 || rest.length > 0 || !/^\d+$/.test(bits ?? String(prefix)) || prefix > (family === 6 ? 128 : 32)) {
      throw new TrustedProxiesError(`VIGIE_TRUSTED_PROXIES: "${item}" is neither an address nor a CIDR range (expected a hop count, or e.g. 10.0.0.0/8, 192.0.2.1)`);
    }
    list.addSubnet(normaliseAddress(address), prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { list, text };
}

let fromEnv: { value: string | undefined; parsed: TrustedProxies } | undefined;

export function trustedProxiesFromEnv(env: Record<string, string | undefined> = process.env): TrustedProxies {
  const value = env.VIGIE_TRUSTED_PROXIES;
  if (fromEnv === undefined || fromEnv.value !== value) fromEnv = { value, parsed: parseTrustedProxies(value) };
  return fromEnv.parsed;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's peer, or the X-Forwarded-For entry the trusted proxies vouch
 * for. Null when the request carries no valid stamp (it did not come through this server's socket).
 */
export function clientAddressOf(headers: Headers, trusted: TrustedProxies = trustedProxiesFromEnv()): string | null {
  const peer = peerAddressOf(headers);
  if (peer === null) return null;
  if ('hops' in trusted && trusted.hops === 0) return peer;
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map(normaliseAddress)
    .filter(Boolean);
  // Nearest last: the peer, then what each proxy appended, from the nearest to the farthest.
  const chain = [...forwarded, peer];
  if ('hops' in trusted) return chain[Math.max(0, chain.length - 1 - trusted.hops)]!;
  let i = chain.length - 1;
  while (i > 0 && isTrusted(trusted.list, chain[i]!)) i--;
  return chain[i]!;
}
