import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAILURE_CLASSES } from '../../../electron/core/bundle/bundle-types';
import { BUNDLE_EXIT } from '../../../electron/cli/cli-io';
import { locales } from '../../../renderer/locales';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const sources = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');

function lookup(lng: 'ja' | 'en', key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], locales[lng]);
}

const code = sources('electron') + sources('renderer/src');
const bundleCode = sources('electron/core/bundle');

describe('bundle messages', () => {
  it('exist in both languages for every bundle.* key the code names', () => {
    const keys = new Set([...code.matchAll(/'(bundle\.[A-Za-z_.]+[A-Za-z_])'/g)].map((m) => m[1]!).filter((k) => k !== 'bundle.zip'));
    expect(keys.size).toBeGreaterThan(100);
    const missing = [...keys].filter((k) => typeof lookup('ja', k) !== 'string' || typeof lookup('en', k) !== 'string');
    expect(missing).toEqual([]);
  });

  it('name every failure class, and every reason verification can give, in both languages', () => {
    const reasons = new Set([
      ...[...bundleCode.matchAll(/reason: '([A-Za-z_]+)'/g)].map((m) => m[1]!),
      // too_many_entries is reported as size_limit's tooManyEntries.
      ...[...bundleCode.matchAll(/new ZipFormatError\('([a-z_]+)'/g)].map((m) => m[1]!).filter((r) => r !== 'too_many_entries'),
      ...[...bundleCode.matchAll(/broken\(file, [^,]+, '([A-Za-z]+)'\)/g)].map((m) => m[1]!),
      ...[...bundleCode.matchAll(/fail\('[a-z_]+', '([A-Za-z]+)'/g)].map((m) => m[1]!),
      ...[...bundleCode.matchAll(/(?:reason: |fail\('[a-z_]+', )[^,}]*\? '([A-Za-z]+)' : '([A-Za-z]+)'/g)].flatMap((m) => [m[1]!, m[2]!]),
    ]);
    expect(reasons.size).toBeGreaterThan(50);
    for (const lng of ['ja', 'en'] as const) {
      expect([...reasons].filter((r) => typeof lookup(lng, `bundle.reasons.${r}`) !== 'string'), lng).toEqual([]);
      expect(FAILURE_CLASSES.filter((c) => typeof lookup(lng, `bundle.classes.${c}`) !== 'string'), lng).toEqual([]);
    }
  });

  it('give each failure class its own CLI exit code, none shared with the general codes', () => {
    const codes = FAILURE_CLASSES.map((c) => BUNDLE_EXIT[c]);
    expect(new Set(codes).size).toBe(FAILURE_CLASSES.length);
    expect(codes.every((n) => n >= 10 && n < 126)).toBe(true);
  });
});
