// The edition as one JSON file a desk can keep when the browser cannot: it
// carries damaged records as they were read, so nothing is lost by exporting.
import type { Edition } from '../model/edition';
import type { DamagedRecord } from './edition-store';

export const EXPORT_FORMAT = 'galley-edition';
export const EXPORT_VERSION = 1;

export interface EditionExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  edition: Edition;
  damagedRecords: DamagedRecord[];
}

export function editionExport(edition: Edition, damaged: readonly DamagedRecord[], now = new Date()): EditionExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    edition,
    damagedRecords: [...damaged],
  };
}

export function exportFileName(edition: Edition): string {
  return `galley-${edition.date || 'edition'}-${edition.id}.json`;
}
