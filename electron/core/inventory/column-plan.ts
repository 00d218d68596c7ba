import { cellText, columnLetter, type RawCell } from './cell-text';
import { matchHeader, normaliseHeader } from './header-synonyms';
import type { ColumnMapping } from './inventory-schema';
import type { ColumnTarget, PreviewColumn } from './inventory-types';

export interface ColumnPlan {
  columns: PreviewColumn[];
  /** The key each `extra` column is stored under: its header, or its letter when it has none. */
  extraKeys: Map<number, string>;
}

/**
 * Decides where each column goes. The user's corrections win, then a saved
 * mapping, then the synonyms; a field claimed twice keeps its first column and
 * the other becomes an extra attribute. Unknown columns are kept as extra
 * attributes, never dropped.
 */
export function planColumns(
  headerCells: readonly RawCell[],
  profile?: Readonly<Record<string, ColumnTarget>>,
  user?: ColumnMapping,
): ColumnPlan {
  const width = Math.max(headerCells.length, ...(user ?? []).map((u) => u.index + 1));
  const headers = Array.from({ length: width }, (_, i) => cellText(headerCells[i]));
  const chosen = new Map<number, { target: ColumnTarget; source: PreviewColumn['source'] }>();
  const taken = new Set<ColumnTarget>();
  for (const u of user ?? []) {
    chosen.set(u.index, { target: u.target, source: 'user' });
    taken.add(u.target);
  }
  headers.forEach((header, index) => {
    if (chosen.has(index)) return;
    const fromProfile = header ? profile?.[normaliseHeader(header)] : undefined;
    const fromSynonym = header ? matchHeader(header) : null;
    let choice: { target: ColumnTarget; source: PreviewColumn['source'] } = { target: 'extra', source: 'none' };
    if (fromProfile) choice = { target: fromProfile, source: 'profile' };
    else if (fromSynonym) choice = { target: fromSynonym, source: 'synonym' };
    if (choice.target !== 'extra' && choice.target !== 'ignore' && taken.has(choice.target)) {
      choice = { target: 'extra', source: 'none' };
    }
    taken.add(choice.target);
    chosen.set(index, choice);
  });

  const columns: PreviewColumn[] = headers.map((header, index) => ({
    index,
    letter: columnLetter(index),
    header,
    ...chosen.get(index)!,
  }));
  return { columns, extraKeys: extraKeysOf(columns) };
}

function extraKeysOf(columns: readonly PreviewColumn[]): Map<number, string> {
  const keys = new Map<number, string>();
  const used = new Set<string>();
  for (const c of columns) {
    if (c.target !== 'extra') continue;
    let key = c.header || c.letter;
    if (used.has(key)) key = `${key} (${c.letter})`;
    used.add(key);
    keys.set(c.index, key);
  }
  return keys;
}

/** The same headers in the same order: a file of the same shape. */
export function headerSignature(headerCells: readonly RawCell[]): string {
  const names = headerCells.map((c) => normaliseHeader(cellText(c)));
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  return names.join('\u001f');
}

/** A plan as a saved mapping: by normalised header, for headers that have text. */
export function mappingOf(columns: readonly PreviewColumn[]): Record<string, ColumnTarget> {
  const mapping: Record<string, ColumnTarget> = {};
  for (const c of columns) {
    const key = normaliseHeader(c.header);
    if (key && !(key in mapping)) mapping[key] = c.target;
  }
  return mapping;
}
