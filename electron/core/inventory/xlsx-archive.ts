import fs from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * An xlsx's zip, read with yauzl, and every part that Hoan reads inflated
 * through one bounded stream. An xlsx is hostile input: a 2 MB file can hold
 * a part that inflates to gigabytes, and the buffer zlib fills lives outside
 * the worker's heap, so the worker's heap cap does not bound it.
 *
 * Why yauzl and not a reader of our own or unzipper (exceljs's own): yauzl
 * reads the central directory and opens any entry at random (parts are read
 * in the order the reader needs, not the order they were zipped, so nothing
 * is spilled to a temporary file), handles zip64, refuses absolute and `..`
 * entry names, and stops an entry as soon as it inflates past the size the
 * directory declares (`validateEntrySizes`), so a zip that lies about its
 * sizes gains nothing.
 *
 * Limits, enforced on the bytes actually inflated, not on declared sizes:
 * - each part has a ceiling for what it can hold in a real workbook
 *   (`PART_LIMITS`); a part that declares more is refused before inflating;
 * - all parts together may inflate to at most `INFLATE_RATIO` times the
 *   file's size (a real xlsx inflates 5–10×; the bench's 100,000-row ledger
 *   7×), or `INFLATE_FLOOR` for small files;
 * - no run of text between two `<` may exceed `MAX_TEXT_RUN` characters: a
 *   cell holds at most 32,767 characters, and the XML parsers keep a text
 *   node whole in memory, so a 1 GiB cell cannot be streamed past them (and
 *   a sheet's row is bounded the same way: xlsx-rows.ts).
 * A refused file is reported as unreadable (may be damaged), by name.
 */

const MiB = 1024 * 1024;

/** Inflated bytes a part may hold. */
export const PART_LIMITS = {
  /** workbook.xml and its relationships: sheet names, defined names. */
  workbook: 8 * MiB,
  /** Thousands of cell formats at most; files with "too many formats" reach a few MB. */
  styles: 64 * MiB,
  /** Every distinct text of the workbook: about 150 MB for 1,000,000 rows of the bench's ledger. */
  sharedStrings: 256 * MiB,
  /** Streamed row by row; 1,000,000 rows of the bench's ledger are about 600 MB. */
  sheet: 1024 * MiB,
} as const;

export const INFLATE_RATIO = 100;
export const INFLATE_FLOOR = 64 * MiB;
/** Characters between two `<`: a 32,767-character cell written as numeric entities is under 300,000. */
export const MAX_TEXT_RUN = MiB;
/** A workbook with a thousand sheets, their drawings and images has a few thousand parts. */
const MAX_ENTRIES = 50_000;

/** A part, or the file as a whole, inflates past its limit: the file is damaged or built to exhaust memory. */
export class InflateLimitError extends Error {
  constructor(
    readonly part: string,
    readonly limit: number,
    unit: 'bytes' | 'characters' = 'bytes',
  ) {
    super(`${part} inflates past ${limit} ${unit}`);
  }
}

export class XlsxArchive {
  /** Inflated bytes so far, all parts together. */
  private spent = 0;
  private readonly open = new Set<Readable>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** By lower-case name: OPC part names are case-insensitive. */
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly budget: number,
  ) {}

  static async open(file: string): Promise<XlsxArchive> {
    const size = fs.statSync(file).size;
    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
    try {
      if (zip.entryCount > MAX_ENTRIES) throw new Error(`${zip.entryCount} zip entries`);
      const entries = new Map<string, yauzl.Entry>();
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName.toLowerCase(), entry);
      return new XlsxArchive(zip, entries, Math.max(INFLATE_FLOOR, INFLATE_RATIO * size));
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  /**
   * A part's text, UTF-8 decoded across chunk boundaries (exceljs decodes each
   * chunk alone and turns a character split between two into U+FFFD), or
   * nothing if there is no such part.
   */
  async *text(part: string, limit: number): AsyncGenerator<string> {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) return;
    if (entry.uncompressedSize > limit) throw new InflateLimitError(part, limit);
    const stream = await this.zip.openReadStreamPromise(entry);
    this.open.add(stream);
    const decoder = new TextDecoder('utf-8');
    let inflated = 0;
    /** Characters since the last `<`. */
    let run = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        this.spent += chunk.length;
        if (inflated > limit) throw new InflateLimitError(part, limit);
        if (this.spent > this.budget) throw new InflateLimitError('the whole file', this.budget);
        const text = decoder.decode(chunk, { stream: true });
        // A chunk (16 KiB from zlib) is far shorter than the limit: only a run across chunks can exceed it.
        const first = text.indexOf('<');
        if ((first < 0 ? run + text.length : run + first) > MAX_TEXT_RUN) throw new InflateLimitError(`text in ${part}`, MAX_TEXT_RUN, 'characters');
        run = first < 0 ? run + text.length : text.length - 1 - text.lastIndexOf('<');
        yield text;
      }
      const rest = decoder.decode();
      if (rest) yield rest;
    } finally {
      this.open.delete(stream);
      stream.destroy();
    }
  }

  close(): void {
    for (const stream of this.open) stream.destroy();
    this.open.clear();
    this.zip.close();
  }
}
