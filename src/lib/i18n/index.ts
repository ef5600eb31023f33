// The message catalog (catalog.ts, zh.ts, en.ts) and the UI language's memory.
import type { Language } from '../model/edition';

export * from './catalog';

export const LANGUAGE_STORAGE_KEY = 'galley.uiLanguage';

/** The UI language remembered in localStorage, else Chinese (the newsroom's language). */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | null): Language {
  try {
    const saved = storage?.getItem(LANGUAGE_STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // localStorage may throw in sandboxed frames; the default will do.
  }
  return 'zh';
}

export function rememberLanguage(storage: Pick<Storage, 'setItem'> | null, lang: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Not remembering the choice is harmless.
  }
}

/** Byte sizes as a desk would read them: 1.5 MB, 320 KB. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
