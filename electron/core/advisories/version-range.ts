/**
 * Is a device's version inside an advisory's range? (8-4, issue 13)
 *
 * Written by hand, on purpose. `semver` parses neither `1.063R` nor
 * `R6.05.00` nor `V4.0.15.0`; the `vers` reference implementation (univers)
 * is Python, and npm has no port of it (the `vers` package there is an
 * unrelated data-model library); CISA's ranges are half free text anyway.
 * The input is a short string already inside a validated document, so a
 * small, total evaluator with property tests is the safer choice.
 *
 * Versions compare segment by segment after NFKC (full-width digits fold)
 * and after a leading `Ver.`/`Ver`/`Version`/`Rev.`/`FW`/`v`/`V`/`R` is dropped:
 * digit runs numerically (`1.050C` < `1.063R`; `4.0.12` = `4.0.12.0`),
 * letter runs case-insensitively and as suffixes (`1.063` < `1.063R` <
 * `1.063S`). A number met where the other version has letters is not
 * guessed at: the answer is 'unknown', as for any text that is not a
 * version. Scheme-specific orders (semver pre-releases, Debian epochs) are
 * not modelled; OT firmware does not use them.
 *
 * Ranges: `vers:<scheme>/<constraints>` with `=`, `!=`, `<`, `<=`, `>`,
 * `>=`, `|` and `*` (evaluated as the vers spec's containment algorithm,
 * after its simplification of redundant bounds), and the free-text forms
 * advisories use: `<= 1.063R`, `>= R5.01.00 | <= R6.06.00`, `>=12|<=68`,
 * notes in parentheses dropped, `vers:` inside other text, `all versions`,
 * `prior to 2.3`, `before 2.3`, `2.0 and prior`, `2.0 and later`,
 * `V1.0 to V2.3`, `1.0 - 2.3`, `1.0～2.3`, `2.0以前`/`以降`/`未満`/`以下`/`以上`,
 * and a bare version (that version only). Anything else is 'unknown', and
 * so is a text over 500 characters or a version over 100.
 */

export type Segment = number | bigint | string;
export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export interface Constraint {
  op: Operator;
  version: Segment[];
}
export type VersionRange = { kind: 'all' } | { kind: 'constraints'; constraints: Constraint[] };
export type RangeVerdict = 'in' | 'out' | 'unknown';

const LABEL = /^(?:firmware|version|ver\.?|rev\.?|fw\.?|v\.?|r)\s*(?=\d)/i;
const VERSION_TEXT = /^[0-9a-z]+(?:[._+\-][0-9a-z]+)*$/i;
const NOTES = /\([^()]*\)/g;
const MAX_RANGE_TEXT = 500;

/** A version's segments, or null when the text is not a version. */
export function parseVersion(text: string): Segment[] | null {
  const trimmed = text.normalize('NFKC').replace(NOTES, ' ').trim();
  const bare = trimmed.replace(LABEL, '');
  if (bare.length === 0 || bare.length > 100 || !VERSION_TEXT.test(bare)) return null;
  const segments: Segment[] = [];
  for (const run of bare.toLowerCase().matchAll(/\d+|[a-z]+/g)) {
    const part = run[0];
    if (/^\d/.test(part)) {
      const digits = part.replace(/^0+(?=\d)/, '');
      segments.push(digits.length <= 15 ? Number(digits) : BigInt(digits));
    } else {
      segments.push(part);
    }
  }
  return segments;
}

function isZero(segment: Segment): boolean {
  return segment === 0 || segment === 0n;
}

/** -1, 0 or 1; null when the two cannot be ordered (a number where the other has letters). */
export function compareVersions(a: readonly Segment[], b: readonly Segment[]): -1 | 0 | 1 | null {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xText = typeof x === 'string';
    if (xText !== (typeof y === 'string')) return null;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  // The longer one is later unless all it adds is zeros (4.0.12 = 4.0.12.0); letters are suffixes.
  const rest = a.length > b.length ? a.slice(shared) : b.slice(shared);
  if (rest.every(isZero)) return 0;
  return a.length > b.length ? 1 : -1;
}

const OPERATOR = /^(>=|<=|!=|=>|=<|<|>|==?)\s*(.*)$/;
const NORMAL_OP: Record<string, Operator> = { '>=': '>=', '=>': '>=', '<=': '<=', '=<': '<=', '!=': '!=', '<': '<', '>': '>', '=': '=', '==': '=' };

function constraint(text: string): Constraint | null {
  const m = OPERATOR.exec(text.trim());
  const op = m ? NORMAL_OP[m[1]!]! : '=';
  const version = parseVersion(m ? m[2]! : text);
  return version ? { op, version } : null;
}

function constraints(parts: readonly string[], ops?: readonly Operator[]): VersionRange | null {
  const list: Constraint[] = [];
  for (const [i, part] of parts.entries()) {
    const op = ops?.[i];
    const version = op ? parseVersion(part) : null;
    const c = op ? (version ? { op, version } : null) : constraint(part);
    if (!c) return null;
    list.push(c);
  }
  return list.length ? { kind: 'constraints', constraints: list } : null;
}

