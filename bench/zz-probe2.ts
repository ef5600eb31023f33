import { chromium } from '@playwright/test';
import { BROWSER_ARGS, openLongStory, typeKeys, UNLIMITED_FRAMES } from './keystroke';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...BROWSER_ARGS, ...UNLIMITED_FRAMES] });
const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
await openLongStory(page, process.argv[2]);
if (process.argv[3]) await page.addStyleTag({ content: process.argv[3] });
await typeKeys(page, 5);
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking'] });
await typeKeys(page, 3);
const trace = JSON.parse((await browser.stopTracing()).toString());
const ev = trace.traceEvents.filter((e: any) => /InvalidationTracking|^Layout$|EventDispatch/.test(e.name) && (e.name !== 'EventDispatch' || e.args?.data?.type === 'beforeinput'));
const counts = new Map<string, number>();
for (const e of ev) {
  if (e.name === 'Layout' && e.ph === 'X') { console.log('LAYOUT', JSON.stringify(e.args.beginData)); continue; }
  if (e.name === 'EventDispatch') { console.log('--- beforeinput'); continue; }
  const d = e.args?.data ?? {};
  const k = `${e.name} ${d.reason ?? ''} ${d.nodeName ?? ''}`;
  console.log(k, (d.stackTrace?.[0]?.functionName ?? ''));
}
await browser.close();
