/** Builds the portal (`portal/` → `portal/dist`) with Vite, as `npm start`, the tests and the deploy use it. */
import path from 'node:path';

export const PORTAL_ROOT = path.resolve(import.meta.dirname, '../../portal');

export async function buildPortal(): Promise<void> {
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds (vitest sets `test`), which would ship React's development build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: PORTAL_ROOT, configFile: path.join(PORTAL_ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
