import fs from 'node:fs';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Streams `source` through `meter` into a new private file (0600, refused if
 * the name exists). On any failure — the source errors because the client
 * went away, the meter refuses the size, the disk fills — the descriptor is
 * closed and the file deleted before the error is passed on, so an aborted
 * copy leaves neither an open handle nor a partial file. The wait for
 * `close` matters on Windows, which cannot delete a file still open.
 */
export async function streamToNewFile(source: Readable, meter: Transform, file: string): Promise<void> {
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  let opened = false;
  out.once('open', () => {
    opened = true;
  });
  try {
    await pipeline(source, meter, out);
  } catch (err) {
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    // Not opened: the name was taken (or the folder is gone), and that file is not ours to delete.
    if (opened) fs.rmSync(file, { force: true });
    throw err;
  }
}
