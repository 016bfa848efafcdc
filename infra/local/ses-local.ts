/** aws-ses-v2-local: captures every mail the handlers send; viewer at `/`, JSON at `/store`. */
import type { Server } from 'node:http';
import type { RunningProcess } from './dynamodb-local.js';

export async function startSesLocal(options: { port: number }): Promise<RunningProcess> {
  const module = (await import('aws-ses-v2-local')) as unknown as {
    default: { default?: (c: { host: string; port: number }) => Promise<Server> } & ((c: {
      host: string;
      port: number;
    }) => Promise<Server>);
  };
  const start = module.default.default ?? module.default;
  const server = await start({ host: '127.0.0.1', port: options.port });
  return {
    url: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
