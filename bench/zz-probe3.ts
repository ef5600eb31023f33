import { chromium } from '@playwright/test';
import { BROWSER_ARGS, openLongStory } from './keystroke';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: BROWSER_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
await openLongStory(page, process.argv[2]);
const variants: Record<string, string> = JSON.parse(process.argv[3]);
const res = await page.evaluate(`(async (variants) => {
  const style = document.createElement('style'); document.head.append(style);
  const ps = [...document.querySelectorAll('.story-text p.role-paragraph')];
  const p = ps[Math.floor(ps.length / 2)];
  const t = [...p.childNodes].find((n) => n.nodeType === 3) ?? p.firstChild.firstChild;
  const orig = t.data; const r = document.createRange(); r.setStart(t, t.data.length); r.collapse(true); getSelection().removeAllRanges(); getSelection().addRange(r);
  const out = {}; for (const k in variants) out[k] = [];
  const force = () => document.documentElement.offsetHeight;
  for (let round = 0; round < 4; round++) for (const [k, css] of Object.entries(variants)) {
    style.textContent = css; force();
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 40; i++) {
      const a = performance.now(); document.execCommand('insertText', false, '字'); force(); const b = performance.now();
      out[k].push(b - a);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, (v.reduce((a, b) => a + b, 0) / v.length).toFixed(3) + " nonzero " + v.filter((x) => x > 0).length + "/" + v.length + " max " + Math.max(...v).toFixed(1) + " p90 " + [...v].sort((a, b) => a - b)[Math.floor(v.length * 0.9)].toFixed(2)]));
})(${JSON.stringify(variants)})`);
console.log(res);
await browser.close();
