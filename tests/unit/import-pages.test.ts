// Pages as they come from the outside: 1910s OCR dumps with blank lines, split
// hyphens, Chinese web dumps with their chrome, HTML. One test per rule.
import { describe, it, expect } from 'vitest';
import { importText } from '../../src/lib/import/index';
import { findDatelineEn, findDatelessEn, isBylineLine } from '../../src/lib/import/datelines';
import { findJump } from '../../src/lib/import/jumps';
import { classifyLines, furnitureOf } from '../../src/lib/import/lines';
import { measureLines } from '../../src/lib/import/measure';
import { keepsHyphen, emptyEvidence, isHyphenationPoint } from '../../src/lib/import/hyphens';
import { htmlToText, looksLikeHtml } from '../../src/lib/import/html';

// A 1913 front page as OCR dumps give it: blank lines between paragraphs and between deck lines.
const PAGE_1913 = `THE DAILY HERALD.

BALTIMORE, MD., THURSDAY, JANUARY 9, 1913.


CANAL TOLLS BILL
FACES HARD FIGHT

Opponents Will Try to Block
Measure in Senate Committee.

WASHINGTON, Jan. 8.—The canal tolls
bill will meet strong opposition in the
Senate, leaders said today.

Senator Root of New York declared that
the bill violates the treaty with Great
(Continued on Page Five.)


By HENRY W. JONES.

PARIS, Jan. 8.—The French cabinet
resigned tonight after a vote in the
Chamber of Deputies.


STRIKE ENDS AT MILLS

Special Dispatch to The Herald.

LAWRENCE, Mass., Jan. 8.—The strike at
the woolen mills ended today.
`;

describe('a 1910s page with blank lines (QA 7)', () => {
  const r = importText(PAGE_1913, { language: 'en' });

  it('one story per headline group, the deck, byline and dateline inside it', () => {
    expect(r.stories.map((s) => s.dateline)).toEqual(['WASHINGTON, Jan. 8.—', 'PARIS, Jan. 8.—', 'LAWRENCE, Mass., Jan. 8.—']);
    const [canal, paris, strike] = r.stories;
    expect(canal.headline).toEqual(['CANAL TOLLS BILL', 'FACES HARD FIGHT']);
    expect(canal.subtitle).toBe('Opponents Will Try to Block Measure in Senate Committee.');
    expect(canal.body).toHaveLength(2);
    expect(canal.jumps.map((j) => [j.direction, j.page])).toEqual([['continuedTo', 5]]);
    expect(paris.byline).toBe('By HENRY W. JONES.');
    expect(strike.headline).toEqual(['STRIKE ENDS AT MILLS']);
    expect(strike.byline).toBe('Special Dispatch to The Herald.');
  });

  it('the nameplate and the folio line are page furniture, kept but not a story or a dateline', () => {
    expect(r.furniture.map((f) => [f.kind, f.text])).toEqual([
      ['nameplate', 'THE DAILY HERALD.'],
      ['folio', 'BALTIMORE, MD., THURSDAY, JANUARY 9, 1913.'],
    ]);
    expect(furnitureOf('WASHINGTON, D. C., WEDNESDAY, JANUARY 8, 1913.', 'en')).toBe('folio');
    expect(furnitureOf('WASHINGTON, Jan. 7.—The Senate met on Wednesday, January 8, 1913, and the', 'en')).toBeNull();
  });

  it('with the blank lines gone, a two-line deck is still one subtitle', () => {
    const r2 = importText(PAGE_1913.replace(/\n\n(?!\n)/g, '\n'), { language: 'en' });
    expect(r2.stories[0].subtitle).toBe('Opponents Will Try to Block Measure in Senate Committee.');
    expect(r2.stories[0].dateline).toBe('WASHINGTON, Jan. 8.—');
    expect(r2.stories).toHaveLength(3);
  });

  it('the paragraph gap of a hard-wrapped dump is the smaller of its two gaps', () => {
    const { lines } = classifyLines(PAGE_1913, 'en');
    expect(measureLines(lines).usualGap).toBe(1);
    const flat = classifyLines('A\nb\nc\n\n\nD\ne\n', 'en').lines;
    expect(measureLines(flat).usualGap).toBe(0);
  });

  it('a byline with initials is a byline', () => {
    expect(isBylineLine('By JOHN R. HAMILTON.', 'en')).toBe(true);
    expect(isBylineLine('(By Associated Press.)', 'en')).toBe(true);
    expect(isBylineLine('By this time the crowd had left.', 'en')).toBe(false);
  });
});

