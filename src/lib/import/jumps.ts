// Jump lines: "(下转第2版)", "（上接第1版）", "(Continued on Page Five.)",
// "Continued from Page 1". They record where a story goes on, so they become
// jump_line nodes, never body text. "See Page 4" is a reference, not a jump.
import type { JumpDirection } from '../model/schema';
import { chineseNumber, englishNumber, misreadPageNumber } from './pages';

export interface FoundJump {
  direction: JumpDirection;
  page: number | null;
  /** Where the marker sits in the line, brackets included. */
  from: number;
  to: number;
}

const OPEN = '(（[';
const CLOSE = ')）]';

/** Widen a marker over its surrounding brackets and a trailing full stop; say whether it was bracketed. */
function widen(line: string, from: number, to: number): { from: number; to: number; bracketed: boolean } {
  let f = from;
  let t = to;
  // OCR reads a closing full stop as ; : or , ("Continued on Page 5;"): all end the marker.
  while (t < line.length && (line[t] === '.' || line[t] === ' ' || line[t] === ';' || line[t] === ':' || line[t] === ',')) t++;
  let bracketed = false;
  let g = f;
  while (g > 0 && line[g - 1] === ' ') g--;
  if (g > 0 && OPEN.includes(line[g - 1]) && t < line.length && CLOSE.includes(line[t])) {
    f = g - 1;
    t++;
    bracketed = true;
    while (t < line.length && line[t] === '.') t++;
  } else {
    while (t > to && line[t - 1] === ' ') t--;
  }
  return { from: f, to: t, bracketed };
}

/**
 * Whether the rest of the line around a marker is empty or OCR debris only. A closing
 * bracket whose opener OCR lost or misread ("continued on Page 11.)", "fCon tinned on
 * Page 2]") still closes the marker: one stray character may stand for the opener.
 */
function standsAlone(line: string, from: number, to: number): boolean {
  const after = line.slice(to);
  const closed = /^\s*[)\]]/.test(after);
  const before = line.slice(0, from);
  return (/^[\s|¦■▪.—-]*$/.test(before) || (closed && /^\S$/.test(before))) && /^[\s|¦■▪.—_~-]*[)\]]?[\s._~]*$/.test(after);
}

