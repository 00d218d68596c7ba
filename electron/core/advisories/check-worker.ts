import { parentPort } from 'node:worker_threads';
import { checkDocument } from './advisory-prepare';
import { loadValidator } from './csaf-validator';

/**
 * A worker thread that checks advisory documents (check-pool.ts): bytes in,
 * checkDocument's answer out, one message each, in the order received. It
 * loads the validator as soon as it starts, while the host is still walking
 * the folder and reading the first files.
 */
export interface CheckRequest {
  id: number;
  bytes: Uint8Array;
  sha512?: string;
  feedAllowed: boolean;
}

const port = parentPort!;
// Ready once loaded (the host's timeouts count from then). A failed load is reported with the
// first document: validateCsaf throws it again there.
void loadValidator().then(
  () => port.postMessage({ ready: true }),
  () => port.postMessage({ ready: true }),
);
// One document at a time, in order: the host blames the oldest unanswered one if this thread dies.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: CheckRequest) => {
  queue = queue.then(() =>
    checkDocument({ bytes: request.bytes, ...(request.sha512 !== undefined ? { sha512: request.sha512 } : {}) }, { feedAllowed: request.feedAllowed }).then(
      (prepared) => port.postMessage({ id: request.id, prepared }),
      (err: unknown) => port.postMessage({ id: request.id, failed: String((err as Error)?.message ?? err).slice(0, 200) }),
    ),
  );
});
