/**
 * The host of a web address in its ASCII (punycode) form, by the WHATWG URL parser alone: müller.de and
 * xn--mller-kva.de are one host. Apart from web-domain.ts (which needs the Public Suffix List of `tldts`), so
 * that the schemas validating a website do not carry the list into every function importing them.
 */

/** A DNS name has at most 253 characters; anything longer identifies nothing. */
const MAX_HOST_LENGTH = 253;
const MAX_WEBSITE_INPUT = 2048;

/** The ASCII host of a web address, with or without scheme; undefined if it is not one. */
export function asciiHost(website: string): string | undefined {
  const trimmed = website.slice(0, MAX_WEBSITE_INPUT).trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    const host = url.hostname.replace(/\.$/, '');
    return host && host.length <= MAX_HOST_LENGTH ? host : undefined;
  } catch {
    return undefined;
  }
}
