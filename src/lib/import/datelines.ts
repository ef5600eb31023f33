// Datelines (电头), bylines and photo credits: the fixed formulas a copy desk
// recognises at the head of a story or the foot of a picture.
import { isHan } from '../model/text';

export interface FoundDateline {
  dateline: string;
  /** The byline written right after the dateline, brackets kept: "(记者郑莉 朱欣)". */
  byline?: string;
  /** Where the body text starts in the line. */
  rest: number;
}

const ZH_AGENCIES = ['本报', '新华社', '中新社', '人民网', '新华网', '央视网', '中新网', '央广网', '光明网', '国际在线'];
const ZH_NUM = '0123456789０１２３４５６７８９一二三四五六七八九十〇';
// After 电, these make an ordinary word (电话, 电视 …), not a dateline.
const DIAN_WORDS = '话视脑影力报网台器梯子商站动气路源';

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\u3000' || c === '\t' || c === '\u00a0';
}

/** The bracketed byline right after a dateline: "(记者郑莉 朱欣)", "（记者 陆娅楠）". */
function bylineAfter(line: string, at: number): { byline: string; end: number } | null {
  let i = at;
  while (isSpace(line[i])) i++;
  const open = line[i];
  if (open !== '(' && open !== '（') return null;
  const limit = Math.min(line.length, i + 40);
  for (let j = i + 1; j < limit; j++) {
    const c = line[j];
    if (c === ')' || c === '）') return j > i + 1 ? { byline: line.slice(i, j + 1), end: j + 1 } : null;
    if (c === '。' || c === '，' || c === '(' || c === '（') return null;
  }
  return null;
}

/**
 * "新华社北京1月7日电", "本报北京1月7日电", "据新华社北京1月7日电", "本报讯":
 * an agency, a place, a date, then 电 (wired) or 讯 (reported).
 */