/** "…the mills. Continued on Page 7.": a capitalised jump after a full stop, ending the line. */
function closesLine(line: string, from: number, to: number): boolean {
  return /^[A-Z]/.test(line[from]) && /[.!?"”]\s+$/.test(line.slice(Math.max(0, from - 3), from)) && /^[\s.)|■]*$/.test(line.slice(to));
}

const ZH_NUM = '0-9０-９一二三四五六七八九十两〇';
// A paper in sections numbers its pages with the section's letter: "(下转A2版)", "（上接Ａ1版）".
const ZH_JUMP = new RegExp(`^(下转|转|上接|接)(第)?([A-Za-zＡ-Ｚａ-ｚ]?[${ZH_NUM}]{1,4})?(版|页|面)?`);

export function findJumpZh(line: string): FoundJump | null {
  if (line.indexOf('转') < 0 && line.indexOf('接') < 0) return null;
  // Look only where a marker can start: at each 转/接 and the character before it.
  for (const key of ['转', '接']) {
    for (let k = line.indexOf(key); k >= 0; k = line.indexOf(key, k + 1)) {
      for (const i of k > 0 ? [k - 1, k] : [k]) {
        const m = ZH_JUMP.exec(line.slice(i, i + 12));
        if (!m) continue;
        const word = m[1];
        // "转/接" alone must read 第…版 to be a jump ("转第2版"); 下转/上接 are jumps by themselves.
        if (word.length === 1 && !(m[2] && m[3] && m[4])) continue;
        // The page's number within its section (the letter stays in the jump's text).
        const page = m[3] ? chineseNumber(m[3].replace(/^[A-Za-zＡ-Ｚａ-ｚ]/, '')) : null;
        const w = widen(line, i, i + m[0].length);
        if (!w.bracketed && !standsAlone(line, w.from, w.to)) continue;
        return { direction: word.endsWith('转') ? 'continuedTo' : 'continuedFrom', page, from: w.from, to: w.to };
      }
    }
  }
  return null;
}

// OCR of the 1910s misreads letters of the formula ("Contlnued", "Coutinued", "Pago"):
// the misreadings a proofreader sees daily are accepted, only inside this fixed formula.
// OCR also splits the word ("Con tinned") and mangles "Page" round its g ("Pagc", "piigc", "Paqe", "Pace"),
// and reads "on" as "ou".
const CONTINUED = "(?:c[o0][nu] ?t[il1!][nu][uvn][ect]d|concluded|cont'd)";
const PAGE = '(?:p[ao][gc][eo]|p[a-z]{1,2}[gq][ceo]|pg\\.?|p\\.)';
// After the page, desks named where on it the story goes on: "Column 3", "Col. 1",
// "Third Column", "—Column 3", "This Section", "Part Two". They belong to the jump line.
const WHERE_ON_PAGE = '(?:column|col\\.?)\\s*[a-z0-9]+|[a-z]+\\s+(?:column|col\\.?|section)|(?:section|part)\\s+[a-z0-9]+';
// The page as a word may be an ordinal figure ("2nd Page") or a compound ("Twenty-two").
// OCR drops short words, so "(Continued Page 2)" without its "on" is still a jump onward.
const EN_JUMP = new RegExp(
  `^(${CONTINUED})\\s*(?:(on|ou|from|to)\\s+)?(?:${PAGE}\\s*([a-z0-9]+(?:-[a-z]+)?)|(?:the\\s+)?([a-z0-9]+(?:-[a-z]+)?)\\s+${PAGE})(?:[,.;]?\\s*(?:[—–-]+\\s*)?(?:${WHERE_ON_PAGE}))?`,
  'i',
);

const EN_JUMP_WORD = new RegExp(CONTINUED, 'gi');

/**
 * The formula OCR mangled past the words above: "Contlnutd on fa Two, Column Two",
 * "Continued on Tata Four, Column One", "ConUn'utd on Fate JTwo. Column SU". A word
 * opening with "Con", "on" or "from", a short word where "Page" stood, the page and the
 * column: on a line of its own, nothing but a jump has that shape.
 */
const MANGLED_JUMP = /^(c[o0]n\S{3,8})\s+(on|from)\s+\S{1,5}\s+([A-Za-z0-9-]+?)[.,;]?\s*[,.]?\s+col(?:umn|\.)?\s+\S{1,8}\s*$/i;

/**
 * The bracketed formula mangled past its page word and page: "(Continued on Paf? Twtnty-thr#*.)".
 * A Con-word, on/from, a short word where "Page" stood and a misread number word, in brackets
 * with nothing else on the line.
 */
const MANGLED_BRACKETED = /^[(\[]\s*(c[o0]n\S{3,8})\s+(on|from)\s+\S{1,5}\s+([A-Za-z][A-Za-z#*?'-]{2,16}?)[.,;]?\s*[)\]][\s.|I]*$/i;

function mangledJump(line: string): FoundJump | null {
  const b = MANGLED_BRACKETED.exec(line);
  if (b) {
    const page = misreadPageNumber(b[3]);
    if (page !== null) return { direction: b[2].toLowerCase() === 'from' ? 'continuedFrom' : 'continuedTo', page, from: 0, to: line.length };
  }
  const m = MANGLED_JUMP.exec(line);
  if (!m) return null;
  // A stray capital glued to the page word ("JTwo") is OCR's, not the page's.
  const page = englishNumber(m[3]) ?? englishNumber(m[3].replace(/^[A-Z](?=[A-Z][a-z])/, ''));
  if (page === null) return null;
  return { direction: m[2].toLowerCase() === 'from' ? 'continuedFrom' : 'continuedTo', page, from: 0, to: line.length };
}

/**
 * "( on Page 3, Column 3.)": the jump line whose "Continued" OCR lost. In brackets, "on" or
 * "from" and a page (and where on it), nothing else: no other line of a page has that shape;
 * a reference names what is there ("(Story on Page 3)", "(See Page 4)").
 */
const HEADLESS_JUMP = new RegExp(
  `^[(\\[]\\s*(on|from)\\s+${PAGE}\\s*([a-z0-9]+(?:-[a-z]+)?)(?:[,.;]?\\s*(?:[—–-]+\\s*)?(?:${WHERE_ON_PAGE}))?[.,;]?\\s*[)\\]][.\\s]*`,
  'i',
);

function headlessJump(line: string): FoundJump | null {
  const m = HEADLESS_JUMP.exec(line);
  if (!m) return null;
  const page = englishNumber(m[2]);
  // What follows the bracket may only be the debris of a line OCR read twice ("3.)").
  if (page === null || !/^[\s\d.,;)\]|_-]*$/.test(line.slice(m[0].length))) return null;
  return { direction: m[1].toLowerCase() === 'from' ? 'continuedFrom' : 'continuedTo', page, from: 0, to: line.length };
}

export function findJumpEn(line: string): FoundJump | null {
  const headless = line.length <= 60 && (line[0] === '(' || line[0] === '[') ? headlessJump(line) : null;
  if (headless) return headless;
  // Cheap test first: every form of the formula has a c (Continued, Concluded, Cont'd);
  // a Chinese paragraph almost never does, and the regex would read all of it.
  if (line.indexOf('c') < 0 && line.indexOf('C') < 0) return null;
  EN_JUMP_WORD.lastIndex = 0;
  for (let word = EN_JUMP_WORD.exec(line); word; word = EN_JUMP_WORD.exec(line)) {
    const i = word.index;
    const m = EN_JUMP.exec(line.slice(i, i + 80));
    if (!m) continue;
    // After "Page" the word can only be the page: a number word OCR misread one letter of is read too ("Fivo").
    const page = englishNumber(m[3] ?? m[4]) ?? (m[3] ? misreadPageNumber(m[3]) : null);
    if (!m[3] && page === null) continue; // "continued on the following page" names no page
    const w = widen(line, i, i + m[0].length);
    if (w.bracketed || standsAlone(line, w.from, w.to) || closesLine(line, w.from, w.to)) {
      return { direction: m[2]?.toLowerCase() === 'from' ? 'continuedFrom' : 'continuedTo', page, from: w.from, to: w.to };
    }
  }
  return line.length <= 60 ? mangledJump(line) : null;
}

export function findJump(line: string, language: 'zh' | 'en'): FoundJump | null {
  // A Chinese page may quote an English jump and the reverse; try the page's own language first.
  return language === 'zh' ? findJumpZh(line) ?? findJumpEn(line) : findJumpEn(line) ?? findJumpZh(line);
}
