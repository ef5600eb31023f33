// The input as the importer reads it: an HTML page turned into its text (and
// the user told so), then BOM off and line ends normalised.
import { readHtml, looksLikeHtml } from './html';
import { normaliseSource } from './lines';
import type { ImportNotice } from './types';

export function prepareSource(text: string): { source: string; notices: ImportNotice[]; headings?: Set<string> } {
  const notices: ImportNotice[] = [];
  let t = normaliseSource(text);
  let headings: Set<string> | undefined;
  if (looksLikeHtml(t)) {
    ({ text: t, headings } = readHtml(t));
    notices.push({
      kind: 'converted-html',
      message: { code: 'notice.converted-html', params: {} },
    });
  }
  return { source: t, notices, headings };
}
