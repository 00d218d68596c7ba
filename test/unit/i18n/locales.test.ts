import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../../renderer/locales';
import { findUntranslatedText } from './untranslated-jsx';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

const ja = flatten(locales.ja);
const en = flatten(locales.en);

describe('locale catalogues', () => {
  it('have the same namespaces on disk as in the index, for both languages', () => {
    for (const lng of ['ja', 'en'] as const) {
      const onDisk = fs.readdirSync(path.join(ROOT, 'renderer', 'locales', lng)).map((f) => f.replace(/\.json$/, '')).sort();
      expect(Object.keys(locales[lng]).sort()).toEqual(onDisk);
    }
  });

  it('carry exactly the same keys in Japanese and English', () => {
    const onlyJa = [...ja.keys()].filter((k) => !en.has(k));
    const onlyEn = [...en.keys()].filter((k) => !ja.has(k));
    expect({ onlyJa, onlyEn }).toEqual({ onlyJa: [], onlyEn: [] });
  });

  it('use the same placeholders in both languages, and no empty text', () => {
    for (const [key, text] of ja) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(en.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('translate every message key the backend can send', () => {
    const keys = new Set<string>();
    for (const file of filesUnder(path.join(ROOT, 'electron'), /\.ts$/)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/'((?:errors|classification|definitions\.errors)\.[A-Za-z.]+)'/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(20);
    const missing = [...keys].filter((k) => !ja.has(k) || !en.has(k));
    expect(missing).toEqual([]);
  });
});

describe('renderer JSX', () => {
  it('holds no hard-coded user-facing text', () => {
    const files = filesUnder(path.join(ROOT, 'renderer', 'src'), /\.tsx$/);
    expect(files.length).toBeGreaterThan(5);
    const findings = files.flatMap((file) =>
      findUntranslatedText(file, fs.readFileSync(file, 'utf8')).map((f) => `${path.relative(ROOT, file)}:${f.line} ${f.text}`),
    );
    expect(findings).toEqual([]);
  });

  it('the check catches hard-coded text in elements and attributes', () => {
    const sample = `export const A = () => (
      <div title="保存">
        {t('ok')}
        <span>事業場</span>
        <input placeholder={'Name'} aria-label={t('x')} />
      </div>
    );`;
    expect(findUntranslatedText('sample.tsx', sample).map((f) => f.text)).toEqual(['保存', '事業場', 'Name']);
  });
});
