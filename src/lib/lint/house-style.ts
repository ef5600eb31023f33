// The house-style word list: forms the desk does not print and what it prints
// instead. Pure: a list in, hits with a code and parameters out (the UI words
// them through the i18n catalogue).
import type { Language } from '../model/edition';

export interface HouseStyleEntry {
  wrong: string;
  preferred: string;
}

export interface HouseStyleHit {
  code: 'house-style';
  /** Offsets into the text checked. */
  from: number;
  to: number;
  params: { wrong: string; preferred: string };
}

/**
 * Chinese starter forms: variant and mistaken forms from the 《第一批异形词整理表》
 * and common newsroom slips (的/地/得 is out of scope).
 */
const STARTER_ZH: readonly HouseStyleEntry[] = [
  { wrong: '其它', preferred: '其他' },
  { wrong: '惟一', preferred: '唯一' },
  { wrong: '部份', preferred: '部分' },
  { wrong: '成份', preferred: '成分' },
  { wrong: '人材', preferred: '人才' },
  { wrong: '按装', preferred: '安装' },
  { wrong: '渡假', preferred: '度假' },
  { wrong: '座落', preferred: '坐落' },
  { wrong: '暴光', preferred: '曝光' },
  { wrong: '国藉', preferred: '国籍' },
  { wrong: '气慨', preferred: '气概' },
  { wrong: '寒喧', preferred: '寒暄' },
  { wrong: '松驰', preferred: '松弛' },
  { wrong: '针贬', preferred: '针砭' },
  { wrong: '既使', preferred: '即使' },
  { wrong: '必竟', preferred: '毕竟' },
  { wrong: '记录片', preferred: '纪录片' },
  { wrong: '迫不急待', preferred: '迫不及待' },
  { wrong: '再接再励', preferred: '再接再厉' },
  { wrong: '一股作气', preferred: '一鼓作气' },
  { wrong: '甘败下风', preferred: '甘拜下风' },
  { wrong: '谈笑风声', preferred: '谈笑风生' },
  { wrong: '美仑美奂', preferred: '美轮美奂' },
  { wrong: '。。。', preferred: '……' },
];

/** English starter forms: AP-style house forms (a Chinese paper prints English names and terms too). */
const STARTER_EN: readonly HouseStyleEntry[] = [
  { wrong: 'Covid-19', preferred: 'COVID-19' },
  { wrong: 'e-mail', preferred: 'email' },
  { wrong: 'web site', preferred: 'website' },
  { wrong: 'per cent', preferred: 'percent' },
  { wrong: 'alright', preferred: 'all right' },
  { wrong: 'healthcare', preferred: 'health care' },
  { wrong: 'Xi Jin Ping', preferred: 'Xi Jinping' },
];

/**
 * The list an edition starts with until its desk edits it: a Chinese paper's
 * holds the Chinese forms and the English ones its Latin text may use; an
 * English paper's only the English forms — Chinese entries would be rows its
 * desk can never hit, hiding the few that matter.
 */
export function starterHouseStyle(language: Language): readonly HouseStyleEntry[] {
  return language === 'en' ? STARTER_EN : STARTER_HOUSE_STYLE;
}

/** The Chinese edition's starter list (the one every edition began with before English editions). */
export const STARTER_HOUSE_STYLE: readonly HouseStyleEntry[] = [...STARTER_ZH, ...STARTER_EN];

const LATIN = /[A-Za-z0-9]/;
const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}_]/u.test(c) && !/[\u3400-\u9fff]/.test(c);

/**
 * Every place `text` uses a listed wrong form. Latin forms match whole words and
 * ignore case (so “covid-19” is caught) but never flag the preferred form itself;
 * Chinese forms match anywhere. Overlapping hits keep the earlier, longer one.
 */
export function checkHouseStyle(text: string, entries: readonly HouseStyleEntry[]): HouseStyleHit[] {
  const hits: HouseStyleHit[] = [];
  const lower = text.toLowerCase();
  for (const entry of entries) {
    const wrong = entry.wrong;
    if (!wrong || wrong === entry.preferred) continue;
    const latin = LATIN.test(wrong);
    const needle = latin ? wrong.toLowerCase() : wrong;
    const hay = latin ? lower : text;
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) {
      const found = text.slice(i, i + wrong.length);
      if (found === entry.preferred) continue;
      if (latin && (isWordChar(text[i - 1]) || isWordChar(text[i + wrong.length]))) continue;
      hits.push({ code: 'house-style', from: i, to: i + wrong.length, params: { wrong: found, preferred: entry.preferred } });
    }
  }
  hits.sort((a, b) => a.from - b.from || b.to - a.to);
  const out: HouseStyleHit[] = [];
  for (const h of hits) if (!out.length || h.from >= out[out.length - 1].to) out.push(h);
  return out;
}

/** Parse a list as exported (JSON array of {wrong, preferred}); null when it is not one. */
export function parseHouseStyle(json: string): HouseStyleEntry[] | null {
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return null;
    const out: HouseStyleEntry[] = [];
    for (const v of value) {
      if (!v || typeof v.wrong !== 'string' || typeof v.preferred !== 'string') return null;
      out.push({ wrong: v.wrong, preferred: v.preferred });
    }
    return out;
  } catch {
    return null;
  }
}
