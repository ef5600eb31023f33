import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { importText } from '../../src/lib/import/index';

// The worker module talks to `self`; in Node we stand in for it and drive the real module.
type Msg = Record<string, any>;
const posted: Msg[] = [];
let listener: (e: { data: Msg }) => void = () => {};
const send = (data: Msg) => listener({ data });
const until = async (pred: () => boolean) => {
  for (let i = 0; i < 2000 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
};

beforeAll(async () => {
  (globalThis as any).self = { postMessage: (m: Msg) => posted.push(m), addEventListener: (_: string, f: typeof listener) => (listener = f) };
  await import('../../src/lib/state/import-worker');
});

const SAMPLE = readFileSync(new URL('../../src/lib/sample/front-page-zh.txt', import.meta.url), 'utf8');

describe('import worker messages', () => {
  it('imports text: progress, then the result', async () => {
    send({ type: 'import', id: 1, text: SAMPLE });
    await until(() => posted.some((m) => m.id === 1 && m.type !== 'progress'));
    const mine = posted.filter((m) => m.id === 1);
    expect(mine.at(-1)).toEqual({ type: 'result', id: 1, result: importText(SAMPLE) });
    expect(mine.filter((m) => m.type === 'progress').at(-1)!.fraction).toBe(1);
  });

  it('imports bytes (GB18030) and reports undecodable bytes as an error', async () => {
    const gb = readFileSync(new URL('../../tests/fixtures/zh-web-dump.gb18030.txt', import.meta.url));
    send({ type: 'import', id: 2, bytes: new Uint8Array(gb) });
    send({ type: 'import', id: 3, bytes: new Uint8Array([0, 1, 2, 3]) });
    await until(() => [2, 3].every((id) => posted.some((m) => m.id === id && m.type !== 'progress')));
    expect(posted.find((m) => m.id === 2 && m.type === 'result')!.result.stories).toHaveLength(4);
    expect(posted.find((m) => m.id === 3)).toMatchObject({ type: 'error', id: 3 });
    expect(posted.find((m) => m.id === 3)!.message).toMatch(/binary/);
  });

  it('honours cancel between chunks', async () => {
    send({ type: 'import', id: 4, text: `${SAMPLE}\n\n`.repeat(400) });
    send({ type: 'cancel', id: 4 });
    await until(() => posted.some((m) => m.id === 4 && m.type !== 'progress'));
    expect(posted.filter((m) => m.id === 4 && m.type !== 'progress')).toEqual([{ type: 'error', id: 4, message: 'cancelled' }]);
  });
});
