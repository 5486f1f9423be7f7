/**
 * Vite build of the analyst web app: `npx vite build --config web/vite.config.ts` writes
 * `dist/web/` (index.html and hashed assets, every dependency bundled: no CDN), which
 * `dateline serve` serves. `npx vite --config web/vite.config.ts` runs a dev server that proxies
 * `/api` to a `dateline serve` on 127.0.0.1:8080.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
