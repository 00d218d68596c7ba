/**
 * Runs as a user with umask 000 would: `hoan sites add` on a new data folder,
 * `hoan db backup FILE`, and the settings screen's backup (db:backup). Then it
 * keeps the database open (so -wal and -shm exist) until stdin closes, for
 * the test to stat every file.
 *
 *   umask-child DATA_DIR CLI_BACKUP_FILE
 */
import fs from 'node:fs';
import { createRouter } from '../../../electron/api/router';
import { main } from '../../../electron/cli/main';
import { openCore } from '../../../electron/core/core';

const [dataDir, cliBackup] = process.argv.slice(2) as [string, string];
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const quiet = { out: () => undefined, err: (t: string) => say(`stderr ${t}`), env: {} };

async function run(): Promise<void> {
  process.umask(0o000);
  const added = await main(['sites', 'add', '--data-dir', dataDir, '--user', '山田', '--name', '北関東ソーラー発電所', '--region', 'kanto', '--grid-connected'], quiet);
  const backedUp = await main(['db', 'backup', cliBackup, '--data-dir', dataDir], quiet);
  const core = openCore({ dataDir });
  const settingsBackup = await createRouter(core).handle('db:backup', {});
  say(`open ${JSON.stringify({ added, backedUp, settingsBackup })}`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    core.close();
    process.exit(0);
  });
}

run().catch((err: unknown) => {
  say(`error ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(3);
});