describe('line-end hyphens decided on the whole word (QA 8)', () => {
  it('joins syllable breaks whatever the first half looks like', () => {
    const text = 'SENATE ACTS\n\nWASHINGTON, Jan. 7.—The pre-\nsident of the Senate said the so-\ncial question was all-\nowed to wait. The co-\nlumn was post-\nponed, and the com-\nmittee was great-\nly pleased with the pro-\ngress made by the well-\nknown long-\nshoremen.\n';
    expect(importText(text, { language: 'en' }).stories[0].body[0]).toBe(
      'The president of the Senate said the social question was allowed to wait. The column was postponed, and the committee was greatly pleased with the progress made by the well-known longshoremen.',
    );
  });

  it('uses the text as evidence: the joined word printed elsewhere joins, the hyphenated one keeps', () => {
    const joined = 'NEWS\n\nThe steamship sailed. Another steam-\nship followed it out of the harbor today.\n';
    expect(importText(joined, { language: 'en' }).stories[0].body[0]).toContain('Another steamship followed');
    const kept = 'NEWS\n\nThe to-day meeting was short. Then to-\nday the council met again at noon.\n';
    expect(importText(kept, { language: 'en' }).stories[0].body[0]).toContain('Then to-day the council');
  });

  it('keeps hyphens that compounds take by rule', () => {
    const ev = emptyEvidence();
    expect(keepsHyphen('self', 'government', ev)).toBe(true);
    expect(keepsHyphen('twenty', 'five', ev)).toBe(true);
    expect(keepsHyphen('anti', 'German', ev)).toBe(true);
    expect(keepsHyphen('U', 'boat', ev)).toBe(true);
    expect(keepsHyphen('ex', 'pected', ev)).toBe(false);
    expect(keepsHyphen('self', 'ish', ev)).toBe(false);
  });

  it('two words of the text at a syllable break join ("some-thing"), elsewhere they stay a compound', () => {
    const ev = emptyEvidence();
    for (const w of ['some', 'thing']) ev.words.add(w);
    expect(isHyphenationPoint('something', 4)).toBe(true);
    expect(keepsHyphen('some', 'thing', ev)).toBe(false);
  });
});

describe('a Chinese web dump (QA 9)', () => {
  const WEB = '\ufeff首页 > 新闻中心 > 国内要闻\r\n来源：人民网　　2024年03月05日 08:12\r\n全国两会新闻中心举行首场记者会\r\n　　本报北京3月4日电（记者李明）新闻中心4日下午举行首场记者会。\r\n\r\n评论：让“小切口”带来大变化\r\n　　民生无小事，枝叶总关情。\r\n　　（作者为本报评论员）\r\n责任编辑：张三\r\n分享到：\r\n';
  const r = importText(WEB);

  it('breadcrumb, source line, editor and share lines are furniture, never a kicker or headline', () => {
    expect(r.furniture.map((f) => f.kind)).toEqual(['breadcrumb', 'source', 'editor', 'share']);
    expect(r.stories[0].kicker).toBeUndefined();
    expect(r.stories[0].headline).toEqual(['全国两会新闻中心举行首场记者会']);
  });

  it('a labelled headline group ("引题：…") takes its roles from the labels, the labels kept aside', () => {
    const r2 = importText('引题：坚持稳中求进 推动高质量发展\n全国两会新闻中心举行首场记者会\n副题：聚焦经济社会发展热点\n　　本报北京3月4日电　记者会举行。\n');
    const s = r2.stories[0];
    expect([s.kicker, s.headline, s.subtitle]).toEqual(['坚持稳中求进 推动高质量发展', ['全国两会新闻中心举行首场记者会'], '聚焦经济社会发展热点']);
    expect(r2.dropped).toEqual(['引题：', '副题：']);
  });

  it('an author note closes its commentary instead of opening a story', () => {
    expect(r.stories).toHaveLength(2);
    expect(r.stories[1].body).toEqual(['民生无小事，枝叶总关情。', '（作者为本报评论员）']);
    expect(r.stories[1].warnings.map((w) => w.kind)).not.toContain('truncated');
  });
});

