/**
 * Registrable web domains as identity keys, from the Public Suffix List (`tldts`, private suffixes included, so
 * acme.github.io and shop.wixsite.com each identify one customer). Hosts are compared in their ASCII (punycode)
 * form: müller.de and xn--mller-kva.de are one key.
 */
import { parse } from 'tldts';
import { asciiHost } from './ascii-host.js';

/** Website builders that give each customer a subdomain but are missing from the Public Suffix List. */
const HOSTING_PLATFORMS_OUTSIDE_PSL = new Set(['business.site', 'jimdosite.com', 'jimdofree.com', 'webnode.page']);

/** Sites that host many companies under paths, and mail providers: they identify no one, so they give no key. */
const NON_IDENTIFYING_DOMAINS = new Set([
  'facebook.com',
  'instagram.com',
  'linkedin.com',
  'xing.com',
  'twitter.com',
  'x.com',
  'youtube.com',
  'google.com',
  'goo.gl',
  'linktr.ee',
  'bit.ly',
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'gmx.ch',
  'web.de',
  't-online.de',
]);

/** The registrable domain of an ASCII host name, or undefined for IPs, bare suffixes and non-identifying sites. */
export function registrableDomainOfHost(host: string): string | undefined {
  const parsed = parse(host, { allowPrivateDomains: true, extractHostname: false });
  if (parsed.isIp || !parsed.domain || !parsed.publicSuffix) return undefined;
  if (HOSTING_PLATFORMS_OUTSIDE_PSL.has(parsed.domain)) {
    const labels = host.split('.');
    return labels.length > parsed.domain.split('.').length ? labels.slice(-3).join('.') : undefined;
  }
  return NON_IDENTIFYING_DOMAINS.has(parsed.domain) ? undefined : parsed.domain;
}

/**
 * The registrable domain of a website ("https://shop.brown.co.uk/x" → "brown.co.uk"), lower case, in ASCII.
 * Undefined for IP addresses, single-label hosts, bare public suffixes, and sites that do not identify a company
 * (social networks, Google Sites, mail providers).
 */
export function registrableDomain(website: string): string | undefined {
  const host = asciiHost(website);
  return host ? registrableDomainOfHost(host) : undefined;
}
