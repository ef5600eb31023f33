// A photo record for tests: a real-looking record (hash of 64 hex digits) without bytes behind it.
import type { PhotoRecord } from '../../src/lib/model/photo';

export function photoRecord(id: string, extra: Partial<PhotoRecord> = {}): PhotoRecord {
  return { id, hash: 'ab'.repeat(32), name: `${id}.jpg`, type: 'image/jpeg', width: 1200, height: 800, fit: 'fill', focusX: 0.5, focusY: 0.5, ...extra };
}