describe('HTML input (QA 17)', () => {
  const HTML =
    '<html><head><title>Breaking</title><script>window.__pwned=1</script></head>\n<body>\n<h1>Tokyo markets rally</h1>\n<p>TOKYO, March 3 (Reuters) — Stocks rose&nbsp;2% on Monday.<img src=x onerror="x()"></p>\n<style>p{color:red}</style><p>Analysts &quot;expect more&quot; &#8212; gains.</p>\n</body></html>';

  it('is detected and turned into its text: block tags to lines, scripts and styles dropped, entities decoded', () => {
    expect(looksLikeHtml(HTML)).toBe(true);
    expect(looksLikeHtml('The vote was 5 < 7.\nA <b> tag.')).toBe(false);
    const text = htmlToText(HTML);
    expect(text).not.toMatch(/[<>]|pwned|color:red/);
    expect(text).toContain('Tokyo markets rally\n');
    expect(text).toContain('Stocks rose\u00a02% on Monday.');
    expect(text).toContain('Analysts "expect more" — gains.');
  });

  it('imports the text and warns that it converted HTML', () => {
    const r = importText(HTML);
    expect(r.notices.map((n) => n.kind)).toEqual(['converted-html']);
    expect(r.notices[0].message).toEqual({ code: 'notice.converted-html', params: {} });
    expect(r.stories[0].headline).toEqual(['Tokyo markets rally']);
    expect(JSON.stringify(r.stories)).not.toContain('<');
  });
});

describe('English datelines and jumps of real OCR pages', () => {
  it.each([
    ['WASHINGTON.—The President', 'WASHINGTON.—'],
    ['LONDON, —The cabinet met', 'LONDON, —'],
    ['ST. LOUIS, Mo.—The river rose', 'ST. LOUIS, Mo.—'],
    ['NEW YORK (AP) — Stocks fell', 'NEW YORK (AP) —'],
  ])('dateless %s', (line, dateline) => {
    expect((findDatelineEn(line) ?? findDatelessEn(line))?.dateline).toBe(dateline);
  });

  it('a capitals headline with a dash is not a dateless dateline', () => {
    expect(findDatelessEn('WAR — AND PEACE')).toBeNull();
    expect(findDatelessEn('A.—The answer')).toBeNull();
  });

  it('a wire tag after the dateline is its credit, not body text', () => {
    const d = findDatelineEn('WASHINGTON, Jan. 7.—(By Associated Press.)—The Senate');
    expect(d?.dateline).toBe('WASHINGTON, Jan. 7.—');
    expect(d?.byline).toBe('(By Associated Press.)—');
    const s = importText('SENATE MEETS\n\nWASHINGTON, Jan. 7.—(Special.)—The Senate met.\n', { language: 'en' }).stories[0];
    expect(s.body).toEqual(['The Senate met.']);
  });

  it('a jump wrapped over two narrow lines is one jump', () => {
    const r = importText('FIRE AT MILL\n\nLOWELL, Mass., Jan. 7.—The mill burned and the\n(Continued on Page\nFive.)\n', { language: 'en' });
    expect(r.stories).toHaveLength(1);
    expect(r.stories[0].jumps.map((j) => [j.direction, j.page])).toEqual([['continuedTo', 5]]);
    expect(r.stories[0].body.join(' ')).not.toMatch(/Five|Continued/);
    const inline = importText('FIRE AT MILL\n\nLOWELL, Mass., Jan. 7.—The mill burned. (Continued on\nPage 2.)\n', { language: 'en' });
    expect(inline.stories[0].jumps.map((j) => j.page)).toEqual([2]);
  });

  it('a dateline wrapped in a narrow column is one dateline', () => {
    const r = importText('QUAKE SHAKES COAST\n\nSAN FRANCISCO, Cal., Jan.\n7.—A sharp earthquake shook the\ncity early today.\n', { language: 'en' });
    expect(r.stories[0].dateline).toBe('SAN FRANCISCO, Cal., Jan. 7.—');
    expect(r.stories[0].body).toEqual(['A sharp earthquake shook the city early today.']);
    const city = importText('QUAKE\n\nST. LOUIS, Mo.,\nJan. 7.—The river rose.\n', { language: 'en' });
    expect(city.stories[0].dateline).toBe('ST. LOUIS, Mo., Jan. 7.—');
  });

  it('jump formulas: second page, concluded; "See Page 4" is a reference', () => {
    expect(findJump('Continued on Second Page', 'en')).toMatchObject({ direction: 'continuedTo', page: 2 });
    expect(findJump('(Concluded on Page 3)', 'en')).toMatchObject({ direction: 'continuedTo', page: 3 });
    expect(findJump('(Continued From Page One.)', 'en')).toMatchObject({ direction: 'continuedFrom', page: 1 });
    expect(findJump('See Page 4', 'en')).toBeNull();
  });
});

