// Profile keystrokes (bench/keystroke.ts's setup): a CDP CPU profile over 30 warm keys on a
// preview (best on an unminified build: vite build --minify false), then the functions with
// the most self and total time per key. `npx tsx bench/keystroke-profile.ts <url> [out.cpuprofile] [throttle]`
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { BROWSER_ARGS, openLongStory, typeKeys, UNLIMITED_FRAMES } from './keystroke';

const url = process.argv[2];
const out = process.argv[3] ?? '/tmp/keystroke.cpuprofile';
const throttle = Number(process.argv[4] ?? 1);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...BROWSER_ARGS, ...UNLIMITED_FRAMES] });
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await context.newPage();
const chars = await openLongStory(page, url);
const cdp = await context.newCDPSession(page);
if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
await typeKeys(page, 10);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const keys = await typeKeys(page, 30);
const { profile } = (await cdp.send('Profiler.stop')) as any;
writeFileSync(out, JSON.stringify(profile));
await browser.close();
const frames = keys.map((k) => k.frame).sort((a, b) => a - b);
const tasks = keys.map((k) => k.task).sort((a, b) => a - b);
console.log('chars', chars, 'frame p50', frames[15].toFixed(1), 'p95', frames[28].toFixed(1), 'task p50', tasks[15].toFixed(1), 'p95', tasks[28].toFixed(1));
// Aggregate
const nodes = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const self = new Map<number, number>();
const dt = profile.timeDeltas as number[];
profile.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (n: any) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
const selfBy = new Map<string, number>(), totalBy = new Map<string, number>();
for (const [id, t] of self) {
  const n = nodes.get(id);
  selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + t);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(nodes.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    totalBy.set(k, (totalBy.get(k) ?? 0) + t);
  }
}
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000 / keys.length).toFixed(2).padStart(7)} ms/key  ${k}`).join('\n');
console.log('--- self per key'); console.log(top(selfBy, 35));
console.log('--- total per key'); console.log(top(totalBy, 70));
