/**
 * The browser's stand-in for `node:url`, which the API's schemas import: `domainToASCII` by the WHATWG URL parser
 * (the same IDNA processing Node's own uses), answering '' for what is not a valid domain, as Node does.
 */
export function domainToASCII(domain: string): string {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return '';
  }
}
