import type { MatchConfidence } from './advisory-types';

/**
 * Does a device's 型式 (model) or name name an advisory's product? The
 * levels follow the OASIS SBOM-matching guidance, best first:
 *
 * - exact: the text equals the product name, or the name without generic
 *   words (Series, シリーズ, module, unit, firmware…), after NFKC and trimming;
 * - case_insensitive: the same but for case;
 * - ignoring_dashes: the same but for case, spaces, dashes, dots, slashes;
 * - model_number: the device's model fits one of the product's
 *   model_numbers, where `*` is any run of characters and `?` one character
 *   (compared without case, and again without dashes and spaces);
 * - name_only: the product name without generic words appears in the device's
 *   model or name as whole words ("EDR-810" in "EDR-810-2GSFP", not in
 *   "EDR-8100"), and is at least three letters or digits long.
 *
 * A product index is built once per maker for a match run: equality is a
 * map lookup, model-number patterns are grouped by their first literal
 * characters (and matched by a glob loop, not compiled to regular
 * expressions: tens of thousands of patterns, most never tried), names by
 * their rarest word; what one model or name text hits is worked out once per
 * run, so a device is compared only with the products it could match, and a
 * model the site repeats costs one lookup.
 */

export const CONFIDENCE_RANK: Record<MatchConfidence, number> = {
  exact: 0,
  case_insensitive: 1,
  ignoring_dashes: 2,
  model_number: 3,
  name_only: 4,
};

const GENERIC = new Set(['series', 'シリーズ', 'family', 'firmware', 'ファームウェア', 'software', 'ソフトウェア', 'module', 'modules', 'unit', 'units', 'product', 'products']);
const SEPARATORS = /[\s\-_./\\:,+()]+/g;

const tidy = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();
const fold = (text: string) => tidy(text).toLowerCase();
const dashless = (folded: string) => folded.replace(SEPARATORS, '');
const spaced = (folded: string) => folded.replace(SEPARATORS, ' ').trim();
const withoutGeneric = (folded: string) =>
  spaced(folded)
    .split(' ')
    .filter((w) => !GENERIC.has(w))
    .join(' ');

export interface ProductEntry<T> {
  /** The product's name (product_name branch, or full_name without vendor and version). */
  name: string;
  modelNumbers: readonly string[];
  value: T;
}

interface Compiled<T> {
  entry: ProductEntry<T>;
  /** One or two forms each (the name, and the name without generic words). */
  exact: string[];
  folded: string[];
  dashless: string[];
  core: string;
}

interface ModelPattern<T> {
  /** Folded, and folded without dashes and spaces. */
  exact: string;
  loose: string;
  product: Compiled<T>;
}

type Hits<T> = readonly ProductHit<T>[];

export interface DeviceNames {
  model: string;
  name: string;
}

export interface ProductHit<T> {
  value: T;
  confidence: MatchConfidence;
}

/** `*` any run of characters, `?` one character; everything else itself. */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && (c === 0x3f || c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (p < pattern.length && c === 0x2a) {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === 0x2a) p++;
  return p === pattern.length;
}

const literalHead = (model: string) => dashless(fold(model)).split(/[*?]/)[0]!.slice(0, 2);

/** Every product of one maker, compiled for matching devices against them. */
export class ProductIndex<T> {
  private readonly byForm = new Map<string, Compiled<T>[]>();
  private readonly byHead = new Map<string, ModelPattern<T>[]>();
  private readonly byWord = new Map<string, Compiled<T>[]>();
  private readonly textHits = new Map<string, Hits<T>>();
  private readonly modelHits = new Map<string, Hits<T>>();
  private readonly merged = new Map<string, ProductHit<T>[]>();

