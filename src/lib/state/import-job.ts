// Runs a large import in the importer's Web Worker so the tab stays
// responsive, with progress and cancel. One worker per job: cancelling
// terminates it, which stops the work even mid-chunk.
import type { ImportResult } from './pipeline';

type WorkerReply =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'result'; id: number; result: ImportResult }
  | { type: 'error'; id: number; message: string };

export class ImportCancelled extends Error {
  override name = 'ImportCancelled';
}

export interface ImportJob {
  result: Promise<ImportResult>;
  cancel(): void;
}

let nextId = 1;

export function importInWorker(text: string, onProgress: (fraction: number) => void): ImportJob {
  const id = nextId++;
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  let settle: { resolve: (r: ImportResult) => void; reject: (e: Error) => void } | null = null;
  const result = new Promise<ImportResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const finish = (outcome: { ok: true; value: ImportResult } | { ok: false; error: Error }) => {
    if (!settle) return;
    const s = settle;
    settle = null;
    worker.terminate();
    if (outcome.ok) s.resolve(outcome.value);
    else s.reject(outcome.error);
  };
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    if (!reply || reply.id !== id) return;
    if (reply.type === 'progress') onProgress(reply.fraction);
    else if (reply.type === 'result') finish({ ok: true, value: reply.result });
    else if (reply.type === 'error') finish({ ok: false, error: new Error(reply.message) });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    finish({ ok: false, error: new Error(event.message || 'import worker failed') });
  };
  worker.postMessage({ type: 'import', id, text });
  return {
    result,
    cancel() {
      worker.postMessage({ type: 'cancel', id });
      finish({ ok: false, error: new ImportCancelled('cancelled') });
    },
  };
}
