import { z } from 'zod';

/**
 * The maker alias table (resources/advisories/maker-aliases.json, newer
 * versions carried in by bundles): which names are one maker. Inventories
 * write 三菱電機株式会社 or ｵﾑﾛﾝ; advisories write "Mitsubishi Electric
 * Corporation" or " Mitsubishi Electric India". Both sides go through
 * makerKey() and meet on the maker's key.
 *
 * A name is compared as its *compact form*: NFKC (half-width katakana and
 * full-width letters fold), lower case, the table's Japanese company forms
 * (株式会社, (株)…) removed at either end, a trailing note in parentheses
 * dropped, trailing company suffix words (Corporation, Co., Ltd., GmbH, AG…)
 * removed while another word is left, then spaces, dots, commas, dashes,
 * underscores, apostrophes and middle dots removed.
 *
 * Regional subsidiaries: a known name followed by whole region words
 * ("Mitsubishi Electric Europe B.V."), or, in Japanese, followed by a region
 * word or preceded by a regional prefix (シーメンスジャパン, 日本シーメンス),
 * is that maker. Latin region words must be whole words, so "GE" never takes
 * "General …" or "GE Healthcare". A name the table does not know is its own
 * maker, keyed `~<compact form>`, so an unlisted maker still meets itself.
 */

export const MAKER_ALIAS_SCHEMA_VERSION = 1;

const text = z.string().trim().min(1).max(200);

export const makerAliasTableSchema = z
  .object({
    schemaVersion: z.literal(MAKER_ALIAS_SCHEMA_VERSION),
    /** Increases with every published table; the highest one installed is used. */
    version: z.number().int().positive(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    notes: z.array(z.string().max(2000)).max(50).default([]),
    companyForms: z.array(text).max(100),
    companySuffixes: z.array(text).max(200),
    regionWords: z.array(text).max(500),
    regionalPrefixes: z.array(text).max(50),
    makers: z
      .array(
        z.strictObject({
          key: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80),
          name: z.strictObject({ ja: text, en: text }),
          aliases: z.array(text).min(1).max(200),
          related: z.array(z.string()).max(20).optional(),
        }),
      )
      .min(1)
      .max(5000),
  })
  .strict()
  .superRefine((table, ctx) => {
    const keys = new Set<string>();
    for (const [i, maker] of table.makers.entries()) {
      if (keys.has(maker.key)) ctx.addIssue({ code: 'custom', path: ['makers', i, 'key'], message: `duplicate maker key ${maker.key}` });
      keys.add(maker.key);
    }
    const owner = new Map<string, string>();
    for (const [i, maker] of table.makers.entries()) {
      for (const related of maker.related ?? []) {
        if (!keys.has(related)) ctx.addIssue({ code: 'custom', path: ['makers', i, 'related'], message: `unknown maker ${related}` });
      }
      for (const alias of maker.aliases) {
        const compact = compactName(alias, table);
        const other = owner.get(compact);
        if (!compact) ctx.addIssue({ code: 'custom', path: ['makers', i, 'aliases'], message: `alias ${alias} is only a company form` });
        else if (other && other !== maker.key) {
          ctx.addIssue({ code: 'custom', path: ['makers', i, 'aliases'], message: `alias ${alias} is also ${other}'s` });
        }
        owner.set(compact, maker.key);
      }
    }
  });

export type MakerAliasTable = z.infer<typeof makerAliasTableSchema>;
type Rules = Pick<MakerAliasTable, 'companyForms' | 'companySuffixes'>;

const SPACES = /[\s\u3000]+/g;
const IGNORED = /[\s.,\-_'’・･·]/g;

function words(name: string, rules: Rules): string[] {
  let s = name.normalize('NFKC').toLowerCase().replace(SPACES, ' ').trim().replace(/^["']+|["']+$/g, '').trim();
  const forms = rules.companyForms.map((f) => f.normalize('NFKC').toLowerCase());
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of forms) {
      if (s.startsWith(form)) (s = s.slice(form.length).trim()), (changed = true);
      if (s.endsWith(form)) (s = s.slice(0, -form.length).trim()), (changed = true);
    }
    const noted = s.replace(/\s*\([^()]*\)$/, '').trim();
    if (noted !== s && noted.length > 0) (s = noted), (changed = true);
  }
  const suffixes = new Set(rules.companySuffixes.map((w) => w.toLowerCase().replace(/\./g, '')));
  const list = s.split(/[\s,]+/).filter((w) => w.length > 0);
  while (list.length > 1 && suffixes.has(list[list.length - 1]!.replace(/[.,]/g, ''))) list.pop();
  return list;
}

const compact = (parts: readonly string[]) => parts.join('').replace(IGNORED, '');

/** The name as compared: see the header. '' when nothing is left. */
export function compactName(name: string, rules: Rules): string {
  return compact(words(name, rules));
}

export interface MakerIdentity {
  /** The table's maker key, or `~<compact form>` for a maker it does not list. */
  key: string;
  known: boolean;
}

export interface MakerResolver {
  readonly version: number;
  /** null for a blank name: no maker, nothing matched. */
  makerKey(name: string): MakerIdentity | null;
  /** The maker's key and its related makers' keys: whose advisories a device of this maker meets. */
  candidateKeys(key: string): readonly string[];
}

/** Compiles a validated table into a resolver; names are resolved once each and remembered. */
export function makerResolver(table: MakerAliasTable): MakerResolver {
  const byAlias = new Map<string, string>();
  for (const maker of table.makers) for (const alias of maker.aliases) byAlias.set(compactName(alias, table), maker.key);
  const related = new Map(table.makers.map((m) => [m.key, [m.key, ...(m.related ?? [])]]));
  const latinRegions = table.regionWords.filter((w) => /^[\x20-\x7e]+$/.test(w)).map((w) => w.toLowerCase().split(' '));
  const otherRegions = table.regionWords.filter((w) => !/^[\x20-\x7e]+$/.test(w)).map((w) => compact([w.normalize('NFKC')]));
  const prefixes = table.regionalPrefixes.map((p) => compact([p.normalize('NFKC')]));
  const cache = new Map<string, MakerIdentity | null>();

  const japanese = (key: string): string | undefined => {
    for (const prefix of ['', ...prefixes]) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      if (prefix && byAlias.has(rest)) return byAlias.get(rest);
      for (const region of otherRegions) {
        if (rest.length > region.length && rest.endsWith(region)) {
          const maker = byAlias.get(rest.slice(0, -region.length));
          if (maker) return maker;
        }
      }
    }
    return undefined;
  };

  const regional = (list: string[]): string | undefined => {
    const rest = [...list];
    for (;;) {
      const region = latinRegions.find((r) => r.length < rest.length && r.every((w, i) => rest[rest.length - r.length + i] === w));
      if (!region) return undefined;
      rest.splice(rest.length - region.length);
      const stripped = words(rest.join(' '), table);
      const maker = byAlias.get(compact(stripped));
      if (maker) return maker;
    }
  };

  const resolve = (name: string): MakerIdentity | null => {
    const list = words(name, table);
    const key = compact(list);
    if (!key) return null;
    const maker = byAlias.get(key) ?? regional(list) ?? japanese(key);
    return maker ? { key: maker, known: true } : { key: `~${key}`, known: false };
  };

  return {
    version: table.version,
    makerKey(name) {
      let hit = cache.get(name);
      if (hit === undefined && !cache.has(name)) {
        hit = resolve(name);
        if (cache.size > 100_000) cache.clear();
        cache.set(name, hit);
      }
      return hit ?? null;
    },
    candidateKeys(key) {
      return related.get(key) ?? [key];
    },
  };
}
