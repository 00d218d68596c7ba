import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HoanError, type ErrorShape } from '../errors';
import { columnLetter, type RawCell } from './cell-text';
import { headerSignature, planColumns } from './column-plan';
import { coverageOf, type FileCoverage } from './inventory-diff';
import type { ColumnMapping } from './inventory-schema';
import type { AfterTableEnd, FileFormat, MappingProfile, PreviewColumn, PreviewSample, RowIssue } from './inventory-types';
import type { ReadEvent, ReadOptions } from './read-inventory-file';
import { RowCollector, type ParsedRecord } from './row-collector';
import { unpackRows } from './row-transfer';

/** A cancelled worker that does not stop by itself within this is terminated. */
const CANCEL_GRACE_MS = 3000;

export interface ParseRequest {
  file: string;
  displayName: string;
  sheet?: string;
  /** A mapping chosen by name (CLI --mapping, or the user's choice). */
  profile?: MappingProfile;
  /** Saved mappings by header signature: a file of a known shape reuses its mapping. */
  profileForShape?: (signature: string) => MappingProfile | undefined;
  mapping?: ColumnMapping;
  maxRows?: number;
  /** The parse's temporary folder, inside the data folder (the readers write nothing there themselves: xlsx-rows.ts). */
  tmpDir: string;
  /**
   * Called once the columns are known; what it returns gets the devices batch
   * by batch as they are normalised, while the worker reads on (an import
   * committed at once stages them: import-staging.ts). A throw fails the parse.
   */
  onColumns?: (coverage: FileCoverage) => { add(records: readonly ParsedRecord[]): void };
}

type WorkerMessage =
  | Exclude<ReadEvent, { type: 'rows' }>
  | { type: 'packed-rows'; packed: Uint8Array; rowsRead: number; fraction: number | null }
  | { type: 'error'; error: ErrorShape }
  | { type: 'cancelled' };

export interface ParsedImport {
  fileName: string;
  fileSize: number;
  fileSha256: string;
  format: FileFormat;
  encoding: string | null;
  sheets: string[];
  sheet: string;
  headerRow: number;
  headerCells: RawCell[];
  columns: PreviewColumn[];
  profile: { profile: MappingProfile; matchedBy: 'name' | 'shape' } | null;
  problem: ErrorShape | null;
  /** The fields and extra attributes the file has columns for: the only ones an import changes. */
  coverage: FileCoverage;
  records: ParsedRecord[];
  /** 管理番号 of rows that were skipped: those devices are in the file, so not absent. */
  skippedAssetIds: Set<string>;
  rows: number;
  invalidRows: number;
  issues: RowIssue[];
  issueCount: number;
  /** Devices that will be imported but deserve a look (no 機器名). */
  warnings: RowIssue[];
  warningCount: number;
  tableEnd: AfterTableEnd | null;
  samples: PreviewSample[];
}

export type ParseOutcome = { state: 'done'; parsed: ParsedImport } | { state: 'cancelled' };

export interface ParseHandle {
  readonly done: Promise<ParseOutcome>;
  progress(): { rowsRead: number; fraction: number | null };
  cancel(): void;
}

/**
 * A bound on the worker's heap. It keeps a reader that runs away on a hostile
 * file from taking the app down (the worker alone stops, reported as out of
 * memory), and V8 collects garbage sooner under it (exceljs's reader, used
 * until issue 15, fell from about 400 MB to about 230 MB on a 100,000-row
 * file at no cost in time). The xlsx reader holds every shared string, so
 * larger files get more room.
 */
function heapLimitMb(file: string): number {
  let fileMb = 0;
  try {
    fileMb = fs.statSync(file).size / (1024 * 1024);
  } catch {
    // Missing or unreadable: the worker reports it, by name.
  }
  return Math.min(4096, Math.max(1024, Math.ceil(fileMb * 64)));
}

