// Bytes → text. Files reach us as UTF-8 (with or without BOM), UTF-16 with BOM,
// or GB18030/GBK from older Chinese systems; anything else is refused loudly.

export class ImportError extends Error {
  override name = 'ImportError';
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Share of C0 control characters other than tab, newline, carriage return, form feed. */
function controlShare(text: string): number {
  const n = Math.min(text.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return n ? bad / n : 0;
}

export function decodeBytes(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = tryDecode('utf-16le', bytes.subarray(2));
    if (text !== null) return { text, encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = tryDecode('utf-16be', bytes.subarray(2));
    if (text !== null) return { text, encoding: 'utf-16be' };
  }
  // A NUL byte never occurs in text in UTF-8 or GB18030: it means a binary file.
  const probe = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) throw new ImportError('This file is binary (it contains NUL bytes), not text. Import a .txt file.');
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const candidates: [string, Uint8Array][] = [['utf-8', hasBom ? bytes.subarray(3) : bytes], ['gb18030', bytes]];
  for (const [label, body] of candidates) {
    const text = tryDecode(label, body);
    if (text !== null && controlShare(text) < 0.01) return { text, encoding: label };
  }
  throw new ImportError('This file is not text in UTF-8, UTF-16 or GB18030/GBK; it could not be decoded.');
}