describe('OCR-misread page figures in jumps', () => {
  it('reads l and O in a jump page figure back as 1 and 0, but not in ordinary words', () => {
    expect(findJump('(Continued on Page l0.)', 'en')?.page).toBe(10);
    expect(findJump('(Continued on Page 1O.)', 'en')?.page).toBe(10);
    expect(findJump('(Continued on Page l.)', 'en')?.page).toBe(1);
    expect(findJump('(Continued on Page 12.)', 'en')?.page).toBe(12);
    // "lo" has no digit and is not a lone l: no page is invented from a word.
    expect(findJump('(Continued on Page lo.)', 'en')?.page ?? null).toBeNull();
  });
});

describe('jump and dateline forms of other desks', () => {
  it('keeps a where-on-the-page tail, ordinal figures, compounds and a misread full stop in the jump', () => {
    expect(findJump('(Continued on Sixth Page, Third Column.)', 'en')).toMatchObject({ direction: 'continuedTo', page: 6 });
    expect(findJump('(Continued on Page 2—Column 3.)', 'en')?.page).toBe(2);
    expect(findJump('(Continued on Page 3, This Section.)', 'en')?.page).toBe(3);
    expect(findJump('(Continued on 2nd Page.)', 'en')?.page).toBe(2);
    expect(findJump('Continued on Page Twenty-two.', 'en')?.page).toBe(22);
    expect(findJump('Continued on Page 5;', 'en')?.page).toBe(5);
    expect(findJump('(Continued Page 2)', 'en')).toMatchObject({ direction: 'continuedTo', page: 2 });
    // Still a reference, not a jump, when prose goes on after it.
    expect(findJump('the story continued on page 2 of the report', 'en')).toBeNull();
  });

  it('reads an OCR l in the day of a dateline as 1', () => {
    expect(findDatelineEn('WASHINGTON, Jan. l7.—The senate')?.dateline).toBe('WASHINGTON, Jan. l7.—');
    expect(findDatelineEn('WASHINGTON, Jan. lo.—The senate')).toBeNull();
  });
});

describe('a jump cut by a line-end hyphen', () => {
  it('joins "(Con-" / "tinued on Page Five.)" into one jump, and leaves ordinary hyphenated words alone', () => {
    const page = 'FIRE AT MILLS\n\nCHICAGO, Ill., Dec. 1.—Wheat rose and con-\ntinued high all day. (Con-\ntinued on Page Five.)\n';
    const [story] = importText(page, {}).stories;
    expect(story.jumps.map((j) => [j.direction, j.page])).toEqual([['continuedTo', 5]]);
    expect(story.body.join(' ')).toContain('continued high all day.');
    expect(story.body.join(' ')).not.toContain('Con');
  });
});

