/**
 * Exports one site's bundle, reporting each phase on stdout as it starts.
 * Given a kill point, it SIGKILLs itself there: a crash at an exact moment
 * of the export, as a power cut or a killed process would leave it. Without
 * one it runs to the end and prints the result as JSON.
 *
 *   export-crash-child DATA_DIR SITE_ID TARGET_DIR [POINT]
 *
 * POINT: writing:<fraction> | syncing | renamed | reading:<fraction> |
 * verified (after the read-back, before the history row) | finished | reconciling
 */
import fs from 'node:fs';
import { openCore } from '../../../electron/core/core';
import { prepareExport, runExport } from '../../../electron/core/bundle/export-bundle';

const [dataDir, siteId, targetDir, point = ''] = process.argv.slice(2) as [string, string, string, string?];
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const die = () => process.kill(process.pid, 'SIGKILL');
const [where, fraction] = point.split(':') as [string, string?];

const core = openCore({ dataDir });
if (where === 'verified') {
  // The next statement after a successful read-back is the history row: die as it is about to be written.
  const prepare = core.db.prepare.bind(core.db);
  core.db.prepare = ((sql: string) => {
    if (/INSERT INTO bundles/.test(sql)) die();
    return prepare(sql);
  }) as typeof core.db.prepare;
}

async function main(): Promise<void> {
  say('started');
  const prepared = await prepareExport(core, siteId, targetDir);
  const payload = prepared.plan.payloadBytes;
  let phase = 'preparing';
  let bytes = 0;
  const result = await runExport(core, prepared, {
    onPhase: (p) => {
      phase = p;
      bytes = 0;
      say(`phase ${p}`);
      if (fraction === undefined && (p === where || (where === 'renamed' && p === 'reading_back'))) die();
    },
    onBytes: (n) => {
      bytes += n;
      if (fraction === undefined) return;
      if ((where === 'writing' && phase === 'writing') || (where === 'reading' && phase === 'reading_back')) {
        if (bytes >= Number(fraction) * payload) die();
      }
    },
  });
  say(`result ${JSON.stringify(result)}`);
  core.close();
}

main().catch((err: unknown) => {
  say(`error ${err instanceof Error ? err.message : String(err)}`);
  process.exit(3);
});
