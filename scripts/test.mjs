// `npm test`: everything CI checks, in the order that fails fastest.
// 1. dependencies, 2. Debian packages (Chromium, poppler-utils, redis-server), 3. type check,
// 4. the pure cores type-checked without the DOM, 5. unit tests (Vitest),
// 6. end-to-end tests (Playwright in real Chromium).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureDependencies, run } from './deps.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether `program` is on the PATH. */
function onPath(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

// Debian packages the tests need, each with the file that shows it is there:
// Chromium for the end-to-end tests, poppler-utils (pdftoppm, pdffonts) for the PDF tests,
// redis-server for the test of two sync processes relayed through Redis.
const SYSTEM_PACKAGES = [
  { apt: 'chromium', present: () => existsSync(CHROMIUM), why: `Chromium (${CHROMIUM}) for the end-to-end tests` },
  { apt: 'poppler-utils', present: () => onPath('pdftoppm'), why: 'pdftoppm and pdffonts for the PDF tests' },
  { apt: 'redis-server', present: () => onPath('redis-server'), why: 'redis-server for the test of sync processes behind Redis' },
];

function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((p) => !p.present());
  if (missing.length === 0) return;
  const names = missing.map((p) => p.apt);
  const command = `apt-get update && apt-get install -y ${names.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Missing: ${missing.map((p) => p.why).join('; ')}. Install with:\n  sudo sh -c '${command}'\nthen run npm test again.`);
    process.exit(1);
  }
  console.log(`Installing from Debian: ${names.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', ...names], { env }) !== 0) {
    console.error(`Could not install ${names.join(', ')}. Try by hand: ${command}`);
    process.exit(1);
  }
}

// TypeScript 7 (the native compiler, installed as @typescript/native) checks the
// cores in a few seconds; resolved by path because both TypeScript packages claim `tsc`.
// A function, because a fresh clone has no node_modules until ensureDependencies ran.
const nativeTsc = () => join(dirname(createRequire(import.meta.url).resolve('@typescript/native/package.json')), 'bin', 'tsc');

function step(name, cmd, args) {
  console.log(`\n── ${name} ──`);
  const status = run(cmd, args);
  if (status !== 0) {
    console.error(`\n${name} failed.`);
    process.exit(status);
  }
}

// Each runner also writes a JSON report here, so the last line can count every test.
const REPORTS = '.test-report';

function counts() {
  const read = (f) => JSON.parse(readFileSync(`${REPORTS}/${f}`, 'utf8'));
  const unit = read('vitest.json');
  const e2e = read('playwright.json').stats;
  return {
    passed: unit.numPassedTests + e2e.expected + e2e.flaky,
    failed: unit.numFailedTests + e2e.unexpected,
    skipped: unit.numPendingTests + unit.numTodoTests + e2e.skipped,
  };
}

ensureDependencies();
ensureSystemPackages();
mkdirSync(REPORTS, { recursive: true });
step('type check (svelte-check)', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error']);
step('pure cores without the DOM (tsconfig.cores.json)', process.execPath, [nativeTsc(), '-p', 'tsconfig.cores.json', '--noEmit']);
step('unit tests (Vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/vitest.json`]);
step('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test']);
const { passed, failed, skipped } = counts();
console.log(`\nAll tests passed (type check, unit, end to end).\n${passed} passed, ${failed} failed, ${skipped} skipped`);
