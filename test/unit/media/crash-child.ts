/**
 * Appends check-ins forever and reports each one on stdout only after it was
 * committed. The crash test kills this process at a random moment.
 */
import fs from 'node:fs';
import { openCore } from '../../../electron/core/core';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { checkInSchema } from '../../../electron/core/media/media-schema';

const [dataDir, siteId, mediumId] = process.argv.slice(2) as [string, string, string];
const core = openCore({ dataDir });
for (let i = 0; ; i++) {
  const entry = recordCheckIn(
    core,
    checkInSchema.parse({
      siteId,
      mediumId,
      person: `作業員 ${i}`,
      company: '保守電機',
      purpose: `点検 ${'x'.repeat(i % 190)}`,
      targets: ['監視PC'],
      method: 'none',
    }),
    'crash-child',
  );
  fs.writeSync(1, `ack ${entry.n} ${entry.id} ${entry.hash}\n`);
}