/** The compiled worker; tests run TypeScript sources, so they use the build's copy (npm run build:node). */
function workerScript(): string {
  const beside = path.join(__dirname, 'parse-worker.js');
  if (fs.existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', '..', '..', 'out', 'electron', 'core', 'inventory', 'parse-worker.js');
  if (fs.existsSync(built)) return built;
  throw new Error(`The inventory parse worker is not built (${built}): run npm run build:node`);
}

/**
 * Reads a file in a worker thread and normalises its rows here as they come.
 * On the benchmark's 100,000 rows the worker's path (reading with saxes,
 * xlsx-cells.ts, and packing the batches) takes about 3.5 s of CPU and this
 * thread's (normalising, and staging the devices for an import committed at
 * once) about 2.5 s: on two cores they overlap. Normalising in the worker was
 * tried while the worker still read with exceljs, whose reader alone took as
 * long as the whole import may (issue 15), and made the import slower: it
 * lengthened the path that set the pace.
 * Cancelling stops the worker; nothing has been written to the site's
 * inventory at any point.
 */
export function startParse(request: ParseRequest): ParseHandle {
  fs.mkdirSync(request.tmpDir, { recursive: true });
  // Whatever a library writes to TMPDIR during a job goes to the job's own folder, removed whole
  // when the job ends; the xlsx reader no longer spills sheets there (it reads the zip at random).
  const jobTmp = fs.mkdtempSync(path.join(request.tmpDir, 'job-'));
  const named = request.profile;
  const options: ReadOptions = {
    file: request.file,
    displayName: request.displayName,
    ...(request.sheet !== undefined ? { sheet: request.sheet } : {}),
    ...(named ? { knownHeaders: Object.keys(named.mapping) } : {}),
    ...(request.maxRows !== undefined ? { maxRows: request.maxRows } : {}),
  };
  // Loaded through require so that Electron's loader can find it inside the app archive.
  const worker = new Worker(`require(${JSON.stringify(workerScript())})`, {
    eval: true,
    workerData: options,
    env: { ...process.env, TMPDIR: jobTmp, TMP: jobTmp, TEMP: jobTmp },
    resourceLimits: { maxOldGenerationSizeMb: heapLimitMb(request.file) },
  });
  const decoder = new TextDecoder();
  let rowsRead = 0;
  let fraction: number | null = null;
  let header: Extract<ReadEvent, { type: 'header' }> | undefined;
  let collector: RowCollector | undefined;
  let sink: ReturnType<NonNullable<ParseRequest['onColumns']>> | undefined;
  let handedOn = 0;
  let profile: ParsedImport['profile'] = null;
  let settled = false;
  let finish: (outcome: () => ParseOutcome) => void = () => undefined;
  const unreadable = (messageKey = 'errors.inventory.unreadable') => new HoanError('io', messageKey, { file: request.displayName });

  const done = new Promise<ParseOutcome>((resolve, reject) => {
    finish = (outcome) => {
      if (settled) return;
      settled = true;
      void worker
        .terminate()
        .catch(() => undefined)
        .then(() => {
          fs.rmSync(jobTmp, { recursive: true, force: true });
          try {
            resolve(outcome());
          } catch (err) {
            reject(err);
          }
        });
    };
    const fail = (err: unknown) => finish(() => {
      throw err;
    });
    worker.on('message', (message: WorkerMessage) => {
      try {
        switch (message.type) {
          case 'header': {
            header = message;
            const shaped = named ? undefined : request.profileForShape?.(headerSignature(message.headers));
            const used = named ?? shaped;
            profile = used ? { profile: used, matchedBy: named ? 'name' : 'shape' } : null;
            collector = new RowCollector(planColumns(message.headers, used?.mapping, request.mapping), message.headerRow);
            sink = request.onColumns?.(coverageOf(collector.plan.columns, collector.plan.extraKeys));
            break;
          }
          case 'packed-rows':
            rowsRead = message.rowsRead;
            fraction = message.fraction;
            for (const row of unpackRows(decoder.decode(message.packed))) collector!.add(row);
            if (sink && collector!.records.length > handedOn) {
              sink.add(collector!.records.slice(handedOn));
              handedOn = collector!.records.length;
            }
            // One batch done: the worker may send another (it holds back otherwise; see parse-worker.ts).
            if (!settled) worker.postMessage({ type: 'ack' });
            break;
          case 'end':
            rowsRead = message.rowsRead;
            finish(() => ({ state: 'done', parsed: assemble(request, message, header!, collector!, profile) }));
            break;
          case 'cancelled':
            finish(() => ({ state: 'cancelled' }));
            break;
          case 'error':
            fail(new HoanError(message.error.code, message.error.messageKey, message.error.params));
            break;
        }
      } catch (err) {
        fail(err);
      }
    });
    worker.on('error', (err: Error & { code?: string }) =>
      fail(unreadable(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'errors.inventory.outOfMemory' : undefined)),
    );
    worker.on('exit', () => fail(unreadable()));
  });

  return {
    done,
    progress: () => ({ rowsRead, fraction }),
    cancel: () => {
      if (settled) return;
      worker.postMessage({ type: 'cancel' });
      setTimeout(() => finish(() => ({ state: 'cancelled' })), CANCEL_GRACE_MS).unref();
    },
  };
}

function assemble(
  request: ParseRequest,
  end: Extract<ReadEvent, { type: 'end' }>,
  header: Extract<ReadEvent, { type: 'header' }>,
  collector: RowCollector,
  profile: ParsedImport['profile'],
): ParsedImport {
  const { plan } = collector;
  const hasAssetId = plan.columns.some((c) => c.target === 'assetId');
  const beyond = [...collector.columnsWithData].filter((i) => i >= plan.columns.length).sort((a, b) => a - b);
  const columns = [
    ...plan.columns.filter((c) => c.header !== '' || collector.columnsWithData.has(c.index)),
    ...beyond.map((index): PreviewColumn => ({ index, letter: columnLetter(index), header: '', target: 'extra', source: 'none' })),
  ];
  return {
    fileName: request.displayName,
    fileSize: fs.statSync(request.file).size,
    fileSha256: end.sha256,
    format: header.format,
    encoding: header.encoding,
    sheets: end.sheets,
    sheet: header.sheet,
    headerRow: header.headerRow,
    headerCells: header.headers,
    columns,
    profile,
    problem: hasAssetId
      ? null
      : { code: 'validation', messageKey: 'errors.inventory.noAssetIdColumn', params: { file: request.displayName, sheet: header.sheet } },
    coverage: coverageOf(plan.columns, plan.extraKeys),
    records: hasAssetId ? collector.records : [],
    skippedAssetIds: collector.skippedAssetIds,
    rows: collector.rows,
    invalidRows: hasAssetId ? collector.invalidRows : 0,
    issues: hasAssetId ? collector.issues : [],
    issueCount: hasAssetId ? collector.issueCount : 0,
    warnings: hasAssetId ? collector.warnings : [],
    warningCount: hasAssetId ? collector.warningCount : 0,
    tableEnd: collector.tableEnd.end,
    samples: hasAssetId ? collector.sampler.samples : [],
  };
}
