// Shared by `npm start` and `npm test`: a fresh clone has no node_modules, so
// install them (from the lock file when there is one) before anything else runs.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function ensureDependencies() {
  const marker = 'node_modules/.package-lock.json';
  if (existsSync('node_modules/vite') && existsSync(marker)) return;
  console.log('Installing dependencies…');
  const useCi = existsSync('package-lock.json');
  const status = run('npm', useCi ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
  if (status !== 0) {
    console.error('npm could not install the dependencies; see the messages above.');
    process.exit(status);
  }
}
