/**
 * The local server's own behaviour: its local-only job routes cannot be triggered from a web page (cross-site
 * request forgery against a developer's machine), and it keeps idle connections open longer than clients do, so a
 * client that reuses one never races the server closing it.
 */
import { Agent, request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { apiUrl } from '../support/api.js';

// Protections due by 2000: none, so running it changes nothing that other test files rely on.
const jobUrl = `${apiUrl}/_local/jobs/protections?at=${encodeURIComponent('2000-01-01T00:00:00Z')}`;

describe('local job routes', () => {
  it('run for a command-line client: POST, Content-Type application/json, no Origin', async () => {
    const response = await fetch(jobUrl, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { job: string }).job).toBe('protections');
  });

  it.each([
    ['a cross-site form post', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }],
    ['a simple text/plain fetch', { 'content-type': 'text/plain', origin: 'https://evil.example' }],
    ['JSON from another origin', { 'content-type': 'application/json', origin: 'https://evil.example' }],
    ['JSON from a page of the same host', { 'content-type': 'application/json', origin: apiUrl }],
    ['JSON marked cross-site', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }],
    ['a form post without Origin', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['no content type', {}],
  ])('refuse %s with 403', async (_, headers: Record<string, string>) => {
    const response = await fetch(jobUrl, { method: 'POST', headers, body: '' });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('grant no CORS preflight, so a page cannot send the JSON a job needs', async () => {
    const preflight = await fetch(jobUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('are not jobs for a GET', async () => {
    expect((await fetch(jobUrl)).status).toBe(404);
  });
});

describe('connections', () => {
  it('announce a keep-alive timeout longer than clients keep idle connections', async () => {
    const response = await fetch(`${apiUrl}/health`);
    expect(response.headers.get('keep-alive')).toMatch(/timeout=(\d+)/);
    expect(Number(/timeout=(\d+)/.exec(response.headers.get('keep-alive') ?? '')?.[1])).toBeGreaterThanOrEqual(60);
  });

  it('serve a request on a connection that sat idle longer than Node’s old 5 s default', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; socket: object }>((resolve, reject) => {
        const req = httpRequest(`${apiUrl}/health`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket as object }));
        });
        req.on('error', reject);
        req.end();
      });
    const first = await get();
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const second = await get();
    agent.destroy();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.socket).toBe(first.socket);
  }, 15_000);
});
