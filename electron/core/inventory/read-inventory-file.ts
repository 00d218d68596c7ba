import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HoanError } from '../errors';
import { isBlank, type RawCell, type RawRow } from './cell-text';
import { csvRows, sniffEncoding } from './csv-rows';
import { sniffFile } from './file-sniff';
import { findHeaderRow, HEADER_SCAN_ROWS } from './header-detection';
import type { FileFormat } from './inventory-types';
import { openXlsx, type XlsxSheet } from './xlsx-rows';

/** Far beyond any site's inventory; a million-row sheet is a mistake or an attack. */
export const MAX_DATA_ROWS = 1_000_000;

export interface ReadOptions {
  file: string;
  /** The name the user knows the file by, for messages. */
  displayName: string;
  /** A sheet chosen by the user; otherwise the first sheet with a header row. */
  sheet?: string;
  /** Normalised headers of a saved mapping: they count towards finding the header row. */
  knownHeaders?: string[];
  maxRows?: number;
  batchSize?: number;
}

export type ReadEvent =
  | { type: 'header'; format: FileFormat; encoding: string | null; sheet: string; headerRow: number; headers: RawCell[] }
  | { type: 'rows'; rows: RawRow[]; rowsRead: number; fraction: number | null }
  | { type: 'end'; sheets: string[]; rowsRead: number; sha256: string };

export class ReadCancelled extends Error {}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

function isBlankRow(row: RawRow): boolean {
  return row.c.every(isBlank);
}

/**
 * Reads a spreadsheet row by row and reports: the header it found, batches
 * of data rows, the end. Runs in a worker thread (parse-worker.ts) so the
 * host stays responsive; nothing here touches the database.
 */
export async function readInventoryFile(
  options: ReadOptions,
  /** May return a promise: the worker waits there while the host is behind (flow control). */
  emit: (event: ReadEvent) => void | Promise<void>,
  isCancelled: () => boolean = () => false,
): Promise<void> {
  const { file, displayName: name } = options;
  const maxRows = options.maxRows ?? MAX_DATA_ROWS;
  const batchSize = options.batchSize ?? 1000;
  const known = options.knownHeaders ? new Set(options.knownHeaders) : undefined;
  const { format } = sniffFile(file, name);
  const hashing = sha256Of(file);
  hashing.catch(() => undefined);
  const size = fs.statSync(file).size;

  let bytesRead = 0;
  const encoding = format === 'csv' ? sniffEncoding(file) : null;
  const fraction = () => (format === 'csv' ? Math.min(1, bytesRead / size) : null);
  const check = () => {
    if (isCancelled()) throw new ReadCancelled();
  };
  let rowsRead = 0;

  /** Sheet by sheet until one has a header row (or the chosen sheet is read). */
  const scan = async (sheets: AsyncIterable<XlsxSheet>): Promise<{ chosen?: string; problem?: HoanError }> => {
    let problem: HoanError | undefined;
    for await (const sheet of sheets) {
      check();
      if (options.sheet !== undefined && sheet.name !== options.sheet) continue;
      const head: RawRow[] = [];
      let headerIndex = -1;
      let batch: RawRow[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const rows = batch;
        batch = [];
        await emit({ type: 'rows', rows, rowsRead, fraction: fraction() });
      };
      const accept = (row: RawRow) => {
        if (++rowsRead > maxRows) {
          throw new HoanError('io', 'errors.inventory.tooManyRows', { file: name, sheet: sheet.name, max: maxRows, row: row.n });
        }
        batch.push(row);
      };
      const decide = async () => {
        headerIndex = findHeaderRow(head, known);
        if (headerIndex < 0) return;
        await emit({ type: 'header', format, encoding, sheet: sheet.name, headerRow: head[headerIndex]!.n, headers: head[headerIndex]!.c });
        head.slice(headerIndex + 1).forEach(accept);
      };
      for await (const row of sheet.rows) {
        check();
        if (isBlankRow(row)) continue;
        if (headerIndex >= 0) accept(row);
        else if (head.length < HEADER_SCAN_ROWS) {
          head.push(row);
          if (head.length === HEADER_SCAN_ROWS) {
            await decide();
            if (headerIndex < 0) break;
          }
        }
        if (batch.length >= batchSize) await flush();
      }
      if (head.length > 0 && head.length < HEADER_SCAN_ROWS) await decide();
      if (headerIndex < 0) {
        const missing =
          head.length === 0
            ? new HoanError('io', 'errors.inventory.emptySheet', { file: name, sheet: sheet.name })
            : new HoanError('io', 'errors.inventory.noHeaderRow', { file: name, sheet: sheet.name, rows: HEADER_SCAN_ROWS });
        if (options.sheet !== undefined) throw missing;
        // A sheet with content but no header says more than an empty one.
        if (!problem || (problem.messageKey === 'errors.inventory.emptySheet' && head.length > 0)) problem = missing;
        continue;
      }
      await flush();
      if (rowsRead === 0) throw new HoanError('io', 'errors.inventory.noDataRows', { file: name, sheet: sheet.name });
      return { chosen: sheet.name };
    }
    return problem ? { problem } : {};
  };

  let result: Awaited<ReturnType<typeof scan>>;
  let sheetNames: () => string[];
  if (format === 'csv') {
    const sheetName = path.parse(name).name;
    sheetNames = () => [sheetName];
    result = await guarded(name, () =>
      scan(
        (async function* () {
          yield { name: sheetName, rows: csvRows(file, encoding!, (b) => (bytesRead = b), name) };
        })(),
      ),
    );
  } else {
    const book = openXlsx(file);
    result = await guarded(name, () => scan(book.sheets), book.close);
    sheetNames = book.sheetNames;
  }
  if (result.chosen === undefined) {
    if (options.sheet !== undefined) throw new HoanError('io', 'errors.inventory.sheetNotFound', { file: name, sheet: options.sheet });
    throw result.problem ?? new HoanError('io', 'errors.inventory.notSpreadsheet', { file: name });
  }
  await emit({ type: 'end', sheets: sheetNames(), rowsRead, sha256: await hashing });
}

/** A reader's own failure (a damaged zip, bad XML) is the file's: reported as unreadable, by name. */
async function guarded<T>(name: string, read: () => Promise<T>, close: () => void = () => undefined): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof HoanError || err instanceof ReadCancelled) throw err;
    throw new HoanError('io', 'errors.inventory.unreadable', { file: name });
  } finally {
    close();
  }
}
