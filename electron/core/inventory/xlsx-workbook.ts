import { SaxesParser } from 'saxes';
import { PART_LIMITS, type XlsxArchive } from './xlsx-archive';

export interface WorkbookSheet {
  name: string;
  /** The sheet's part, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  hidden: boolean;
}

export interface WorkbookOutline {
  /** Worksheets in tab order (chart and dialog sheets have no rows and are left out). */
  sheets: WorkbookSheet[];
  /** Mac Excel's old 1904 date system: serials count from 1904-01-01. */
  date1904: boolean;
  sharedStrings: string | null;
  styles: string | null;
}

interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}

/** Opening tags by local name (some writers prefix every element: `x:sheet`), entities decoded, no namespace handling. */
async function* openTags(chunks: AsyncIterable<string>): AsyncGenerator<SaxTag> {
  const parser = new SaxesParser();
  let tags: SaxTag[] = [];
  let failure: Error | undefined;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('opentag', (tag) => {
    tags.push({ name: tag.name.slice(tag.name.indexOf(':') + 1), attributes: tag.attributes as Record<string, string> });
  });
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure) throw failure;
    yield* tags;
    tags = [];
  }
}

/** A relationship's target is relative to the workbook's folder, or absolute in the package. */
function partOf(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/**
 * The workbook's sheets, date system and the parts the sheets depend on,
 * read before any sheet: exceljs's stream reader learns them only if they
 * come first in the archive, and spills every sheet zipped before them to a
 * temporary file.
 */
export async function readWorkbookOutline(archive: XlsxArchive): Promise<WorkbookOutline> {
  const rels = new Map<string, { type: string; part: string }>();
  for await (const tag of openTags(archive.text('xl/_rels/workbook.xml.rels', PART_LIMITS.workbook))) {
    const { Id, Target, Type } = tag.attributes;
    if (tag.name === 'Relationship' && Id && Target) rels.set(Id, { type: Type ?? '', part: partOf(Target) });
  }
  const ofType = (suffix: string, fallback: string) => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(suffix));
    const part = rel?.part ?? fallback;
    return archive.has(part) ? part : null;
  };
  const outline: WorkbookOutline = {
    sheets: [],
    date1904: false,
    sharedStrings: ofType('/sharedStrings', 'xl/sharedStrings.xml'),
    styles: ofType('/styles', 'xl/styles.xml'),
  };
  for await (const tag of openTags(archive.text('xl/workbook.xml', PART_LIMITS.workbook))) {
    const a = tag.attributes;
    if (tag.name === 'workbookPr') outline.date1904 = a.date1904 === '1' || a.date1904 === 'true';
    if (tag.name !== 'sheet') continue;
    const rid = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    const rel = rid ? rels.get(rid) : undefined;
    if (!a.name || !rel || (rel.type !== '' && !rel.type.endsWith('/worksheet'))) continue;
    outline.sheets.push({ name: a.name, part: rel.part, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
  }
  return outline;
}