const ALL = /^(?:\*|all|any|all versions?|any versions?|all releases|all firmware versions?|全バージョン|全て|すべて|全ての?バージョン|すべての?バージョン)$/;
const LEAD_WORDS = /^(?:all\s+)?(?:(?:firmware|software)\s+)?(?:versions?\s+)?/;
const BEFORE = /^(?:prior to|before|earlier than|older than|lower than|below)\s+(.+)$/;
const AT_MOST = /^(.+?)\s+(?:and|or)\s+(?:prior|earlier|older|before|below|lower)(?:\s+versions?)?$/;
const AT_LEAST = /^(.+?)\s+(?:and|or)\s+(?:later|after|newer|above|higher)(?:\s+versions?)?$/;
const BETWEEN = /^(?:from\s+|between\s+)?(.+?)\s*(?:\s(?:to|through|thru|and)\s|\s-\s|~|〜)\s*(.+)$/;
const JAPANESE: readonly [RegExp, Operator][] = [
  [/^(.+?)\s*(?:以前|以下)$/, '<='],
  [/^(.+?)\s*(?:以降|以上)$/, '>='],
  [/^(.+?)\s*未満$/, '<'],
];

/** The range a text states, or null when it cannot be read (shown as written, decided by a person). */
export function parseRange(text: string): VersionRange | null {
  // Real ranges are short; a longer text is not read (and never reaches the patterns below).
  if (text.length > MAX_RANGE_TEXT) return null;
  let t = text.normalize('NFKC').replace(NOTES, ' ').replace(/\s+/g, ' ').trim();
  const vers = /vers:([a-z0-9.+\-]+)\/(.*)$/i.exec(t);
  if (vers) {
    const body = vers[2]!.replace(/\s+/g, '');
    if (body === '*') return { kind: 'all' };
    return constraints(body.split('|'));
  }
  t = t.toLowerCase();
  if (ALL.test(t)) return { kind: 'all' };
  if (/[<>=]/.test(t)) return constraints(t.split(/\s*(?:\|\|?|,|\band\b)\s*/).filter((p) => p.length > 0));
  for (const [pattern, op] of JAPANESE) {
    const m = pattern.exec(t);
    if (m) return constraints([m[1]!], [op]);
  }
  const words = t.replace(LEAD_WORDS, '');
  let m = BEFORE.exec(words);
  if (m) return constraints([m[1]!], ['<']);
  m = AT_MOST.exec(words);
  if (m) return constraints([m[1]!], ['<=']);
  m = AT_LEAST.exec(words);
  if (m) return constraints([m[1]!], ['>=']);
  m = BETWEEN.exec(words);
  if (m) return constraints([m[1]!, m[2]!], ['>=', '<=']);
  return constraints([t], ['=']);
}

function satisfies(version: readonly Segment[], c: Constraint): boolean | null {
  const order = compareVersions(version, c.version);
  if (order === null) return null;
  switch (c.op) {
    case '=': return order === 0;
    case '!=': return order !== 0;
    case '<': return order < 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    case '>=': return order >= 0;
  }
}

const isLower = (op: Operator) => op === '>' || op === '>=';
const isUpper = (op: Operator) => op === '<' || op === '<=';

interface Prepared {
  equals: Constraint[];
  /** Sorted and simplified; null when two of them cannot be ordered. */
  bounds: Constraint[] | null;
}

// A range is prepared once (a match run tests one range against thousands of versions).
const prepared = new WeakMap<VersionRange, Prepared>();

function prepare(range: Extract<VersionRange, { kind: 'constraints' }>): Prepared {
  let hit = prepared.get(range);
  if (hit) return hit;
  const equals = range.constraints.filter((c) => c.op === '=' || c.op === '!=');
  const bounds = range.constraints.filter((c) => isLower(c.op) || isUpper(c.op));
  let unordered = false;
  bounds.sort((a, b) => {
    const order = compareVersions(a.version, b.version);
    if (order === null) unordered = true;
    return order ?? 0;
  });
  // The spec's simplification: of consecutive lower bounds keep the first, of consecutive upper bounds the last.
  const simple = bounds.filter((c, i) => {
    const prev = bounds[i - 1];
    const next = bounds[i + 1];
    return isLower(c.op) ? !(prev && isLower(prev.op)) : !(next && isUpper(next.op));
  });
  hit = { equals, bounds: unordered ? null : simple };
  prepared.set(range, hit);
  return hit;
}

/** The vers spec's containment algorithm; 'unknown' when two versions cannot be ordered. */
export function rangeContains(range: VersionRange, version: readonly Segment[]): RangeVerdict {
  if (range.kind === 'all') return 'in';
  const { equals, bounds: simple } = prepare(range);
  for (const c of equals) {
    const order = compareVersions(version, c.version);
    if (order === null) return 'unknown';
    if (order === 0) return c.op === '=' ? 'in' : 'out';
  }
  if (simple === null) return 'unknown';
  if (simple.length === 0) return equals.length > 0 && equals.every((c) => c.op === '!=') ? 'in' : 'out';
  const test = (c: Constraint) => satisfies(version, c);
  if (simple.length === 1) return verdict(test(simple[0]!));
  for (let i = 0; i + 1 < simple.length; i++) {
    const current = simple[i]!;
    const next = simple[i + 1]!;
    if (i === 0 && isUpper(current.op)) {
      const r = test(current);
      if (r !== false) return verdict(r);
    }
    if (i + 2 === simple.length && isLower(next.op)) {
      const r = test(next);
      if (r !== false) return verdict(r);
    }
    if (isLower(current.op) && isUpper(next.op)) {
      const low = test(current);
      const high = test(next);
      if (low === null || high === null) return 'unknown';
      if (low && high) return 'in';
    }
  }
  return 'out';
}

function verdict(result: boolean | null): RangeVerdict {
  return result === null ? 'unknown' : result ? 'in' : 'out';
}

/** A range text against a version text, each as written. */
export function versionInRange(rangeText: string, versionText: string): RangeVerdict {
  const range = parseRange(rangeText);
  const version = parseVersion(versionText);
  if (!range || !version) return 'unknown';
  return rangeContains(range, version);
}
