// 导出整期: the edition as one `.galley.json` file a desk can keep when the
// browser cannot. It carries damaged records as they were read, so nothing is
// lost by exporting, and the photos' bytes, so it reopens with its photos anywhere. The format itself (versions, checks, migration) is
// src/lib/model/edition-file.ts, the one reader and writer of edition files.
import type { Edition } from '../model/edition';
import { editionFileName, writeEditionFile } from '../model/edition-file';
import type { DamagedRecord } from './edition-store';

export function exportFileName(edition: Edition): string {
  return editionFileName(edition);
}

/** The edition file's name and text (the photo bytes are added with withPhotoBytes, model/edition-file.ts). */
export function editionExport(edition: Edition, damaged: readonly DamagedRecord[], now = new Date()): { fileName: string; json: string } {
  return { fileName: exportFileName(edition), json: writeEditionFile(edition, damaged.map((d) => ({ ...d })), now) };
}
