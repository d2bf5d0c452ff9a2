// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { languageFromBrowser } from './index.js';

/** Every leaf as [dotted key, text]. */
function leaves(catalogue: object, prefix = ''): Array<[string, string]> {
  return Object.entries(catalogue).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value as object, `${prefix}${key}.`),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  const english = new Map(leaves(en));
  const german = new Map(leaves(de));

  it('German has exactly the keys of English', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(200);
  });

  it('no text is empty in either language', () => {
    const empty = [...english, ...german].filter(([, text]) => !text.trim()).map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('German uses the same interpolation placeholders as English', () => {
    const mismatched = [...english]
      .filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(german.get(key) ?? '')))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('plural keys come in pairs (_one and _other) in both languages', () => {
    for (const catalogue of [english, german]) {
      const unpaired = [...catalogue.keys()].filter((key) => key.endsWith('_one') && !catalogue.has(key.replace(/_one$/, '_other')));
      expect(unpaired).toEqual([]);
    }
  });

  it('picks German for any de-* browser language before an English one, else English', () => {
    expect(languageFromBrowser(['de-AT', 'en'])).toBe('de');
    expect(languageFromBrowser(['de'])).toBe('de');
    expect(languageFromBrowser(['en-GB', 'de-DE'])).toBe('en');
    expect(languageFromBrowser(['fr-FR', 'de-CH'])).toBe('de');
    expect(languageFromBrowser(['fr-FR'])).toBe('en');
    expect(languageFromBrowser([])).toBe('en');
  });
});