describe('folio parts on lines of their own', () => {
  it.each(['VOL. XXVI. NO. 217.', '10 PAGES', 'TWELVE PAGES.', 'PRICE ONE CENT.', 'VOL. XLVI. NO. 13,987. PRICE TWO CENTS.'])('%s is page furniture', (line) => {
    expect(furnitureOf(line, 'en')).toBe('folio');
  });

  it.each(['The fare is two cents more than last year.', 'PAGES FROM HISTORY', 'NO SURRENDER'])('%s is not', (line) => {
    expect(furnitureOf(line, 'en')).toBeNull();
  });

  it('a page opening with them gives no story of them', () => {
    const r = importText('THE EVENING STAR.\n\nVOL. XXVI. NO. 217.\n\n12 PAGES.\n\nPRICE ONE CENT.\n\n\nFIRE DESTROYS MILL\n\nWASHINGTON, Jan. 7.—The mill burned to the ground last night.\n', { language: 'en' });
    expect(r.furniture.map((f) => f.text)).toEqual(expect.arrayContaining(['VOL. XXVI. NO. 217.', '12 PAGES.', 'PRICE ONE CENT.']));
    expect(r.stories.flatMap((s) => [...s.headline, ...s.body]).join(' ')).not.toMatch(/PAGES|PRICE|VOL\./);
  });
});

describe('datelines and jumps as real OCR of 1916–1922 front pages prints them', () => {
  it.each([
    // the day's 1 read as I, a 3 read as 8 or S, a stray quote before it
    ['London, Jan. I.—The Amsterdam', 'London, Jan. I.—'],
    ['Berlin, Dec. 81.—The text of Austria', 'Berlin, Dec. 81.—'],
    ['SAN DIEGO, Dec. SI. At! of the', 'SAN DIEGO, Dec. SI.'],
    ['SEWARD. Alaska, Dec. "1. After', 'SEWARD. Alaska, Dec. "1.'],
    // a month misread in one letter, or its J read as .l
    ['Berlin, Dee. 31.—An official', 'Berlin, Dee. 31.—'],
    ['Philadelphia. Deo* 31.—Pneumonia', 'Philadelphia. Deo* 31.—'],
    ['LONDON, Juno 15. Lloyd-George.', 'LONDON, Juno 15.'],
    ['AMSTERDAM, .luno 15.-A Zeppelin', 'AMSTERDAM, .luno 15.-'],
    // initials and states read with figures or doubled stops
    ['Washington, D. 0., Dec. 31.—Tho', 'Washington, D. 0., Dec. 31.—'],
    ['Newport, R. 1.. Jan. I.—A message', 'Newport, R. 1.. Jan. I.—'],
    ['Bridgeton, N. J„ Jan. I.—Gilbert', 'Bridgeton, N. J„ Jan. I.—'],
    // debris before the place is not part of the dateline
    ["'San Salvador, Dec. 31.—Advices", 'San Salvador, Dec. 31.—'],
    ['•Qvtcago. Dec. 81.—The explosion', 'Qvtcago. Dec. 81.—'],
    ['lion Washington, Dec. 29.-Whil', 'Washington, Dec. 29.-'],
    // a space before the day's stop; Chronicling America's "?" for an em dash
    ['LONDON. Dec. 31 . According to', 'LONDON. Dec. 31 .'],
    ['ST. LOUIS, June 15.?Two of the', 'ST. LOUIS, June 15.?'],
  ])('dateline %s', (line, dateline) => {
    expect(findDatelineEn(line)?.dateline).toBe(dateline);
  });

  it('does not read ordinary lines, questions or folio parts as datelines', () => {
    expect(findDatelineEn('Was it Washington, Jan. 5? No one knew')).toBeNull();
    expect(findDatelineEn('Washington, Jan. 7 was cold')).toBeNull();
    // A city in capitals and lower case without its dash needs the day's stop and a sentence after it.
    expect(findDatelineEn('Eureka, Cal., June 15. Five bodies')?.dateline).toBe('Eureka, Cal., June 15.');
    expect(findDatelineEn('Eureka, Cal., June 15. the bodies')).toBeNull();
    expect(findDatelineEn('Eureka, Cal., June 15, 1916, was')).toBeNull();
    // A three-letter month-like word counts only with its stop; a longer one must be one letter off a month.
    expect(findDatelineEn('Then, Den 5.—A word that is no month')).toBeNull();
    expect(findDatelineEn('LONDON, Jungle 15.—The')).toBeNull();
    expect(findDatelessEn('LXXXIY— No. 307')).toBeNull();
    expect(furnitureOf('LXXXIY— No. 307', 'en')).toBe('folio');
    expect(findDatelessEn('WASHINGTON (API — Arthur Krock')?.dateline).toBe('WASHINGTON (API —');
  });

  it('takes a folio line with its edition word as furniture, not a dateline', () => {
    const r = importText('THE ARIZONA REPUBLICAN\nPHOENIX, ARIZONA, SATURDAY MORNING, JANUARY 1, 1916\n\nFIRE\n\nCLIFTON, Ariz., Dec. 31.—The mill burned.\n', { language: 'en' });
    expect(r.stories.map((s) => s.dateline)).toEqual(['CLIFTON, Ariz., Dec. 31.—']);
  });

  it('joins a dateline broken over a line or blank lines, but never to the deck above it', () => {
    const broken = importText('SENATE VOTES\n\nWashington,\n\n\nJanuary 16.—The senate voted.\n', { language: 'en' });
    expect(broken.stories.map((s) => s.dateline)).toEqual(['Washington, January 16.—']);
    const wrapped = importText('COURT\n\nSentenced to Jail\n\nI Osnabruck. Prussia, via London. Jan.\n11. —The court here has ruled.\n', { language: 'en' });
    expect(wrapped.stories.at(-1)?.dateline).toBe('Osnabruck. Prussia, via London. Jan. 11. —');
    const deck = importText('TOWN BURNS\nPost Office and Mails\nDestroyed,\nDunn Center, N. D., Dec. 31,—Fire broke out.\n', { language: 'en' });
    expect(deck.stories.map((s) => s.dateline).filter(Boolean)).toEqual(['Dunn Center, N. D., Dec. 31,—']);
  });

  it.each([
    ['(Con tinned on piigc 11.)', 11],
    ['. [Continued on Page B.]', 8],
    ['continued on Page 11.)', 11],
    ['fCon tinned on Page 2]', 2],
    ['Continued on Page 14, Column 6._', 14],
    ['Contlnutd on fa Two, Column Two', 2],
    ['Continued on Tata Four, Column One', 4],
    ["ConUn'utd on Fate JTwo. Column SU", 2],
  ])('jump %s', (line, page) => {
    expect(findJump(line, 'en')).toMatchObject({ direction: 'continuedTo', page });
  });

  it('keeps a mangled "continued" in prose a reference, not a jump', () => {
    expect(findJump('Contlnutd on fa Two, Column Two, said the clerk who read it aloud', 'en')).toBeNull();
    expect(findJump('the story continued on page 2) of the report', 'en')).toBeNull();
  });
});

