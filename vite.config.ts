import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Cross-origin isolation: the browser's worker pool needs SharedArrayBuffer and Atomics.wait
 * (workers/browserPool.ts), which a page only gets when it is served with these two headers.
 * Every resource of the app is same-origin, so `require-corp` blocks nothing. Static hosts take
 * the same headers from public/_headers; a host without them runs on one thread, same numbers.
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { headers: ISOLATION_HEADERS },
  preview: { port: 4173, strictPort: true, headers: ISOLATION_HEADERS },
});
