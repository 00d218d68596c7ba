import { z } from 'zod';

export const LEVELS = ['kankoku', 'suisho'] as const;
/** 勧告 (must be implemented, 区分A only) or 推奨 (decide whether and how). */
export type Level = (typeof LEVELS)[number];

export const PROVENANCE_BASES = ['summary', 'official'] as const;

const id = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$/);
// Publisher data, parsed again from the database on every load: text-schema.ts's rules are not
// applied here, since refusing a character could make a stored catalogue unreadable.
const text = z.object({ ja: z.string().trim().min(1).max(4000), en: z.string().trim().min(1).max(4000) }).strict();

/**
 * A catalogue file: one framework (自家用GL, the 工場 guideline…) at one
 * revision. Data, never code: a newer file arrives on removable media.
 */
export const catalogueSchema = z
  .object({
    $schema: z.literal('hoan-catalogue/1'),
    framework: id,
    name: text,
    shortName: text,
    version: z.string().trim().min(1).max(64),
    /** Increases with every published version of a framework; the highest is in force. */
    revision: z.number().int().min(1),
    issuedAt: z.iso.date(),
    inForceFrom: z.iso.date().optional(),
    /** The publisher's own note on its sources, free text. */
    source: z.string().max(2000),
    /**
     * Where the items come from, said to the user where the catalogue is
     * chosen and on the report's cover: `summary` when they are summarised
     * from secondary sources rather than the regulator's own checklist.
     * Optional: catalogues written before it was added carry only `source`.
     */
    provenance: z.object({ basis: z.enum(PROVENANCE_BASES), note: text }).strict().optional(),
    levels: z.object({ note: z.string().max(1000) }).strict().optional(),
    chapters: z.array(z.object({ id, title: text }).strict()).min(1).max(100),
    articles: z
      .array(z.object({ id, chapter: id, title: text, levelA: z.enum(LEVELS).nullable() }).strict())
      .min(1)
      .max(500),
    exampleMeasures: z.array(z.object({ id, text }).strict()).max(500),
    items: z
      .array(
        z
          .object({
            id,
            article: id,
            title: text,
            text,
            levelA: z.enum(LEVELS),
            /** One item standing for a whole article whose items the sources do not spell out. */
            generic: z.boolean().optional(),
            exampleMeasures: z.array(id).max(50),
          })
          .strict(),
      )
      .min(1)
      .max(2000),
  })
  .strict()
  .superRefine((c, ctx) => {
    const unique = (list: { id: string }[], path: string) => {
      const seen = new Set<string>();
      list.forEach((entry, i) => {
        if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', message: 'errors.catalogue.duplicateId', path: [path, i, 'id'] });
        seen.add(entry.id);
      });
      return seen;
    };
    const chapters = unique(c.chapters, 'chapters');
    const articles = unique(c.articles, 'articles');
    const measures = unique(c.exampleMeasures, 'exampleMeasures');
    unique(c.items, 'items');
    c.articles.forEach((a, i) => {
      if (!chapters.has(a.chapter)) ctx.addIssue({ code: 'custom', message: 'errors.catalogue.unknownReference', path: ['articles', i, 'chapter'] });
    });
    c.items.forEach((item, i) => {
      if (!articles.has(item.article)) ctx.addIssue({ code: 'custom', message: 'errors.catalogue.unknownReference', path: ['items', i, 'article'] });
      item.exampleMeasures.forEach((m, j) => {
        if (!measures.has(m)) ctx.addIssue({ code: 'custom', message: 'errors.catalogue.unknownReference', path: ['items', i, 'exampleMeasures', j] });
      });
    });
  });

export type Catalogue = z.output<typeof catalogueSchema>;
export type CatalogueItem = Catalogue['items'][number];
export type LocalText = CatalogueItem['title'];
export type CatalogueProvenance = NonNullable<Catalogue['provenance']>;

/** Who a catalogue is and which version, without its contents. */
export interface CatalogueRef {
  framework: string;
  version: string;
  revision: number;
  name: LocalText;
  shortName: LocalText;
  /** Null for a catalogue without one; `sourceNote` is then all it says of its sources. */
  provenance: CatalogueProvenance | null;
  sourceNote: string;
  sha256: string;
  source: 'builtin' | 'import';
  importedAt: string;
}

export interface ItemChange {
  id: string;
  /** Which fields differ: title, text, levelA, article, generic, exampleMeasures. */
  fields: string[];
}

export interface CatalogueDiff {
  from: CatalogueRef;
  to: Omit<CatalogueRef, 'importedAt' | 'source'>;
  added: { id: string; title: LocalText }[];
  changed: (ItemChange & { title: LocalText })[];
  removed: { id: string; title: LocalText }[];
}
