import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const SYNC_SERVER = process.env.INTERQ_DEV_SERVER ?? 'http://localhost:8080';

/** Same headers as the sync server sends, so the dev build behaves like production (threads for ONNX Runtime Web). */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // The app shows its own "update available" prompt through workbox-window.
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'InterQ — live AI-assisted interviews',
        short_name: 'InterQ',
        description: 'Plan, run and review live interviews, online or offline.',
        theme_color: '#2563eb',
        background_color: '#f8fafc',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Model weights and the inference runtime are large and only some users need
        // them: they are cached at run time by the ASR worker, never precached.
        // The guest's speech model offer too: it shows only online on a good connection (#18 item 4), so a candidate
        // on a slow link never fetches it, not even through this precache. (ModelManager stays: the host's home and
        // the staff's live panel import it, and they open offline, #12.)
        globIgnores: ['**/*.wasm', '**/*.onnx', '**/ort*.mjs', '**/asr.worker*.js', '**/scoring.worker*.js', '**/transformers*.js', '**/GuestModelOptIn-*.js'],
        // The first visit's page is taken over as soon as the precache is complete, so a screen opened offline
        // afterwards, without a reload, is served from the precache (#12: a blank page otherwise). Updates still
        // wait for the person's "Reload to update" (registerType 'prompt': no skipWaiting).
        clientsClaim: true,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/models\//, /^\/healthz/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/assets/') && /\.(wasm|mjs|js)$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'interq-runtime-assets', expiration: { maxEntries: 40 } },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Lets scripts/bench-bundle.ts walk exactly what the guest's first load fetches.
    manifest: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    port: 5173,
    headers: isolationHeaders,
    proxy: {
      '/api': SYNC_SERVER,
      '/healthz': SYNC_SERVER,
      '/models': SYNC_SERVER,
      '/sync': { target: SYNC_SERVER.replace(/^http/, 'ws'), ws: true },
    },
  },
  preview: { headers: isolationHeaders },
});