  constructor(entries: Iterable<ProductEntry<T>>) {
    const named: Compiled<T>[] = [];
    for (const entry of entries) {
      const names = [tidy(entry.name)];
      const folded = fold(entry.name);
      const core = withoutGeneric(folded);
      if (core && core !== spaced(folded)) names.push(core);
      const compiled: Compiled<T> = {
        entry,
        exact: names,
        folded: names.map((n) => n.toLowerCase()),
        dashless: [...new Set(names.map((n) => dashless(n.toLowerCase())).filter((n) => n.length > 0))],
        core: dashless(core).length >= 3 ? core : '',
      };
      for (const form of compiled.dashless) push(this.byForm, form, compiled);
      for (const model of entry.modelNumbers) {
        const exact = fold(model);
        if (!exact) continue;
        const head = literalHead(model);
        push(this.byHead, head.length === 2 ? head : '', { exact, loose: dashless(exact), product: compiled });
      }
      if (compiled.core) named.push(compiled);
    }
    // A name is looked up by its rarest word: every word of it must be in the device's text anyway.
    const frequency = new Map<string, number>();
    for (const product of named) for (const word of new Set(product.core.split(' '))) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    for (const product of named) {
      const words = product.core.split(' ');
      const rarest = words.reduce((a, b) => (frequency.get(b)! < frequency.get(a)! ? b : a));
      push(this.byWord, rarest, product);
    }
  }

  /**
   * Each product the device names, with the best level it reached. When only
   * one of model number, model text and name names anything, its cached array
   * is returned as it is: callers may key their own work on its identity.
   */
  match(device: DeviceNames): readonly ProductHit<T>[] {
    const lists = [this.nameHits(device.model), device.name === device.model ? [] : this.nameHits(device.name), this.modelNumberHits(device.model)].filter((l) => l.length > 0);
    if (lists.length <= 1) return lists[0] ?? [];
    const key = `${device.model}\u0000${device.name}`;
    let merged = this.merged.get(key);
    if (!merged) {
      const best = new Map<T, ProductHit<T>>();
      for (const hit of lists.flat()) {
        const had = best.get(hit.value);
        if (!had || CONFIDENCE_RANK[hit.confidence] < CONFIDENCE_RANK[had.confidence]) best.set(hit.value, hit);
      }
      merged = [...best.values()];
      this.merged.set(key, merged);
    }
    return merged;
  }

  /** Equality at three levels, and the name inside the text as whole words. */
  private nameHits(text: string): Hits<T> {
    let hits = this.textHits.get(text);
    if (hits) return hits;
    const found = new Map<Compiled<T>, MatchConfidence>();
    const offer = (product: Compiled<T>, confidence: MatchConfidence) => {
      const had = found.get(product);
      if (!had || CONFIDENCE_RANK[confidence] < CONFIDENCE_RANK[had]) found.set(product, confidence);
    };
    const exact = tidy(text);
    if (exact) {
      const folded = exact.toLowerCase();
      for (const product of this.byForm.get(dashless(folded)) ?? []) {
        offer(product, product.exact.includes(exact) ? 'exact' : product.folded.includes(folded) ? 'case_insensitive' : 'ignoring_dashes');
      }
      const words = spaced(folded);
      const padded = ` ${words} `;
      for (const word of new Set(words.split(' '))) {
        for (const product of this.byWord.get(word) ?? []) {
          if (padded.includes(` ${product.core} `)) offer(product, 'name_only');
        }
      }
    }
    hits = [...found].map(([product, confidence]) => ({ value: product.entry.value, confidence }));
    this.textHits.set(text, hits);
    return hits;
  }

  private modelNumberHits(text: string): Hits<T> {
    let hits = this.modelHits.get(text);
    if (hits) return hits;
    const found = new Set<Compiled<T>>();
    const model = fold(text);
    if (model) {
      const squeezed = dashless(model);
      for (const bucket of [this.byHead.get(squeezed.slice(0, 2)), this.byHead.get('')]) {
        for (const candidate of bucket ?? []) {
          if (globMatch(candidate.exact, model) || globMatch(candidate.loose, squeezed)) found.add(candidate.product);
        }
      }
    }
    hits = [...found].map((product) => ({ value: product.entry.value, confidence: 'model_number' as const }));
    this.modelHits.set(text, hits);
    return hits;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
