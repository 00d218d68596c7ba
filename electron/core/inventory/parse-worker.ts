import { parentPort, workerData } from 'node:worker_threads';
import { HoanError } from '../errors';
import type { ColumnPlan } from './column-plan';
import { ReadCancelled, readInventoryFile, type ReadEvent, type ReadOptions } from './read-inventory-file';
import { RowCollector } from './row-collector';
import { packRecords } from './row-transfer';

/**
 * The worker thread that reads a spreadsheet and normalises its rows:
 * exceljs's streaming parse is CPU-bound for seconds on a large file, and
 * the host must keep answering (progress, cancel, every other screen)
 * meanwhile. The host decides the columns once the header is found (it
 * knows the saved mappings) and sends the plan back; from then on the worker
 * turns rows into devices and issues (row-collector.ts) and sends the devices
 * batch by batch, so the host only stores them (and, for an import committed
 * at once, stages them in the database while the worker reads on).
 */
let cancelled = false;
/**
 * Batches the host may hold unprocessed: it acknowledges each. Reading faster
 * than the host stores would queue the whole file in its memory, and a
 * flood of queued messages would keep its event loop from answering requests.
 */
let credits = 8;
let resume: (() => void) | undefined;
let receivePlan: ((plan: ColumnPlan) => void) | undefined;
const port = parentPort!;
port.on('message', (message: { type?: string; plan?: ColumnPlan }) => {
  if (message?.type === 'cancel') cancelled = true;
  if (message?.type === 'ack') credits++;
  if (message?.type === 'plan') receivePlan?.(message.plan!);
  // A cancel also wakes a reader waiting for the host, so that it stops at once.
  resume?.();
  resume = undefined;
});

const encoder = new TextEncoder();
let collector: RowCollector | undefined;

const sendRecords = async (rowsRead: number, fraction: number | null) => {
  const records = collector!.takeRecords();
  if (records.length === 0) return;
  while (credits === 0 && !cancelled) await new Promise<void>((r) => (resume = r));
  credits--;
  const packed = encoder.encode(packRecords(records));
  port.postMessage({ type: 'records', packed, rowsRead, fraction }, [packed.buffer]);
};

const send = async (event: ReadEvent) => {
  switch (event.type) {
    case 'header': {
      const plan = new Promise<ColumnPlan>((resolve) => (receivePlan = resolve));
      port.postMessage(event);
      collector = new RowCollector(await plan, event.headerRow);
      return;
    }
    case 'rows':
      for (const row of event.rows) collector!.add(row);
      return sendRecords(event.rowsRead, event.fraction);
    case 'end':
      return port.postMessage({ ...event, collected: collector!.summary() });
  }
};

// The last message is the end, an error or "cancelled"; the parent then terminates this thread.
// Closing the port here could drop that message before the parent reads it.
readInventoryFile(workerData as ReadOptions, send, () => cancelled).catch((err: unknown) => {
  if (err instanceof ReadCancelled) port.postMessage({ type: 'cancelled' });
  else if (err instanceof HoanError) port.postMessage({ type: 'error', error: err.toShape() });
  else port.postMessage({ type: 'error', error: { code: 'internal', messageKey: 'errors.internal' }, detail: String(err) });
});
