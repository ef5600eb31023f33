import { readFileSync } from 'node:fs';
import * as ts from '../src/lib/typeset/index.ts';
import { buildFront } from './typeset-front.ts';
const front = buildFront(readFileSync('src/lib/sample/front-page-zh.txt', 'utf8'));
const memo = new Map<string, ReturnType<typeof ts.houseStyle>>();
const styleOf = (role: string) => { let s = memo.get(role); if (!s) memo.set(role, (s = ts.houseStyle(role, { language: 'zh', bodySizePt: front.bodySizePt, leadingPt: front.leadingPt, headlinePt: front.bodySizePt * 2.6 }))); return s; };
const bodies = front.stories.map((b) => b.filter((x) => x.role !== 'headline'));
const heads = front.stories.map((b) => b.filter((x) => x.role === 'headline'));
let chars = 0; for (const b of bodies) for (const x of b) for (const r of x.runs) chars += r.text.length;
const which = process.argv[2] ?? 'body';
const times: number[] = [];
for (let k = 0; k < 400; k++) {
  const t = new ts.Typesetter();
  const c0 = process.cpuUsage();
  if (which === 'body') for (const b of bodies) t.prepareAll(b, styleOf);
  else if (which === 'head') for (const b of heads) t.prepareAll(b, styleOf);
  else if (which === 'breaks') { for (const b of bodies) t.prepareAll(b, styleOf); }
  const c = process.cpuUsage(c0);
  times.push((c.user + c.system) / 1000);
}
times.sort((a, b) => a - b);
console.log(which, 'chars', chars, 'median ms', times[200].toFixed(3), 'p10', times[40].toFixed(3), 'p25', times[100].toFixed(3), 'ns/char', ((times[200] * 1e6) / chars).toFixed(0));
