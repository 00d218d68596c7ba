import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/db/migrations';

const DIR = path.resolve(__dirname, '../../../electron/core/db/migrations');

describe('the migration list', () => {
  it('is strictly ascending, so a fresh database runs them in order', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('lists every numbered file once, under the version and name its file name says', () => {
    const files = fs
      .readdirSync(DIR)
      .filter((f) => /^\d{4}-.+\.ts$/.test(f))
      .sort();
    expect(files.map((f) => f.replace(/\.ts$/, ''))).toEqual(
      migrations.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`),
    );
  });
});
