import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import { createRouter } from '../api/router';
import { openCore, type Core } from '../core/core';
import { DB_FILE_NAME, resolveDataDir } from '../core/data-dir';
import { describeError, isLocale } from '../core/i18n/translate';
import { knownErrorShape } from '../core/known-errors';
import { getSettings } from '../core/settings/settings-repository';
import { APP_VERSION } from '../core/version';
import type { LocaleId } from '../../renderer/locales';
import { EXIT, processIo, type CliIo } from './cli-io';
import { COMMANDS } from './commands';
import { CliFailure, EXIT_BY_CODE, UsageError, type OptionValues, type Session } from './session';

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

const ALL_OPTIONS: NonNullable<ParseArgsConfig['options']> = Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((c) => c.options));

const USAGE = [
  `hoan ${APP_VERSION}`,
  'Usage:',
  '  hoan --version',
  ...COMMANDS.flatMap((c) => c.usage.map((line) => `  ${line}`)),
  'Every command takes --data-dir DIR (default: HOAN_DATA_DIR, then the OS user-data folder),',
  '--json (machine-readable output) and --lang ja|en.',
  'Regions: hokkaido tohoku kanto chubu hokuriku kinki chugoku shikoku kyushu okinawa',
  'Exit codes: 0 ok, 1 internal error, 2 usage, 3 invalid input, 4 not found, 5 database refused, 6 file error, 7 media log tampered, 8 medium denied,',
  '9 data folder busy (another Hoan process is writing to it: try again), 50 media log guards removed, 60 answered no at a confirmation (nothing changed)',
  'hoan bundle verify/import exit with 10-42, one code per failure class (README)',
].join('\n');

function chooseLocale(flag: unknown, core: Core | undefined, env: NodeJS.ProcessEnv): LocaleId {
  if (isLocale(flag)) return flag;
  if (core) return getSettings(core.db).language;
  return isLocale(env.HOAN_LANG) ? env.HOAN_LANG : 'ja';
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: ALL_OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`hoan: ${(err as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const values = parsed.values as OptionValues;
  if (values.version) {
    io.out(APP_VERSION);
    return EXIT.ok;
  }
  const [name, ...args] = parsed.positionals;
  if (values.help || !name) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`hoan: unknown command "${name}"\n${USAGE}`);
    return EXIT.usage;
  }

  let core: Core;
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined, io.env);
  try {
    core = openCore({ dataDir });
  } catch (err) {
    const known = knownErrorShape(err, path.join(dataDir, DB_FILE_NAME));
    if (!known) throw err;
    io.err(describeError(chooseLocale(values.lang, undefined, io.env), known).join('\n'));
    return EXIT_BY_CODE[known.code] ?? EXIT.internal;
  }

  const session: Session = {
    core,
    router: createRouter(core, { log: (e) => io.err(`hoan: ${(e as Error)?.stack ?? String(e)}`) }),
    locale: chooseLocale(values.lang, core, io.env),
    json: values.json === true,
    io,
  };
  try {
    return (await command.run(session, args, values)) ?? EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(USAGE);
      return EXIT.usage;
    }
    if (err instanceof CliFailure) {
      if (session.json && err.error) io.err(JSON.stringify({ error: err.error }));
      io.err(err.lines.join('\n'));
      return err.exitCode;
    }
    // Commands that call core without the router (an import read in place, an export): the same meanings.
    const known = knownErrorShape(err, core.dbPath);
    if (!known) throw err;
    io.err(describeError(session.locale, known).join('\n'));
    return EXIT_BY_CODE[known.code] ?? EXIT.internal;
  } finally {
    core.close();
  }
}
