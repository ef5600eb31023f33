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
      message: {
        zh: '输入是网页（HTML）：已去掉标签和脚本，只导入文字。请核对结果。',
        en: 'The input was a web page (HTML): tags and scripts were removed and only its text imported. Check the result.',
      },
    });
  }
  return { source: t, notices, headings };
}
