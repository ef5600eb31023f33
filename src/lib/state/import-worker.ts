// A module Web Worker around the importer: no DOM, messages only. It lives beside
// import-job.ts, not in the import core, because it talks to the worker's `self`.
//   in:  {type:'import', id, text | bytes, language?}  {type:'cancel', id}
//   out: {type:'progress', id, fraction}  {type:'result', id, result}  {type:'error', id, message}
import { importInChunks } from '../import/chunks';
import { decodeBytes } from '../import/decode';
import type { ImportLanguage } from '../import/types';

type Incoming =
  | { type: 'import'; id: string | number; text?: string; bytes?: Uint8Array | ArrayBuffer; language?: ImportLanguage }
  | { type: 'cancel'; id: string | number };

const cancelled = new Set<string | number>();
const scope = self as unknown as { postMessage(m: unknown): void; addEventListener(t: 'message', f: (e: MessageEvent<Incoming>) => void): void };

scope.addEventListener('message', async (event) => {
  const msg = event.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  if (msg.type !== 'import') return;
  const { id } = msg;
  try {
    const text =
      msg.text ?? (msg.bytes ? decodeBytes(msg.bytes instanceof Uint8Array ? msg.bytes : new Uint8Array(msg.bytes)).text : '');
    let last = -1;
    const result = await importInChunks(
      text,
      (fraction) => {
        // At most one message per percent: the page only draws a bar.
        if (fraction - last >= 0.01 || fraction === 1) {
          last = fraction;
          scope.postMessage({ type: 'progress', id, fraction });
        }
      },
      () => cancelled.has(id),
      { language: msg.language },
    );
    if (result) scope.postMessage({ type: 'result', id, result });
    else scope.postMessage({ type: 'error', id, message: 'cancelled' });
  } catch (e) {
    scope.postMessage({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    cancelled.delete(id);
  }
});