export function findDatelineZh(line: string): FoundDateline | null {
  let i = line.startsWith('据') ? 1 : 0;
  const agency = ZH_AGENCIES.find((a) => line.startsWith(a, i));
  if (agency) i += agency.length;
  else {
    // Another outlet: a few Han characters ending in 社/报/网/台 ("湖南日报").
    let j = i;
    while (j < i + 8 && isHan(line.charCodeAt(j)) && !'社报网台'.includes(line[j])) j++;
    if (j >= i + 8 || !'社报网台'.includes(line[j] ?? '') || j === i) return null;
    i = j + 1;
  }
  let end = -1;
  // "本报讯", "据新华社电": the agency alone, no place or date; "央视网消息": a web outlet's formula.
  if (line[i] === '讯' || (line[i] === '电' && agency)) end = i + 1;
  else if (agency && line.startsWith('消息', i)) end = line[i + 2] === '：' || line[i + 2] === ':' ? i + 3 : i + 2;
  else {
    // place (up to 10 Han), then month 月 day 日, then 电 or 讯.
    let j = i;
    while (j < i + 10 && isHan(line.charCodeAt(j)) && !ZH_NUM.includes(line[j])) j++;
    let k = j;
    while (k < j + 3 && ZH_NUM.includes(line[k] ?? '')) k++;
    if (k > j && line[k] === '月') {
      let d = k + 1;
      while (d < k + 5 && ZH_NUM.includes(line[d] ?? '')) d++;
      if (d > k + 1 && line[d] === '日' && (line[d + 1] === '电' || line[d + 1] === '讯')) end = d + 2;
    } else if (k === j && (line[j] === '电' || line[j] === '讯') && j > i) end = j + 1;
  }
  if (end < 0 || DIAN_WORDS.includes(line[end] ?? '')) return null;
  const by = bylineAfter(line, end);
  let rest = by ? by.end : end;
  while (isSpace(line[rest])) rest++;
  return { dateline: line.slice(0, end), byline: by?.byline, rest };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A capitalised word of a place name: "WASHINGTON", "St.", "Ill.", "N.", "O'FALLON". */
const PLACE_WORD = /^[A-Z][A-Za-z'&.-]*$/;

/**
 * English datelines of the wire era: "WASHINGTON, Feb. 3.—", "CHICAGO, Ill., Feb. 3.—",
 * "LONDON, Feb. 18.", "NEW YORK, Jan. 7 (Special).—", "ST. LOUIS, Mo., March 4 —".
 * Scanned word by word over the first 120 characters, so a long line costs nothing.
 */
export function findDatelineEn(line: string): FoundDateline | null {
  // Cheap test first: a dateline opens with a capital and has a day figure early on.
  const c0 = line.charCodeAt(0);
  if (!(c0 >= 65 && c0 <= 90) || !/^[^\n]{4,90}?\d/.test(line.slice(0, 90))) return null;
  const head = line.slice(0, 120);
  const words: { w: string; start: number; end: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(head); m && words.length < 12; m = re.exec(head)) words.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  // The place comes first: capitalised words, with the city's first word in capitals.
  const first = words[0]?.w.replace(/[,.]+$/, '') ?? '';
  if (!first || first.length < 2 || !/^[A-Z]/.test(first)) return null;
  // A city set in capitals is the wire formula; a capitalised one must at least end in a dash.
  const capsCity = first === first.toUpperCase();
  for (let mi = 1; mi < words.length - 1; mi++) {
    const prev = words[mi - 1].w;
    const mw = words[mi].w.toLowerCase().replace(/[.,]+$/, '');
    if (!MONTHS.includes(mw)) {
      // "BERLIN, via London, Feb. 18.—": wartime cables name their route.
      if (!PLACE_WORD.test(words[mi].w.replace(/[,]+$/, '')) && words[mi].w !== 'via') return null;
      continue;
    }
    // The place ends with a comma (OCR sometimes reads it as a full stop).
    if (!/[,.]$/.test(prev)) return null;
    for (let k = 0; k < mi; k++) if (!PLACE_WORD.test(words[k].w.replace(/[,]+$/, '')) && words[k].w !== 'via') return null;
    const dayWord = words[mi + 1];
    // OCR reads a 1 of the day as l or I ("Jan. l7.—"); right after a month name a two-figure
    // token with one real digit can only be the day, so the letter is read as 1.
    const day = /^(\d{1,2}|[lI]\d|\d[lI])/.exec(dayWord.w);
    const dayNumber = day ? +day[1].replace(/[lI]/g, '1') : 0;
    if (!day || dayNumber < 1 || dayNumber > 31) return null;
    let end = dayWord.start + day[1].length;
    // Then: optional "." or ",", optional "(Special)", then a dash or a full stop.
    let j = end;
    const skipSpaces = () => {
      while (line[j] === ' ') j++;
    };
    // "Jan. 7, 1917.—": a year may follow the day.
    const year = /^,\s?(1[789]\d\d|20\d\d)/.exec(line.slice(j, j + 7));
    if (year) j += year[0].length;
    if (line[j] === '.' || line[j] === ',') j++;
    const beforeParen = j;
    skipSpaces();
    if (line[j] === '(') {
      const close = line.indexOf(')', j);
      if (close > j && close - j < 60) {
        j = close + 1;
        if (line[j] === '.' || line[j] === ',') j++;
      } else j = beforeParen;
    } else j = beforeParen;
    let k = j;
    while (line[k] === ' ') k++;
    const dash = /^(—+|–+|-{1,3}|­)/.exec(line.slice(k, k + 3));
    if (dash) end = k + dash[0].length;
    else if (!capsCity) return null;
    else if (line[j - 1] === '.' || line[j - 1] === ')' || j >= line.length) end = j;
    else if (line[j - 1] === ',' && k >= line.length) end = j;
    else return null;
    // A wire tag after the dash ("—(Special.)—") is the dispatch's credit: a byline, not the dateline.
    const tagEnd = dash ? wireTagAfter(line, end) : end;
    let tagStart = end;
    while (line[tagStart] === ' ') tagStart++;
    let rest = tagEnd;
    while (line[rest] === ' ') rest++;
    return { dateline: line.slice(0, end), byline: tagEnd > end ? line.slice(tagStart, tagEnd) : undefined, rest };
  }
  return null;
}

/**
 * "WASHINGTON, Jan. 7.—(Special.)—", "…—(By Associated Press.)—": the wire's tag
 * right after the dateline's dash belongs to the dateline formula.
 */
function wireTagAfter(line: string, end: number): number {
  let j = end;
  while (line[j] === ' ') j++;
  if (line[j] !== '(') return end;
  const close = line.indexOf(')', j);
  if (close < 0 || close - j > 40 || !/^\((Special|By\s|AP|UP|INS|United Press|Associated Press|Staff|Exclusive)/i.test(line.slice(j, close + 1))) return end;
  let k = close + 1;
  if (line[k] === '.') k++;
  const dash = /^\s?(—+|–+|-{1,3})/.exec(line.slice(k, k + 4));
  return dash ? k + dash[0].length : k;
}

// A dateline without a date: "WASHINGTON.—", "LONDON, —", "ST. LOUIS, Mo.—",
// "NEW YORK (AP) —". The city in capitals and the dash make the formula.
const DATELESS = /^([A-Z][A-Z'&.-]*[A-Z.](?:\s+[A-Z][A-Z'&.-]*[A-Z.]){0,3})(,\s*[A-Z][A-Za-z.]{1,12}(?:\s[A-Z][A-Za-z.]{0,12})?)?\s*[.,]?\s*(\([^()]{1,40}\)[.,]?\s*)?(—+|–+|-{2,3})/;

export function findDatelessEn(line: string): FoundDateline | null {
  const c0 = line.charCodeAt(0);
  if (!(c0 >= 65 && c0 <= 90)) return null;
  const m = DATELESS.exec(line.slice(0, 90));
  if (!m) return null;
  // The city: at least three capitals ("WASHINGTON", "ST. LOUIS"), not an initial.
  if (m[1].replace(/[^A-Z]/g, '').length < 3) return null;
  const end = m[0].length;
  const tagEnd = wireTagAfter(line, end);
  let tagStart = end;
  while (line[tagStart] === ' ') tagStart++;
  let rest = tagEnd;
  while (line[rest] === ' ') rest++;
  // What follows opens a sentence; more capitals mean a headline with a dash in it ("WAR — AND PEACE").
  const after = line.slice(rest, rest + 30);
  const lower = after.replace(/[^a-z]/g, '').length;
  const upperCount = after.replace(/[^A-Z]/g, '').length;
  if (upperCount >= 3 && upperCount > 4 * lower) return null;
  return { dateline: line.slice(0, end), byline: tagEnd > end ? line.slice(tagStart, tagEnd) : undefined, rest };
}

const WIRE_CREDIT = /^\(?\s*(Special\s+(Dispatch|Cable|Telegram|Correspondence|Despatch)?\s*(to|of)\s+(The\s+)?[A-Z][A-Za-z.]*(\s+[A-Z][A-Za-z.]*){0,3}|By\s+(The\s+)?(Associated|United)\s+Press|By\s+Cable|\(?AP\)?)[.,]?\s*\)?[.,]?$/;

/** A byline standing on its own line: "新华社记者", "本报评论员", "本报记者 王斌", "By JOHN SMITH". */
export function isBylineLine(line: string, language: 'zh' | 'en'): boolean {
  if (line.length > 40) return false;
  if (language === 'en' || /^By\s/i.test(line)) {
    // A wire or staff credit standing where a byline stands: "Special Dispatch to The Star.",
    // "(By Associated Press.)", "Special Cable to The World." It names who sent the story.
    if (WIRE_CREDIT.test(line)) return true;
    // Initials ("JOHN R. HAMILTON") are part of the name, not the end of a sentence.
    const name = line.slice(3).replace(/\b[A-Z]\.\s/g, 'X ');
    return /^By\s+[A-Z][A-Za-z.'-]*(\s+[A-Z][A-Za-z.'-]*){0,4}[.,]?(\s*[,(].{0,40})?$/.test(line) && !/[.!?]\s+\S/.test(name);
  }
  if (/[，。；！？]/.test(line)) return false;
  // The outlet is any paper, agency, site or station ("中国青年报记者", "央视记者" aside): a few Han
  // characters ending in 报, 社, 网 or 台, as in findDatelineZh.
  return /^(□\s*)?(本报|[\u4e00-\u9fff]{1,6}[报社网台])?(特约|特派|驻[\u4e00-\u9fff]{1,6})?(记者|评论员|通讯员|观察员)([\s\u3000]|$)/.test(line) ||
    /^(□\s*)?(本报|新华社|中新社)(特约|特派)?(记者|评论员|通讯员)/.test(line);
}

/** A photo credit: "新华社记者 邵瑞 摄", "本报记者 贺勇摄（影像中国）", "新华社发", "Photo by …". */
export function isCredit(s: string): boolean {
  if (!s || s.length > 40 || /[，。；！？]/.test(s)) return false;
  if (/^(photo|photograph|picture)\s+(by|from)\s/i.test(s)) return true;
  // "…摄", "…摄（影像中国）"; an agency's picture "新华社发", "新华社发（王鹏摄）", "（新华社发）";
  // a supplied picture "视觉中国供图", "受访者供图".
  return /摄\s*([（(][^）)]{1,12}[）)])?$/.test(s) || /^[（(]?(新华社|本报|中新社|[\u4e00-\u9fff]{1,6}[报社网台])[^）)]{0,10}发([）)]|[（(][^（()）]{1,12}摄[）)])?$/.test(s) || /^[（(]?[\u4e00-\u9fff\s]{1,12}供图[）)]?$/.test(s);
}

/** A caption ending in its credit: "图为…菜品。新华社记者 邵瑞 摄" → where the credit starts. */
export function captionCreditStart(line: string): number {
  // Cheap test first: a credit ends in 摄 or 发, or in the bracket after them.
  const last = line[line.length - 1];
  if (last !== '摄' && last !== '发' && last !== '图' && last !== '）' && last !== ')') return -1;
  const tail = line.slice(-48);
  const offset = line.length - tail.length;
  let best = -1;
  for (let i = 0; i < tail.length; i++) if ('。！？.!?'.includes(tail[i])) best = i;
  if (best < 0) return -1;
  const credit = tail.slice(best + 1).trim();
  return isCredit(credit) ? offset + best + 1 : -1;
}
