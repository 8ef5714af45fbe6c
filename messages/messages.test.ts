import { describe, expect, it } from 'vitest';
import en from './en';
import fr from './fr';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]!).sort();
}

describe('messages', () => {
  it('has every English string in French and nothing more', () => {
    expect(keysOf(fr).sort()).toEqual(keysOf(en).sort());
  });

  it('uses the same placeholders in both languages, and no empty string', () => {
    const get = (messages: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string;
    for (const key of keysOf(en)) {
      const english = get(en, key);
      const french = get(fr, key);
      expect(english.trim(), key).not.toBe('');
      expect(french.trim(), key).not.toBe('');
      expect(placeholdersOf(french), key).toEqual(placeholdersOf(english));
    }
  });
});

describe('message files', () => {
  it('has one namespace file per language for each namespace', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const list = (locale: string) =>
      fs.readdirSync(path.join(import.meta.dirname, locale)).filter((f) => f.endsWith('.json')).sort();
    expect(list('fr')).toEqual(list('en'));
    expect(Object.keys(en).sort()).toEqual(list('en').map((f) => f.replace(/\.json$/, '')).sort());
  });
});
