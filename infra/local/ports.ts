import { createServer } from 'node:net';

/** The local stack's ports: SPEC §7 defaults, each overridable by environment variable. */
export const localPorts = () => ({
  apiPort: Number(process.env.API_PORT ?? 3000),
  dynamoDbPort: Number(process.env.DYNAMODB_PORT ?? 8000),
  sesPort: Number(process.env.SES_PORT ?? 8005),
  s3Port: Number(process.env.S3_PORT ?? 4569),
  portalPort: Number(process.env.PORTAL_PORT ?? 8080),
  oidcPort: Number(process.env.OIDC_PORT ?? 8081),
});

export const DATA_DIR = new URL('../../.data/', import.meta.url).pathname;

/** A port free on this machine now, for a stack of its own (the tests', a benchmark's). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
