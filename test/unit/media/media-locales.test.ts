import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../../renderer/locales';
import { DECISIONS, EXCEPTION_COVERS, LOG_KINDS, MEDIUM_STATUSES, MEDIUM_TYPES, SCAN_ERROR_REASONS, SCAN_METHODS, SCAN_RESULTS, SCANNER_STATES } from '../../../electron/core/media/media-schema';
import { EXPORT_COLUMNS } from '../../../electron/core/media/log-export';
import type { LogFindingProblem } from '../../../electron/core/media/media-types';
import type { UsedDefinitions } from '../../../electron/core/definitions/definitions-types';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('media messages', () => {
  it('every literal media.* key in the backend and the screens exists in Japanese and English', () => {
    const files = [
      ...filesUnder(path.join(ROOT, 'electron'), /\.ts$/),
      ...filesUnder(path.join(ROOT, 'renderer', 'src'), /\.tsx?$/),
    ];
    const keys = new Set<string>();
    for (const f of files) for (const m of fs.readFileSync(f, 'utf8').matchAll(/['"`](media\.[A-Za-z]+(?:\.[A-Za-z]+)+)['"`]/g)) keys.add(m[1]!);
    expect(keys.size).toBeGreaterThan(100);
    const missing = [...keys].filter((k) => typeof lookup(locales.ja, k) !== 'string' || typeof lookup(locales.en, k) !== 'string');
    expect(missing).toEqual([]);
  });

  it('every value the log can hold has a label', () => {
    const groups: [string, readonly string[]][] = [
      ['types', MEDIUM_TYPES], ['statuses', MEDIUM_STATUSES], ['methods', SCAN_METHODS], ['results', SCAN_RESULTS],
      ['decisions', DECISIONS], ['kinds', LOG_KINDS], ['export.columns', EXPORT_COLUMNS],
      ['verify.problems', ['hash_mismatch', 'prev_mismatch', 'missing_entries', 'out_of_order', 'head_mismatch', 'head_missing']],
      ['scanErrors', SCAN_ERROR_REASONS], ['scannerStatus.states', SCANNER_STATES],
      ['exceptionCovers', EXCEPTION_COVERS], ['definitionsSources', ['store', 'configured', 'scanner_default', 'defender'] satisfies UsedDefinitions['source'][]],
      ['verify.findings', ['definitions_stale_mismatch', 'exception_covers_mismatch'] satisfies LogFindingProblem[]],
    ];
    for (const [group, values] of groups) {
      for (const v of values) for (const lng of ['ja', 'en'] as const) expect(typeof lookup(locales[lng], `media.${group}.${v}`), `${lng} media.${group}.${v}`).toBe('string');
    }
  });

  it('the export headers are the inspector’s columns, in order', () => {
    expect(EXPORT_COLUMNS.slice(0, 14).map((c) => lookup(locales.ja, `media.export.columns.${c}`))).toEqual([
      '日時', '媒体管理番号', '種別', '持込者', '所属', '目的', '接続先機器', '検査方法', 'ツール', '定義バージョン', '結果', '判定', '承認者', '例外理由',
    ]);
  });
});
