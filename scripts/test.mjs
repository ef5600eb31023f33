// `npm test`: everything CI checks, in the order that fails fastest.
// 1. dependencies, 2. Chromium for the end-to-end tests, 3. type check,
// 4. unit tests (Vitest), 5. end-to-end tests (Playwright in real Chromium).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ensureDependencies, run } from './deps.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const command = 'apt-get update && apt-get install -y chromium';
  if (!isRoot) {
    console.error(`Chromium is missing at ${CHROMIUM}. Install it with:\n  sudo sh -c '${command}'\nthen run npm test again.`);
    process.exit(1);
  }
  console.log('Installing Debian’s Chromium for the end-to-end tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0) {
    console.error(`Could not install Chromium. Try by hand: ${command}`);
    process.exit(1);
  }
}

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
ensureChromium();
mkdirSync(REPORTS, { recursive: true });
step('type check (svelte-check)', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error']);
step('unit tests (Vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/vitest.json`]);
step('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test']);
const { passed, failed, skipped } = counts();
console.log(`\nAll tests passed (type check, unit, end to end).\n${passed} passed, ${failed} failed, ${skipped} skipped`);
