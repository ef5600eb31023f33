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

/**
 * A month word as OCR of old type gives it: exact ("Dec.", "June"), with its capital J
 * read as ".l", "l" or "I" (".luno"), or misread in one letter after its first two
 * ("Dee.", "Deo*", "Juno", "Jung"). A three-letter abbreviation counts only with its
 * full stop (or the mark OCR makes of it), so an ordinary short word is not a month.
 */
function isMonth(word: string): boolean {
  const lower = word.toLowerCase();
  const stopped = /[.*]$/.test(lower);
  const w = lower.replace(/[.,*]+$/, '');
  const forms = /^\.?[li]/.test(w) ? [w, 'j' + w.replace(/^\.?[li]/, '')] : [w];
  for (const f of forms) {
    if (MONTHS.includes(f)) return true;
    if (f.length < 3 || (f.length === 3 && !stopped)) continue;
    for (const m of MONTHS) {
      if (m.length !== f.length || m[0] !== f[0] || m[1] !== f[1]) continue;
      let diff = 0;
      for (let i = 2; i < m.length; i++) if (m[i] !== f[i]) diff++;
      if (diff === 1) return true;
    }
  }
  return false;
}

/**
 * A capitalised word of a place name: "WASHINGTON", "St.", "Ill.", "N.", "O'FALLON";
 * an initial or a state OCR read with a figure or a doubled stop ("D. 0.", "R. 1..", "N. J„", "1U.." for Ill.).
 */
