import { parentPort, workerData } from 'node:worker_threads';
import { HoanError } from '../errors';
import { ReadCancelled, readInventoryFile, type ReadEvent, type ReadOptions } from './read-inventory-file';
import { packRows } from './row-transfer';

/**
 * The worker thread that reads a spreadsheet: parsing a large file's XML is
 * CPU-bound for seconds, and the host must keep answering
 * (progress, cancel, every other screen) meanwhile.
 */
let cancelled = false;
/**
 * Batches the host may hold unprocessed: it acknowledges each. Reading faster
 * than the host normalises would queue the whole file in its memory, and a
 * flood of queued messages would keep its event loop from answering requests.
 */
let credits = 8;
let resume: (() => void) | undefined;
const port = parentPort!;
port.on('message', (message: { type?: string }) => {
  if (message?.type === 'cancel') cancelled = true;
  if (message?.type === 'ack') credits++;
  // A cancel also wakes a reader waiting for the host, so that it stops at once.
  resume?.();
  resume = undefined;
});

const encoder = new TextEncoder();
const send = async (event: ReadEvent) => {
  if (event.type !== 'rows') return port.postMessage(event);
  while (credits === 0 && !cancelled) await new Promise<void>((r) => (resume = r));
  credits--;
  const packed = encoder.encode(packRows(event.rows));
  port.postMessage({ type: 'packed-rows', packed, rowsRead: event.rowsRead, fraction: event.fraction }, [packed.buffer]);
};

// The last message is the end, an error or "cancelled"; the parent then terminates this thread.
// Closing the port here could drop that message before the parent reads it.
readInventoryFile(workerData as ReadOptions, send, () => cancelled).catch((err: unknown) => {
  if (err instanceof ReadCancelled) port.postMessage({ type: 'cancelled' });
  else if (err instanceof HoanError) port.postMessage({ type: 'error', error: err.toShape() });
  else port.postMessage({ type: 'error', error: { code: 'internal', messageKey: 'errors.internal' }, detail: String(err) });
});
