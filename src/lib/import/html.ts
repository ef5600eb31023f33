// A web page saved or pasted as HTML: its text, the way a reader sees it.
// Hand-written, not a DOM parser: the importer must stay pure (it runs in Node
// and in a worker, where there is no DOMParser), and no HTML-to-text package is
// installed. It only has to find text, never to render or trust markup: tags go,
// script/style/template contents go whole, block tags become line breaks,
// entities are decoded. One linear scan; nothing of the markup survives as text.

const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'title', 'body', 'head', 'html']);
/** Elements whose contents are not text for a reader. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'head']);

const SCRIPT_END = /<\/\s*script/gi;
const STYLE_END = /<\/\s*style/gi;

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  mdash: '—', ndash: '–', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  middot: '·', bull: '•', copy: '©', reg: '®', deg: '°', times: '×', shy: '\u00ad', ideographicspace: '\u3000',
};

/** Whether the text is an HTML document or fragment: it opens with markup or holds several block tags. */
export function looksLikeHtml(text: string): boolean {
  // Cheap test first: no "<" near the top, no markup (the usual case, a plain-text dump).
  // (Only the top is read: a scan of a whole 50 MB dump for a "<" would cost more than the import.)
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.indexOf('<') < 0) return false;
  const head = sample.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<?xml')) return true;
  let blocks = 0;
  const re = /<\/?(p|div|h[1-6]|br|body|head|script|li|table|span|a)\b[^<>]{0,400}>/gi;
  while (re.exec(sample) && blocks < 3) blocks++;
  return blocks >= 3;
}

function decodeEntity(name: string): string | null {
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return String.fromCodePoint(code);
  }
  return NAMED[name.toLowerCase()] ?? null;
}

/** The reader's text of an HTML document. */
export function htmlToText(html: string): string {
  return readHtml(html).text;
}

/**
 * The text, and the texts the page marks as headings (<h1>…<h6>): the markup says
 * what a plain-text importer must otherwise guess, so the guess is not needed.
 */
export function readHtml(html: string): { text: string; headings: Set<string> } {
  const out: string[] = [];
  const headings = new Set<string>();
  let headingFrom = -1;
  let i = 0;
  const n = html.length;
  let hidden: string | null = null;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (!hidden && textEnd > i) out.push(decodeText(html.slice(i, textEnd)));
    if (lt < 0) break;
    // A comment or a doctype: skip to its end.
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) {
      // A lone "<" in text ("a < b"): it is text.
      if (!hidden) out.push(decodeText(html.slice(lt)));
      break;
    }
    const m = /^<\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, Math.min(gt + 1, lt + 64)));
    if (!m) {
      if (html[lt + 1] === '!' || html[lt + 1] === '?') {
        i = gt + 1;
        continue;
      }
      if (!hidden) out.push('<');
      i = lt + 1;
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    i = gt + 1;
    if (hidden) {
      if (closing && name === hidden) hidden = null;
      continue;
    }
    if (!closing && HIDDEN.has(name) && html[gt - 1] !== '/') {
      hidden = name;
      // A <script> ends only at </script>, whatever it holds: jump there directly.
      if (name === 'script' || name === 'style') {
        const endTag = name === 'script' ? SCRIPT_END : STYLE_END;
        endTag.lastIndex = i;
        const close = endTag.exec(html);
        if (!close) i = n;
        else {
          const e = html.indexOf('>', close.index);
          i = e < 0 ? n : e + 1;
        }
        hidden = null;
      }
      continue;
    }
    if (/^h[1-6]$/.test(name)) {
      if (!closing) headingFrom = out.length;
      else if (headingFrom >= 0) {
        const h = out.slice(headingFrom).join('').replace(/\s+/g, ' ').trim();
        if (h) headings.add(h);
        headingFrom = -1;
      }
    }
    if (BLOCK.has(name)) out.push('\n');
  }
  // Runs of blank lines from nested blocks become one blank line; spaces at line ends go.
  const text =
    out
      .join('')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n[ \t]+/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n';
  return { text, headings };
}

/** Markup's whitespace collapses to one space; entities become their characters. */
function decodeText(s: string): string {
  const spaced = s.replace(/[\t\n\r ]+/g, ' ');
  if (spaced.indexOf('&') < 0) return spaced;
  return spaced.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,16});?/g, (all, name: string) => decodeEntity(name) ?? all);
}