const PLACE_WORD = /^(?:[A-Z][A-Za-z'&.^-]*|[A-Z0-9]\.{1,2}|[0-9][A-Za-z]{1,3}\.{1,2})$/;
const placeWord = (w: string) => PLACE_WORD.test(w.replace(/[,„]+$/, '')) || w === 'via';

/**
 * OCR debris a dateline can open with: a stray quote, bullet or comma, a column rule read
 * as "I", or the tail of a word from the next column ("lion Washington, Dec. 29.-").
 * Returns where the place starts, or -1 when the line opens with none of these and no capital.
 */
function placeStart(line: string): number {
  const lead = /^[\s'"‘’“”•·*,|¦■]*/.exec(line)![0].length;
  const c = line.charCodeAt(lead);
  const bleed = /^(?:[a-z]{1,4}|I|l) (?=[A-Z])/.exec(line.slice(lead, lead + 6));
  if (bleed) return lead + bleed[0].length;
  return c >= 65 && c <= 90 ? lead : -1;
}

/**
 * The tail of a place whose head the scan or the column edge cut off: "stol, Va.-Tenn., Dec.
 * 31.—" (Bristol). A lower-case word closed by a comma, then capitalised place words: kept as
 * the place only where the dateline ends in its dash (checked by the caller).
 */
const CUT_PLACE = /^[a-z]{2,12}, (?=[A-Z])/;

/**
 * The day after the month, as OCR of old type reads it: "17", "l7", "I" (1), "81" or "SI"
 * (31: a 3 read as 8 or S), with a stray quote before it ("\"1"). Returns the token's
 * length, or 0 when it is not a day.
 */
function dayLength(token: string): number {
  // A day in the teens whose second figure OCR read as a capital ("June IK.", "Juno IB."; a
  // figure is as tall as a capital): a one and a capital, closed by the day's full stop, can
  // stand for nothing else after a month ("lo." is a word).
  const teen = /^[1lI|][A-Z](?=\.)/.exec(token);
  if (teen && !/^[1lI|][SOI|l]/.test(teen[0])) return teen[0].length;
  const m = /^["'“”]?([0-9lI|!SO]{1,2})/.exec(token);
  if (!m || !/[0-9lI]/.test(m[1])) return 0;
  const read = (t: string) => +t.replace(/[lI|!]/g, '1').replace(/O/g, '0');
  const plain = m[1].replace(/S/g, '5');
  const asThree = m[1].replace(/S/g, '3').replace(/^8(?=\d)/, '3');
  const ok = (t: string) => /^\d+$/.test(t.replace(/[lI|!O]/g, '1')) && read(t) >= 1 && read(t) <= 31;
  // Two letters and no figure ("lo", "SO") are a word, not a day, unless both are
  // letters OCR makes of figures ("SI" for 31, "Il" for 11).
  if (!/\d/.test(m[1]) && m[1].length > 1 && !/^[SIl|]{2}$/.test(m[1])) return 0;
  return ok(plain) || ok(asThree) ? m[0].length : 0;
}

/**
 * The dateline's dash: an em or en dash, one to three hyphens, a soft hyphen, or the "?"
 * that Chronicling America's text puts for an em dash its encoding lost ("June 15.?Two"),
 * glued to the word after it as a dash is (a question mark is followed by a space).
 */
const DASH = /^(—+|–+|-{1,3}|­|\?(?=["'‘“(]?[A-Za-z]))/;

/** A sentence's opening word, never a place: "In Chicago, June 15." ends a sentence, it heads no story. */
const FUNCTION_WORD = /^(?:In|At|On|From|To|Of|The|By|For|And|But|Since|Until|Till|Before|After|Near|Through|Via)$/;

/**
 * The hour after a dateline's day, with the route a cable took: ", 10.45 A. M.", ", via Paris,
 * 3.10 p. m.", ", 1:21 p.m.". OCR misreads the minutes' figures ("10.4.'") and the m ("p. in.").
 */
const HOUR = /^,?(?:\s+via\s+[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?,)?\s+\d{1,2}[.:][0-9'‘’]{1,2}\.?'?\s*[aApP]\.?\s?(?:[mM]|in)\.?/;

/**
 * English datelines of the wire era: "WASHINGTON, Feb. 3.—", "CHICAGO, Ill., Feb. 3.—",
 * "LONDON, Feb. 18.", "NEW YORK, Jan. 7 (Special).—", "ST. LOUIS, Mo., March 4 —".
 * Scanned word by word over the first 120 characters, so a long line costs nothing.
 */
export function findDatelineEn(line: string): FoundDateline | null {
  // Cheap test first: a dateline has a day figure (or its OCR letter) early on.
  if (!/^[^\n]{4,90}?[\dIS]/.test(line.slice(0, 90))) return null;
  let from = placeStart(line);
  const cutPlace = from < 0 && CUT_PLACE.test(line);
  if (cutPlace) from = 0;
  if (from < 0) return null;
  const head = line.slice(0, 120);
  const words: { w: string; start: number; end: number }[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m = re.exec(head); m && words.length < 12; m = re.exec(head)) words.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  // The place comes first: capitalised words, with the city's first word in capitals.
  const first = words[0]?.w.replace(/[,.]+$/, '') ?? '';
  if (!first || first.length < 2 || !(cutPlace || /^[A-Z]/.test(first))) return null;
  // A city set in capitals is the wire formula; a capitalised one must at least end in a dash.
  const capsCity = !cutPlace && first === first.toUpperCase();
  for (let mi = 1; mi < words.length - 1; mi++) {
    const prev = words[mi - 1].w;
    if (!isMonth(words[mi].w)) {
      // "BERLIN, via London, Feb. 18.—": wartime cables name their route.
      if (!placeWord(words[mi].w)) return null;
      continue;
    }
    // The place ends with a comma (OCR sometimes reads it as a full stop or as „, or loses
    // it: "WASHINGTON June 15."). Without it, only a place all in capitals before a month in
    // lower case reads as a dateline: a headline in capitals has its month in capitals too.
    const lostComma = /^[A-Z][A-Z'&.-]+$/.test(prev) && /[a-z]/.test(words[mi].w) && (mi === 1 || capsCity);
    if (!/[,.„]$/.test(prev) && !lostComma) return null;
    for (let k = cutPlace ? 1 : 0; k < mi; k++) if (!placeWord(words[k].w)) return null;
    const dayWord = words[mi + 1];
    const dayLen = dayLength(dayWord.w);
    if (!dayLen) return null;
    let end = dayWord.start + dayLen;
    // Then: optional "." or ",", optional "(Special)", then a dash or a full stop.
    let j = end;
    const skipSpaces = () => {
      while (line[j] === ' ') j++;
    };
    // "Jan. 7, 1917.—": a year may follow the day.
    const year = /^,\s?(1[789]\d\d|20\d\d)/.exec(line.slice(j, j + 7));
    if (year) j += year[0].length;
    // The hour of a late cable after the day, the route before it: "Jan. 1, 10.45 A. M.",
    // "Dec. 31, via Paris, 3.10 p. m." (OCR: "10.4.' A. M.", "p. in."). The hour needs its
    // a.m./p.m., so a figure opening the story is not taken for one.
    const hour = HOUR.exec(line.slice(j, j + 50));
    if (hour) j += hour[0].length;
    // OCR sets a space before the day's full stop ("Dec. 31 . According").
    if (line[j] === ' ' && line[j + 1] === '.' && line[j + 2] === ' ') j++;
    if (!hour && (line[j] === '.' || line[j] === ',')) j++;
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
    const dash = DASH.exec(line.slice(k, k + 3));
    if (dash) end = k + dash[0].length;
    // OCR of the 1910s often loses the dash: "Eureka, Cal., June 15. Five bodies". A city in
    // capitals and lower case then needs the day's stop and a sentence opening after it.
    // Chronicling America's text may drop the dash without a trace, the sentence glued to the
    // day's stop ("June IS.Thomas", "Jan. 3.The Russians").
    else if (cutPlace) return null;
    // A dateline standing on a line of its own ("Coliseum, St. Louis, June 15.") ends with the line.
    else if (!capsCity) {
      const alone = k >= line.length && !FUNCTION_WORD.test(first);
      if (line[j - 1] !== '.' || !(alone || /^["'‘“]?[A-Z][a-z]/.test(line.slice(k, k + 3)))) return null;
      end = j;
    } else if (line[j - 1] === '.' || line[j - 1] === ')' || j >= line.length) end = j;
    else if (line[j - 1] === ',' && k >= line.length) end = j;
    else return null;
    // A wire tag after the dash ("—(Special.)—") is the dispatch's credit: a byline, not the dateline.
    const tagEnd = dash ? wireTagAfter(line, end) : end;
    let tagStart = end;
    while (line[tagStart] === ' ') tagStart++;
    let rest = tagEnd;
    while (line[rest] === ' ') rest++;
    return { dateline: line.slice(from, end).trimEnd(), byline: tagEnd > end ? line.slice(tagStart, tagEnd) : undefined, rest };
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

/**
 * The wire tag a dateline's line break cut off, opening the body: "Macon, Ga., January 16.—(Spe-"
 * / "cial.) —Threatening…" reads "(Special.) —Threatening…" once joined. Returns where the
 * body starts after it, or 0 when the text opens with no tag and dash.
 */
export function wireTagOpening(text: string): number {
  if (text.charCodeAt(0) !== 40 /* ( */) return 0;
  const end = wireTagAfter(text, 0);
  if (end === 0 || !/[—–-]$/.test(text.slice(0, end))) return 0;
  let rest = end;
  while (text[rest] === ' ') rest++;
  return rest;
}

// A dateline without a date: "WASHINGTON.—", "LONDON, —", "ST. LOUIS, Mo.—",
// "NEW YORK (AP) —". The city in capitals and the dash make the formula.
// The agency tag may lose its closing bracket to OCR ("WASHINGTON (API —").
const DATELESS = /^([A-Z][A-Z'&.-]*[A-Z.](?:\s+[A-Z][A-Z'&.-]*[A-Z.]){0,3})(,\s*[A-Z][A-Za-z.]{1,12}(?:\s[A-Z][A-Za-z.]{0,12})?)?\s*[.,]?\s*(\((?:[^()]{1,40}\)|[A-Z]{2,5}(?=\s))[.,]?\s*)?(—+|–+|-{2,3}|\?(?=[A-Z]))/;

export function findDatelessEn(line: string): FoundDateline | null {
  const c0 = line.charCodeAt(0);
  if (!(c0 >= 65 && c0 <= 90)) return null;
  const m = DATELESS.exec(line.slice(0, 90));
  if (!m) return null;
  // The city: at least three capitals ("WASHINGTON", "ST. LOUIS"), not an initial.
  if (m[1].replace(/[^A-Z]/g, '').length < 3) return null;
  const end = m[0].length;
  // "LXXXIV—No. 307": the volume and number of the folio line, not a city and a story.
  if (/^\s*No\.?\s*\d/.test(line.slice(end, end + 12))) return null;
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

const WIRE_CREDIT = /^\(?\s*(Special\s+(Dispatch|Cable|Telegram|Correspondence|Despatch)?\s*(to|of)\s+(The\s+)?[A-Z][A-Za-z.]*(\s+[A-Z][A-Za-z.]*){0,3}|By\s+(The\s+)?(Associated|United)\s+Press|By\s+Cable|\(?AP\)?)[.,]?\s*\)?[.,]?$/i;
/** A paper's own wire line standing where a byline stands: "Republican A. P. Leased Wire". */
const LEASED_WIRE = /^[A-Z][A-Za-z.' ]{0,30}\b(A\.\s?P\.|Associated Press|United Press)\s+Leased\s+Wire\.?$/i;
/** A correspondent's credit under the byline: "United News Staff Correspondent.", "Staff Correspondent of The Star." */
const CORRESPONDENT = /^([A-Z][A-Za-z.']*\s+){0,3}(Staff\s+|Special\s+|Our\s+Own\s+)?Correspondent(\s+(of|to)\s+[A-Z].{0,30})?\.?$/;

/** A byline standing on its own line: "新华社记者", "本报评论员", "本报记者 王斌", "By JOHN SMITH". */
export function isBylineLine(line: string, language: 'zh' | 'en'): boolean {
  if (line.length > 40) return false;
  if (language === 'en' || /^By\s/i.test(line)) {
    // A wire or staff credit standing where a byline stands: "Special Dispatch to The Star.",
    // "(By Associated Press.)", "(BY THE ASSOCIATED PRESS.)", "Special to the Telegraph".
    // It names who sent the story.
    if (/^\(?\s*[A-Z]/.test(line) && (WIRE_CREDIT.test(line) || LEASED_WIRE.test(line) || CORRESPONDENT.test(line))) return true;
    // Initials ("JOHN R. HAMILTON") are part of the name, not the end of a sentence.
    const name = line.slice(3).replace(/\b[A-Z]\.\s/g, 'X ');
    if (!/^By\s+[A-Z][A-Za-z.'-]*(\s+[A-Z][A-Za-z.'-]*){0,4}[.,]?(\s*[,(].{0,40})?$/i.test(line) || /[.!?]\s+\S/.test(name)) return false;
    // "BY WESTBROOK PEGLER," in capitals: a deck line can open with "BY" too ("BY CLOSE
    // MARGIN"); the byline closes with its stop or comma, or carries an initial.
    return !line.startsWith('BY') || /[.,]$/.test(line) || /\b[A-Z]\.\s/.test(line);
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
