/**
 * Imports one bundle, reporting each phase on stdout as it starts. Given a
 * phase, it SIGKILLs itself as that phase begins: a crash at an exact
 * moment of the import, as a power cut would leave it.
 *
 *   import-crash-child DATA_DIR BUNDLE_FILE [PHASE]
 */
import fs from 'node:fs';
import { openCore } from '../../../electron/core/core';
import { importBundle } from '../../../electron/core/bundle/import-bundle';

const [dataDir, file, point = ''] = process.argv.slice(2) as [string, string, string?];
const say = (line: string) => fs.writeSync(1, `${line}\n`);

const core = openCore({ dataDir });
importBundle(core, file, {
  onPhase: (phase) => {
    say(`phase ${phase}`);
    if (phase === point) process.kill(process.pid, 'SIGKILL');
  },
}).then(
  (outcome) => {
    say(`result ${JSON.stringify(outcome.imported)}`);
    core.close();
  },
  (err: unknown) => {
    say(`error ${err instanceof Error ? err.message : String(err)}`);
    process.exit(3);
  },
);
