import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The portal's build: hashed assets under /assets (cached immutably), routes split into their own chunks. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The API's own schemas (shared/schemas), so forms validate exactly as the API does.
  resolve: {
    alias: {
      '@shared': path.resolve(import.meta.dirname, '../shared'),
      'node:url': path.resolve(import.meta.dirname, 'src/lib/node-url.ts'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { fs: { allow: ['..'] } },
});
