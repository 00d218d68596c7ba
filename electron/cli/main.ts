import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import { createRouter } from '../api/router';
import { openCore, type Core } from '../core/core';
import { DB_FILE_NAME, resolveDataDir } from '../core/data-dir';
import { describeError, isLocale } from '../core/i18n/translate';
import { knownErrorShape } from '../core/known-errors';
import { getSettings } from '../core/settings/settings-repository';
import { singleLine } from '../core/text-schema';
import { APP_VERSION } from '../core/version';
import { fieldErrorsFrom } from '../api/zod-issues';
import type { ErrorShape } from '../core/errors';
import type { LocaleId } from '../../renderer/locales';
import { EXIT, processIo, type CliIo } from './cli-io';
import type { Command } from './session';
import { serveCommand } from './commands/serve-command';
import { CliFailure, EXIT_BY_CODE, forTerminal, UsageError, type OptionValues, type Session } from './session';

/**
 * Every command, loaded only when a command other than `serve` runs (or the
 * help is printed): together they pull in about 110 ms of modules that
 * `hoan serve` never uses, and serve's start-up is on the clock (issue 15:
 * first paint of the sites list within 1 s of starting it).
 */
let loaded: readonly Command[] | undefined;
async function allCommands(): Promise<readonly Command[]> {
  // import() (a require in the built code) so the sources run under vitest too.
  loaded ??= (await import('./commands')).COMMANDS;
  return loaded;
}

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  user: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

const allOptions = (commands: readonly Command[]): NonNullable<ParseArgsConfig['options']> => Object.assign({}, GLOBAL_OPTIONS, ...commands.map((c) => c.options));

const usage = (commands: readonly Command[]) => [
  `hoan ${APP_VERSION}`,
  'Usage:',
  '  hoan --version',
  ...commands.flatMap((c) => c.usage.map((line) => `  ${line}`)),
  'Every command takes --data-dir DIR (default: HOAN_DATA_DIR, then the OS user-data folder),',
  '--json (machine-readable output), --lang ja|en and --user NAME (who is recorded as making a change:',
  'default HOAN_USER, then the name saved by the app or hoan setup; a change without a name is refused, exit 3).',
  'Regions: hokkaido tohoku kanto chubu hokuriku kinki chugoku shikoku kyushu okinawa',
  'Exit codes: 0 ok, 1 internal error, 2 usage, 3 invalid input, 4 not found, 5 database refused, 6 file error, 7 media log tampered, 8 medium denied,',
  '9 data folder busy (another Hoan process is writing to it: try again), 50 media log guards removed, 60 answered no at a confirmation (nothing changed)',
  'hoan bundle verify/import exit with 10-42, one code per failure class (README)',
  'hoan definitions: 70 a file refused, 71 unsigned files not accepted (--accept-unsigned REASON), 72 nothing to roll back, 73 ClamAV not installed,',
  '74 the store could not be written (disk full); in each case the definitions in use stay in use',
  'hoan advisories import: 80 some files refused (the rest imported), 81 no advisory in the paths given',
  'hoan advisories triage: 87 the device does not match the advisory, 88 no open assessment for a risk acceptance, 89 give --publisher',
  'hoan bundle: 90 advisories asked of a site\'s own bundle, 91 imported, but some advisories it carried were refused',
  'hoan registers diagram: 92 no site with that id or name (or two share the name: give the id), 93 nothing to draw (no connection point, no device)',
].join('\n');

/**
 * Who this invocation records as making its changes: --user, else HOAN_USER
 * (for scripts), else nobody here and core uses the name saved in the data
 * folder. Checked by the same rule as every name Hoan stores.
 */
function actingUserFlag(flag: unknown, env: NodeJS.ProcessEnv): { ok: true; name: string | undefined } | { ok: false; error: ErrorShape } {
  const given = typeof flag === 'string' ? flag : env.HOAN_USER || undefined;
  if (given === undefined) return { ok: true, name: undefined };
  const parsed = singleLine(100, 1).safeParse(given, { reportInput: true });
  if (parsed.success) return { ok: true, name: parsed.data };
  const fields = fieldErrorsFrom(parsed.error).map((f) => ({ ...f, path: typeof flag === 'string' ? '--user' : 'HOAN_USER' }));
  return { ok: false, error: { code: 'validation', messageKey: 'errors.validation', fields } };
}

function chooseLocale(flag: unknown, core: Core | undefined, env: NodeJS.ProcessEnv): LocaleId {
  if (isLocale(flag)) return flag;
  if (core) return getSettings(core.db).language;
  return isLocale(env.HOAN_LANG) ? env.HOAN_LANG : 'ja';
}

/**
 * `hoan serve …` parsed with the global options and serve's own, without
 * loading the other commands; null when that does not parse as serve (another
 * command, or an option only another command knows), and the whole command
 * line is then parsed as before.
 */
function serveArgs(argv: string[]): ReturnType<typeof parseArgs> | null {
  try {
    const parsed = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...serveCommand.options }, allowPositionals: true, strict: true });
    return parsed.positionals[0] === serveCommand.name ? parsed : null;
  } catch {
    return null;
  }
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let parsed = serveArgs(argv);
  if (!parsed) {
    try {
      parsed = parseArgs({ args: argv, options: allOptions(await allCommands()), allowPositionals: true, strict: true });
    } catch (err) {
      io.err(`hoan: ${(err as Error).message}\n${usage(await allCommands())}`);
      return EXIT.usage;
    }
  }
  const values = parsed.values as OptionValues;
  if (values.version) {
    io.out(APP_VERSION);
    return EXIT.ok;
  }
  const [name, ...args] = parsed.positionals;
  if (values.help || !name) {
    (values.help ? io.out : io.err)(usage(await allCommands()));
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const command = name === serveCommand.name ? serveCommand : (await allCommands()).find((c) => c.name === name);
  if (!command) {
    io.err(`hoan: unknown command "${name}"\n${usage(await allCommands())}`);
    return EXIT.usage;
  }

  const user = actingUserFlag(values.user, io.env);
  if (!user.ok) {
    io.err(describeError(chooseLocale(values.lang, undefined, io.env), user.error).join('\n'));
    return EXIT.validation;
  }

  let core: Core;
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined, io.env);
  try {
    core = openCore({ dataDir, ...(user.name !== undefined ? { userName: user.name } : {}) });
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
      io.err(usage(await allCommands()));
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
    io.err(describeError(session.locale, forTerminal(known)).join('\n'));
    return EXIT_BY_CODE[known.code] ?? EXIT.internal;
  } finally {
    core.close();
  }
}
