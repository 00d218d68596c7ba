import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const DOC = fs.readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8');

/** Every test title in a spec file: the string given to it(…), test(…) or it.skipIf(…)(…), escapes undone. */
function titlesIn(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const titles: string[] = [];
  for (const m of text.matchAll(/\b(?:it|test)(?:\.\w+(?:\([^()]*\))?)?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
    titles.push(m[2]!.replace(/\\(.)/g, '$1'));
  }
  return titles;
}

/** The threat tables' rows: threat, defence, and the tests that cover it. */
function rows(): { threat: string; refs: { file: string; title: string }[] }[] {
  return DOC.split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Threat |'))
    .map((line) => {
      const cells = line.split(' | ');
      const covered = cells[cells.length - 1]!.replace(/\s*\|$/, '');
      const refs = covered.split('; ').map((ref) => {
        const m = /^`([^`]+)` › (.+)$/.exec(ref.trim());
        return m ? { file: m[1]!, title: m[2]!.trim() } : { file: '', title: ref };
      });
      return { threat: cells[0]!.replace(/^\|\s*/, ''), refs };
    });
}

describe('SECURITY.md', () => {
  it('lists threats, each covered by at least one test', () => {
    const all = rows();
    expect(all.length).toBeGreaterThan(40);
    for (const row of all) expect(row.refs.length, row.threat).toBeGreaterThan(0);
  });

  it('names tests that exist: every `file` › title refers to a test whose title starts that way', () => {
    const missing: string[] = [];
    for (const row of rows()) {
      for (const ref of row.refs) {
        const file = path.join(ROOT, ref.file);
        if (!ref.file || !fs.existsSync(file)) {
          missing.push(`${row.threat}: no file for "${ref.file} › ${ref.title}"`);
          continue;
        }
        if (!titlesIn(file).some((t) => t.startsWith(ref.title))) missing.push(`${row.threat}: ${ref.file} has no test "${ref.title}…"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('covers every finding of the hardening issue (#10.1–#10.8) with at least one of its tagged tests', () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(DOC, `#10.${n}`).toMatch(new RegExp(`\\[#10\\.${n}[\\] ]`));
  });
});
