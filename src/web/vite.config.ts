/**
 * Builds the analyst dashboard (this folder) into dist/web, which the server serves at `/`.
 * Run by `npm run build` (and so by `npm install` / `npm ci` through `prepare`).
 * Dev loop: `npm start` in one shell, `npx vite --config src/web/vite.config.ts` in another
 * (the dev server proxies /v1 to the API on port 3000).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