describe('credits of real OCR front pages', () => {
  it('reads wire and staff credits as bylines, in capitals too, but not a deck opening with BY', () => {
    for (const line of ['(BY THE ASSOCIATED PRESS.)', 'BY THE ASSOCIATED PRESS.', 'Republican A. P. Leased Wire', 'Special to the Telegraph', 'United News Staff Correspondent.', 'BY WESTBROOK PEGLER,', 'By N. O. Messenger'])
      expect(isBylineLine(line, 'en'), line).toBe(true);
    for (const line of ['BY CLOSE MARGIN', 'special to the people of Ohio.', 'By the river they waited. Then'])
      expect(isBylineLine(line, 'en'), line).toBe(false);
  });

  it('keeps the byline with the headline above it across blank lines, and a second credit line with the first', () => {
    const [s, ...rest] = importText('DE VALERA DEFEATED\nBY CLOSE MARGIN\n\n\nBY WESTBROOK PEGLER,\n\nUnited News Staff Correspondent.\n\nDublin, January 9.—For a second time the dail voted.\n', { language: 'en' }).stories;
    expect(rest).toHaveLength(0);
    expect(s.headline).toEqual(['DE VALERA DEFEATED', 'BY CLOSE MARGIN']);
    expect(s.byline).toBe('BY WESTBROOK PEGLER, United News Staff Correspondent.');
    expect(s.dateline).toBe('Dublin, January 9.—');
  });

  it('takes the wire tag a line break cut off the dateline out of the body', () => {
    const [s] = importText('THREATS AT MACON\n\nMacon, Ga., January 16.—(Spe-\ncial.) —Threatening letters came.\n', { language: 'en' }).stories;
    expect(s.dateline).toBe('Macon, Ga., January 16.—');
    expect(s.byline).toBe('(Special.) —');
    expect(s.body).toEqual(['Threatening letters came.']);
  });
});

