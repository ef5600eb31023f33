// The one place the app reaches into the importer and the lint, so the
// components and state do not care which module provides them.
//
// TEMPORARY: src/lib/import and src/lib/lint are being written in parallel.
// Until they land, the fallbacks below split text at blank lines (one story per
// block) and report no warnings. Replace the bodies with re-exports:
//   export { importText, storiesFromImport, decodeBytes, ImportError } from '../import';
//   export { lintDoc } from '../lint';
import type { Node as PMNode } from 'prosemirror-model';
import type { DocJSON, Language, Story } from '../model/edition';

export interface LintFix {
  from: number;
  to: number;
  insert: string;
  label: { zh: string; en: string };
}

export interface LintWarning {
  kind: string;
  from: number;
  to: number;
  text?: string;
  message: { zh: string; en: string };
  fix?: LintFix;
}

export interface ImportedStory {
  kicker?: string;
  headline: string[];
  subtitle?: string;
  dateline?: string;
  byline?: string;
  subheads?: { text: string; beforeParagraph: number }[];
  body: string[];
  caption?: { text: string; credit?: string };
  jumps: { direction: 'continuedTo' | 'continuedFrom'; page: number | null }[];
  warnings: { kind: string; text?: string; message?: { zh: string; en: string } }[];
  raw?: string;
}

export interface ImportResult {
  language: Language;
  stories: ImportedStory[];
}

export class ImportError extends Error {
  override name = 'ImportError';
}

export function importText(text: string): ImportResult {
  const blocks = text.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  return {
    language: 'zh',
    stories: blocks.map((b) => ({ headline: [b.slice(0, 20)], body: [b], jumps: [], warnings: [], raw: b })),
  };
}

export function storiesFromImport(result: ImportResult): Story[] {
  return result.stories.map((s, i) => {
    const doc: DocJSON = {
      type: 'doc',
      content: [
        ...s.headline.map((h) => ({ type: 'headline', content: [{ type: 'text', text: h }] })),
        ...s.body.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
      ],
    };
    return {
      id: `story-${i + 1}-${Math.random().toString(36).slice(2, 8)}`,
      slug: s.headline[0] ?? '',
      doc,
      meta: { section: '要闻', priority: i + 1, status: 'raw', tags: [] },
      raw: s.raw ?? '',
    };
  });
}

export function decodeBytes(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes.includes(0)) throw new ImportError('binary file');
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}

export function lintDoc(_doc: PMNode, _language: Language): LintWarning[] {
  return [];
}
