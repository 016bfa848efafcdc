/**
 * Where a webhook may point (SSRF guard): an https URL whose host resolves to public unicast addresses only —
 * never loopback, private (RFC 1918, unique local), link-local (169.254.0.0/16 with the cloud metadata service,
 * fe80::/10), carrier-grade NAT, multicast, reserved or unspecified ones. Checked when a webhook is subscribed and
 * again at every delivery, where the connection is made to the address that passed the check (the agent's lookup
 * checks each address it connects to), so a name that re-resolves to a private address (DNS rebinding) is refused.
 *
 * `WEBHOOK_ALLOWED_PRIVATE_ORIGINS` (comma-separated origins such as `http://127.0.0.1:4567`) lets exactly those
 * origins through, for a receiver on the test machine; it is never set in AWS.
 */
import { lookup } from 'node:dns/promises';
import type { Agent } from 'node:http';
import ipaddr from 'ipaddr.js';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export type TargetCheck = { ok: true } | { ok: false; reason: string };

export function allowedPrivateOrigins(): string[] {
  return (process.env.WEBHOOK_ALLOWED_PRIVATE_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

const isExplicitlyAllowed = (url: URL) => allowedPrivateOrigins().includes(url.origin);

/** Only public unicast addresses; an IPv4-mapped IPv6 address is judged as the IPv4 address it maps. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

export async function checkTarget(value: string): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'must be an absolute URL' };
  }
  if (isExplicitlyAllowed(url)) return { ok: true };
  if (url.protocol !== 'https:') return { ok: false, reason: 'must be an https URL' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) {
    return isPublicAddress(host) ? { ok: true } : { ok: false, reason: 'must not point at a private, loopback or link-local address' };
  }
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, reason: 'has a host name that does not resolve' };
  }
  if (addresses.length === 0 || addresses.some(({ address }) => !isPublicAddress(address))) {
    return { ok: false, reason: 'must not resolve to a private, loopback or link-local address' };
  }
  return { ok: true };
}

const publicHttps = new RequestFilteringHttpsAgent({ keepAlive: false });
const explicitHttp = new RequestFilteringHttpAgent({ keepAlive: false, allowPrivateIPAddress: true });
const explicitHttps = new RequestFilteringHttpsAgent({ keepAlive: false, allowPrivateIPAddress: true });

/** The agent a delivery to `url` connects through: one that refuses non-public addresses, unless explicitly allowed. */
export function agentFor(url: URL): Agent | undefined {
  if (isExplicitlyAllowed(url)) return url.protocol === 'https:' ? explicitHttps : explicitHttp;
  return url.protocol === 'https:' ? publicHttps : undefined;
}
