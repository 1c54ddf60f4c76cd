/**
 * Build of the ASR harness page (bench and Chromium test): the app's worker and client, nothing else. Kept apart from
 * the app's vite.config.ts so the harness never ships with the app.
 */
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: path.resolve(import.meta.dirname, '../../.tmp/bench-asr-dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
});