describe('a rule printed as question marks (Chronicling America writes "?" for a dash it cannot encode)', () => {
  // Hand-written in the shape of tests/fixtures/en-ocr-real/en-ocr-1916-evening-star.txt, lines 46–50.
  const page = 'SENATOR JAMES CHOSEN\n\nThe convention met at noon and heard the report of its committee.\n\n?\n\nBY EARL GODWIN.\n\nST. LOUIS, June 15.?As the subcommittee closed its doors today.\n';
  it('an English line of question marks alone is a rule, not a story of its own', () => {
    const { lines } = classifyLines(page, 'en');
    expect(lines.find((l) => l.text === '?' || l.dropped === '?')?.kind).toBe('rule');
    const { stories } = importText(page);
    expect(stories.flatMap((s) => s.body)).not.toContain('?');
  });
  it('a Chinese page keeps such a line as text (the convention is the English OCR text\'s)', () => {
    expect(classifyLines('标题\n\n?\n', 'zh').lines.some((l) => l.kind === 'rule')).toBe(false);
  });
});

// Lines quoted as Chronicling America's OCR text gives them (held-out 1916 front pages, round two);
// the plain-text cases beside them are hand-written.
describe('English datelines OCR left in odd shapes (round two)', () => {
  it.each([
    // the hour of a late cable, its route before it
    ["London, Jan. 1, 10.4.' A. M.", "London, Jan. 1, 10.4.' A. M."],
    [', Madrid, Dec. 31, via Paris, 3.10 p. in.', 'Madrid, Dec. 31, via Paris, 3.10 p. in.'],
    ['PARIS, March 4, 2:15 p. m.—The Chamber met', 'PARIS, March 4, 2:15 p. m.—'], // hand-written
    // a place in capitals whose comma OCR lost
    ['WASHINGTON June 15. The President', 'WASHINGTON June 15.'],
    // a day in the teens read as a one and a letter
    ['ST. ItoUlS, June IK. Telegrams have', 'ST. ItoUlS, June IK.'],
    ['COIilSKtM. ST. LOUIS. Juno IB.', 'COIilSKtM. ST. LOUIS. Juno IB.'],
    // the dash lost without a trace, the sentence glued to the day's stop
    ['Boston, Jan. 3.The mayor said', 'Boston, Jan. 3.'], // hand-written
    // a capitalised place standing alone on its line
    ['Coliseum, St. Louis, June 15.', 'Coliseum, St. Louis, June 15.'],
    // the head of the place cut off by the column edge, the dash kept
    ['stol, Va.-Tenfi., Dec. 31.—SullinB', 'stol, Va.-Tenfi., Dec. 31.—'],
  ])('%s', (line, dateline) => {
    expect(findDatelineEn(line)?.dateline).toBe(dateline);
  });

  it.each([
    'HELD JUNE 15.', // a headline in capitals, its month in capitals too
    'In Chicago, June 15.', // a sentence's end, not a place
    'Jan. 3, 10.45 the train left', // an hour needs its a.m./p.m. (and a place first)
    'stol, Va., Dec. 31. The college', // a cut place without its dash
    'WASHINGTON, June Is the month', // a teen day needs its stop
    'Paris, June 15, 10.45 and then', // no a.m./p.m.: not an hour, and no stop
  ])('not a dateline: %s', (line) => {
    expect(findDatelineEn(line)).toBeNull();
  });

  it('a story under a dateline with an hour keeps the hour out of its body', () => {
    const s = importText("PERSIA SUNK\n\nLondon, Jan. 1, 10.4.' A. M.\nThe British liner Persia was sunk.\n", { language: 'en' }).stories[0];
    expect(s.dateline).toBe("London, Jan. 1, 10.4.' A. M.");
    expect(s.body.join(' ')).toBe('The British liner Persia was sunk.');
  });
});

