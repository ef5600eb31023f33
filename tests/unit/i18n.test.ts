import { describe, expect, it } from 'vitest';
import { formatSize, initialLanguage, messages, rememberLanguage, translate, LANGUAGE_STORAGE_KEY } from '../../src/lib/i18n';

describe('i18n', () => {
  it('has the same keys in both languages, none empty', () => {
    const zh = Object.keys(messages.zh).sort();
    expect(Object.keys(messages.en).sort()).toEqual(zh);
    for (const lang of ['zh', 'en'] as const) for (const k of zh) expect(messages[lang][k as keyof typeof messages.zh].trim()).not.toBe('');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh', 'import.add', { n: 8 })).toBe('添加 8 篇稿件');
    expect(translate('en', 'import.add', { n: 8 })).toBe('Add 8 stories');
    expect(translate('en', 'import.add')).toBe('Add {n} stories');
  });

  it('remembers the choice, defaults to Chinese, and survives a throwing storage', () => {
    const map = new Map<string, string>();
    const store = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    expect(initialLanguage(store)).toBe('zh');
    rememberLanguage(store, 'en');
    expect(map.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(initialLanguage(store)).toBe('en');
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(initialLanguage(broken)).toBe('zh');
    expect(() => rememberLanguage(broken, 'en')).not.toThrow();
  });

  it('formats sizes', () => {
    expect(formatSize(20 * 1024 * 1024)).toBe('20.0 MB');
    expect(formatSize(256 * 1024)).toBe('256 KB');
  });
});
