// Page words → page numbers: "Page Five", "Second Page", "第二版", "2".

const EN_CARDINALS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const EN_ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];

/** An English page word or figure ("Five", "5", "fifth", "5th"); null when it is none. */
export function englishNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/[.,;:)]+$/, '');
  if (/^\d{1,3}(st|nd|rd|th)?$/.test(w)) return parseInt(w, 10) || null;
  // OCR of old type reads 1 as l or I and 0 as O ("Page l0", "Page 1O"): inside the jump
  // formula (the only caller) a short figure with at least one real digit, or a lone l,
  // can only be a page number, so the misread letters are read back as digits.
  if (/^[0-9lio]{1,3}$/.test(w) && (/\d/.test(w) || w === 'l')) {
    return parseInt(w.replace(/[li]/g, '1').replace(/o/g, '0'), 10) || null;
  }
  // A lone B is an 8 of worn type ("Continued on Page B."): no page of the era is lettered alone.
  if (w === 'b') return 8;
  // "Twenty-two": the tens word and a unit, as big Sunday editions number their pages.
  const compound = /^(twenty|thirty|forty|fifty)-([a-z]+)$/.exec(w);
  if (compound) {
    const unit = Math.max(EN_CARDINALS.indexOf(compound[2]), EN_ORDINALS.indexOf(compound[2]));
    return unit > 0 && unit < 10 ? (['twenty', 'thirty', 'forty', 'fifty'].indexOf(compound[1]) + 2) * 10 + unit : null;
  }
  let i = EN_CARDINALS.indexOf(w);
  if (i > 0) return i;
  i = EN_ORDINALS.indexOf(w);
  return i > 0 ? i : null;
}


/** Whether two words of one length differ in at most one letter. */
function oneLetterOff(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length && diff < 2; i++) if (a[i] !== b[i]) diff++;
  return diff <= 1;
}

/** The page words that mean n, for n from 1 to 20. */
const NUMBER_WORDS = EN_CARDINALS.map((c, n) => [c, EN_ORDINALS[n]] as const).slice(1);

/**
 * A number word OCR misread: one letter off ("Twtnty", "Fivo"), or its head kept and its tail
 * read as marks ("thr#*"). Only where a single number fits (units when `units`); else null.
 */
function misreadNumber(word: string, units: boolean): number | null {
  const letters = /^[a-z]+/.exec(word)?.[0] ?? '';
  const tailIsMarks = letters.length < word.length && /^[^a-z0-9]+$/.test(word.slice(letters.length));
  const fits = new Set<number>();
  NUMBER_WORDS.forEach((forms, i) => {
    const n = i + 1;
    if (units && n > 9) return;
    for (const f of forms) if (oneLetterOff(word, f) || (tailIsMarks && letters.length >= 3 && f.startsWith(letters))) fits.add(n);
  });
  return fits.size === 1 ? [...fits][0] : null;
}

/**
 * A page word as OCR of worn type gives it, inside a jump formula whose own words are already
 * known: "Twtnty-thr#*" (Twenty-three), "Fivo". The exact reading is tried first.
 */
export function misreadPageNumber(word: string): number | null {
  const exact = englishNumber(word);
  if (exact !== null) return exact;
  const w = word.toLowerCase().replace(/[.,;:)]+$/, '');
  const compound = /^([a-z]{5,6})-(\S{3,})$/.exec(w);
  if (compound) {
    const tens = ['twenty', 'thirty', 'forty', 'fifty'].findIndex((t) => oneLetterOff(compound[1], t));
    const unit = misreadNumber(compound[2], true);
    return tens >= 0 && unit !== null ? (tens + 2) * 10 + unit : null;
  }
  return /^[a-z]{3,}/.test(w) ? misreadNumber(w, false) : null;
}

const ZH_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese numeral or figure up to 99 ("二十四", "２", "12"); null when it is none. */
export function chineseNumber(s: string): number | null {
  if (!s) return null;
  const ascii = s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return parseInt(ascii, 10);
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 && s in ZH_DIGITS ? ZH_DIGITS[s] : null;
  const tens = ten === 0 ? 1 : ZH_DIGITS[s.slice(0, ten)];
  const unitsText = s.slice(ten + 1);
  const units = unitsText === '' ? 0 : ZH_DIGITS[unitsText];
  if (tens === undefined || units === undefined || ten > 1 || unitsText.length > 1) return null;
  return tens * 10 + units;
}
