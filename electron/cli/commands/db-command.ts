import { backupDatabase } from '../../core/db/backup';
import { print, requireArg, UsageError, type Command } from '../session';

export const dbCommand: Command = {
  name: 'db',
  usage: ['hoan db backup FILE'],
  options: {},
  async run(s, [verb, file]) {
    if (verb !== 'backup') throw new UsageError();
    const result = await backupDatabase(s.core.db, requireArg(file));
    print(s, result, () => `${result.path}\t${result.bytes}`);
  },
};
