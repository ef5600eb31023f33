import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'postcss';

/**
 * @fontsource declares `font-display: swap`, which draws text in a fallback font
 * until the face arrives; the typeset page is positioned with the bundled faces'
 * metrics, so its text waits for them instead (block; the app marks the page
 * laid out once they have loaded, see PageSurface). A PostCSS step, as it runs
 * after Vite has inlined fonts.css's @imports. The UI shares the faces.
 */
const fontDisplayBlock: Plugin = {
  postcssPlugin: 'galley-font-display-block',
  Declaration: {
    'font-display': (decl) => {
      decl.value = 'block';
    },
  },
};

/**
 * The font pieces (`?v=` the table's version) and Vite's hashed assets never change under
 * their URL: served as immutable, a piece index.html preloaded for the page is taken from
 * the HTTP cache when its FontFace is registered later (preloads not used by the load event
 * are dropped from memory), instead of being asked for again. Without it the browser's
 * heuristic freshness (a share of the file's age) decides, and a fresh checkout's files are
 * new: asked for again. As a newsroom's web server would serve them; `vite preview` is this
 * repository's server.
 */
const immutableAssets: import('vite').Plugin = {
  name: 'galley-immutable-assets',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      if (/^\/(assets\/|fonts\/pieces\/[^?]+\?v=)/.test(req.url ?? '')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      next();
    });
  },
};

/**
 * index.html's inline scripts (the IndexedDB open and the font preloads of a returning desk)
 * run where the built page's stylesheets cannot hold them up: an inline script waits for every
 * stylesheet before it, and Vite puts the app's stylesheets in <head>, so written in <body>
 * they ran only once the CSS had arrived (a few hundred ms in). Moved right before the first
 * stylesheet, they run as soon as the app's module script and its preloads are asked for, which
 * still go first. Order among them is kept. Build only: the dev server's page has no such links.
 */
const inlineScriptsBeforeStyles: import('vite').Plugin = {
  name: 'galley-inline-scripts-before-styles',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html) {
      const firstStyle = html.search(/<link rel="stylesheet"[^>]*>/);
      const body = html.indexOf('<body');
      if (firstStyle < 0 || body < 0 || firstStyle > body) return html;
      const inline = /\n?[ \t]*<script>[\s\S]*?<\/script>/g;
      const moved = html.slice(body).match(inline) ?? [];
      if (!moved.length) return html;
      const rest = html.slice(0, body) + html.slice(body).replace(inline, '');
      return rest.slice(0, firstStyle) + moved.map((s) => s.trim()).join('\n    ') + '\n    ' + rest.slice(firstStyle);
    },
  },
};

export default defineConfig({
  plugins: [svelte(), immutableAssets, inlineScriptsBeforeStyles],
  css: { postcss: { plugins: [fontDisplayBlock] } },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // Font files are never inlined: a data: URL puts every small unicode-range piece
    // of every face into the CSS, downloaded whether a page sets its characters or
    // not, which undoes the slicing. Other small assets keep Vite's default (4 kB).
    assetsInlineLimit: (file) => (/\.woff2?$/.test(file) ? false : undefined),
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
