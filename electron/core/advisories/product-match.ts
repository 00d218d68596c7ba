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
 * characters and compiled once, and names by their first word, so a device
 * is compared only with the products it could match.
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
  exact: Set<string>;
  folded: Set<string>;
  dashless: Set<string>;
  core: string;
}

interface ModelPattern<T> {
  regex: RegExp;
  loose: RegExp;
  product: Compiled<T>;
}

export interface DeviceNames {
  model: string;
  name: string;
}

export interface ProductHit<T> {
  value: T;
  confidence: MatchConfidence;
}

function pattern(model: string, squeeze: boolean): RegExp {
  let text = fold(model);
  if (squeeze) text = text.replace(/[\s\-_./]+/g, '');
  const source = text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'u');
}

const literalHead = (model: string) => dashless(fold(model)).split(/[*?]/)[0]!.slice(0, 2);

/** Every product of one maker, compiled for matching devices against them. */
export class ProductIndex<T> {
  private readonly byForm = new Map<string, Compiled<T>[]>();
  private readonly byHead = new Map<string, ModelPattern<T>[]>();
  private readonly byWord = new Map<string, Compiled<T>[]>();

  constructor(entries: Iterable<ProductEntry<T>>) {
    for (const entry of entries) {
      const names = [tidy(entry.name)];
      const folded = fold(entry.name);
      const core = withoutGeneric(folded);
      if (core && core !== spaced(folded)) names.push(core);
      const compiled: Compiled<T> = {
        entry,
        exact: new Set(names),
        folded: new Set(names.map((n) => n.toLowerCase())),
        dashless: new Set(names.map((n) => dashless(n.toLowerCase())).filter((n) => n.length > 0)),
        core: dashless(core).length >= 3 ? core : '',
      };
      for (const form of compiled.dashless) push(this.byForm, form, compiled);
      for (const model of entry.modelNumbers) {
        if (!fold(model)) continue;
        const head = literalHead(model);
        push(this.byHead, head.length === 2 ? head : '', { regex: pattern(model, false), loose: pattern(model, true), product: compiled });
      }
      if (compiled.core) push(this.byWord, compiled.core.split(' ')[0]!, compiled);
    }
  }

  /** Each product the device names, with the best level it reached. */
  match(device: DeviceNames): ProductHit<T>[] {
    const best = new Map<Compiled<T>, MatchConfidence>();
    const offer = (product: Compiled<T>, confidence: MatchConfidence) => {
      const had = best.get(product);
      if (!had || CONFIDENCE_RANK[confidence] < CONFIDENCE_RANK[had]) best.set(product, confidence);
    };
    for (const text of [device.model, device.name]) {
      const exact = tidy(text);
      if (!exact) continue;
      const folded = exact.toLowerCase();
      const squeezed = dashless(folded);
      for (const product of this.byForm.get(squeezed) ?? []) {
        offer(product, product.exact.has(exact) ? 'exact' : product.folded.has(folded) ? 'case_insensitive' : 'ignoring_dashes');
      }
      const words = spaced(folded);
      const padded = ` ${words} `;
      for (const word of new Set(words.split(' '))) {
        for (const product of this.byWord.get(word) ?? []) {
          if (padded.includes(` ${product.core} `)) offer(product, 'name_only');
        }
      }
    }
    const model = fold(device.model);
    if (model) {
      const squeezed = dashless(model);
      for (const candidate of [...(this.byHead.get(squeezed.slice(0, 2)) ?? []), ...(this.byHead.get('') ?? [])]) {
        if (candidate.regex.test(model) || candidate.loose.test(squeezed)) offer(candidate.product, 'model_number');
      }
    }
    return [...best].map(([product, confidence]) => ({ value: product.entry.value, confidence }));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
