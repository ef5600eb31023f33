// The production build served over HTTP/2 (TLS, a self-signed certificate made
// here with openssl), as a newsroom would serve it behind any current web server
// or CDN. `vite preview` alone speaks HTTP/1.1, where Chromium opens at most six
// connections to a host, so a first page's ~130 font pieces wait in that queue;
// over HTTP/2 they share one connection. The bench reports both.
//   npx tsx bench/preview-h2.ts --outDir /tmp/build --port 4443   (then measure https://127.0.0.1:4443/)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { preview, type PreviewServer } from 'vite';

/** A key and certificate for 127.0.0.1, valid a day (the browser is told to accept it: ignoreHTTPSErrors). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'galley-h2-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serve `outDir` (a `vite build`) over HTTP/2 on `port`; the repository's vite.config.ts applies (immutable caching of assets and pieces). */
export async function previewOverHttp2(outDir: string, port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server: PreviewServer = await preview({
    root: resolve(import.meta.dirname, '..'),
    logLevel: 'error',
    build: { outDir },
    preview: { port, strictPort: true, host: '127.0.0.1', https: selfSigned(), open: false },
  });
  return { url: `https://127.0.0.1:${port}/`, close: () => server.close() };
}

if (/(^|[\\/])preview-h2\.ts$/.test(process.argv[1] ?? '')) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const outDir = arg('--outDir');
  if (!outDir) throw new Error('usage: npx tsx bench/preview-h2.ts --outDir DIR [--port 4443]');
  const { url } = await previewOverHttp2(resolve(outDir), Number(arg('--port') ?? 4443));
  console.log(`HTTP/2 preview at ${url}`);
}
