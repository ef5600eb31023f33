// Script classes by code point: the one place that says what is Han, CJK,
// Western or a Latin letter, so import, lint, typesetting and the metrics
// script can never classify one character differently. A leaf: imports nothing.
// Hand-written tests on code points rather than regexes so that every scan
// stays linear on huge lines and allocates nothing.

/** Han ideographs (and 〇, which sets like one). */
export function isHan(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff) || cp === 0x3007;
}

/** Characters set on the CJK grid (each one a break opportunity): Han, kana, CJK punctuation, full-width forms. */
export function isCjk(cp: number): boolean {
  return isHan(cp) || (cp >= 0x3000 && cp <= 0x30ff) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0xfe10 && cp <= 0xfe6f) || (cp >= 0x3100 && cp <= 0x31ff) || cp === 0x201c || cp === 0x201d || cp === 0x2018 || cp === 0x2019 || cp === 0x2014 || cp === 0x2026 || cp === 0x00b7 || cp === 0x22ef;
}

/** Letters and digits of Western text, which clreq §6.1.4 keeps whole within a line. */
export function isWestern(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || (cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x400 && cp <= 0x4ff);
}

export function isLatinLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

export function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

export function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}
