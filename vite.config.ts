import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // The app, the print page of `npm run -s pdf` (src/cli/pdf.ts), and the typesetting bench/fidelity page (bench/run.ts, tests/e2e/typeset-fidelity.spec.ts).
    rollupOptions: { input: { main: 'index.html', print: 'print.html', typeset: 'bench/typeset.html' } },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
  },
});