describe('English jumps OCR left in odd shapes (round two)', () => {
  it('a jump whose "Continued" OCR lost, in brackets on its own line', () => {
    expect(findJump('( on Page 3, Column 3.) 3.) ', 'en')).toMatchObject({ direction: 'continuedTo', page: 3 });
    expect(findJump('(from Page One.)', 'en')).toMatchObject({ direction: 'continuedFrom', page: 1 }); // hand-written
    expect(findJump('(Story on Page 3)', 'en')).toBeNull();
    expect(findJump('(See Page 4)', 'en')).toBeNull();
    expect(findJump('(on Page 3) said the mayor', 'en')).toBeNull();
  });

  it('"ou" for on and "Pace" for Page inside the formula', () => {
    expect(findJump('(Continued ou Fifth Pace.) .', 'en')).toMatchObject({ direction: 'continuedTo', page: 5 });
  });
});

describe('English jump pages OCR misread past their letters (round two)', () => {
  it('a page word misread in the bracketed formula is read back', () => {
    // real OCR, Evening Star (Washington), 15 Jun 1916, p. 1 (Chronicling America text)
    expect(findJump('(Continued on Paf? Twtnty-thr#*.) I', 'en')).toMatchObject({ direction: 'continuedTo', page: 23 });
    // hand-written
    expect(findJump('(Continued on Pago Fivo.)', 'en')).toMatchObject({ direction: 'continuedTo', page: 5 });
    expect(findJump('(Continued on Page Thr.)', 'en')?.page).toBeNull(); // three, thirteen or third: no single reading
    expect(findJump('(Continued on the other side)', 'en')).toBeNull();
  });
});

describe('an English paragraph opens with no closing or joining mark (OCR debris)', () => {
  // Hand-written in the shape of tests/fixtures/en-ocr-real/en-ocr-1916-washington-times.txt's first line.
  it('a leading comma or semicolon goes to the dropped marks; the raw source keeps it', () => {
    const page = 'STRIKE IS ENDED\n\n, y-t. the men went back to work this morning at the mills.\n\n; and the owners met them at the gate.\n';
    const { stories, dropped } = importText(page);
    expect(dropped).toEqual(expect.arrayContaining([',', ';']));
    const body = stories.flatMap((s) => s.body);
    expect(body.some((t) => /^[,;]/.test(t))).toBe(false);
    expect(body.join(' ')).toContain('y-t. the men went back');
    expect(stories.map((s) => s.raw).join('')).toContain(', y-t.');
  });
  it('a Chinese paragraph is left as it is', () => {
    const { stories } = importText('标题在这里\n\n　　，这是一段以逗号开头的文字，照原样保留。\n');
    expect(stories.flatMap((s) => s.body).some((t) => t.startsWith('，'))).toBe(true);
  });
});

describe('an English paragraph of stops alone, or opened by a stray stop, is debris; an ellipsis is not', () => {
  // Hand-written in the shape of held-out Chronicling America pages (". Fred House", a line "." alone).
  it('strips the stop, drops a paragraph of stops, keeps an opening ellipsis', () => {
    const page = 'FIRE AT THE MILL\n\n. Fred House, the foreman, saw the smoke at noon.\n\n.\n\n...and the roof fell in before the engines came.\n';
    const body = importText(page).stories.flatMap((s) => s.body);
    expect(body).toContain('Fred House, the foreman, saw the smoke at noon.');
    expect(body).not.toContain('.');
    expect(body.some((t) => t.startsWith('...and the roof'))).toBe(true);
  });
  it('marks parted by spaces go together ("? ; Persia": a lost dash and a stray semicolon)', () => {
    const body = importText('WAR NEWS\n\nThe Admiralty said today that two more ships were lost at sea this week.\n\n? ; Persia, was sunk in the Mediterranean on Thursday.\n').stories.flatMap((s) => s.body);
    expect(body).toContain('Persia, was sunk in the Mediterranean on Thursday.');
  });
});
