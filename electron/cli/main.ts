import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createRouter, type Router } from '../api/router';
import { contract, type ChannelName, type ChannelInput, type ChannelResult, type Envelope, type ErrorShape } from '../api/contract';
import { fieldErrorsFrom } from '../api/zod-issues';
import { openCore, type Core } from '../core/core';
import { resolveDataDir } from '../core/data-dir';
import { HoanError, type FieldError } from '../core/errors';
import { describeError, isLocale, translate } from '../core/i18n/translate';
import { getSettings } from '../core/settings/settings-repository';
import { APP_VERSION } from '../core/version';
import type { LocaleId } from '../../renderer/locales';
import { EXIT, processIo, type CliIo } from './cli-io';
import { flagForField, parseAnswers, SITE_FLAGS, siteInputFromFlags } from './site-flags';
import { serveCommand } from './serve-command';

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

const COMMAND_OPTIONS = {
  ...GLOBAL_OPTIONS,
  ...SITE_FLAGS,
  all: { type: 'boolean' },
  answers: { type: 'string' },
  port: { type: 'string' },
  open: { type: 'boolean' },
  'no-open': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

const USAGE = `hoan ${APP_VERSION}
Usage:
  hoan --version
  hoan serve [--port N] [--no-open]
  hoan sites add --name NAME --region REGION [--address A] [--owner O] [--contractor C]
                 [--voltage V] [--capacity-kw KW] [--grid-connected] [--reverse-flow]
                 [--monitoring] [--control] [--installation new|existing] [--last-change YYYY-MM-DD]
  hoan sites list [--all]
  hoan sites show ID
  hoan sites classify ID [--answers monitoring=yes,control=yes,generation=yes,surplus=yes]
  hoan db backup FILE
Every command takes --data-dir DIR (default: HOAN_DATA_DIR, then the OS user-data folder),
--json (machine-readable output) and --lang ja|en.
Regions: hokkaido tohoku kanto chubu hokuriku kinki chugoku shikoku kyushu okinawa
Exit codes: 0 ok, 1 internal error, 2 usage, 3 invalid input, 4 not found, 5 database refused, 6 file error`;

class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    readonly lines: string[],
    readonly error?: ErrorShape,
  ) {
    super(lines.join('\n'));
  }
}

const EXIT_BY_CODE: Partial<Record<ErrorShape['code'], number>> = {
  validation: EXIT.validation,
  not_found: EXIT.notFound,
  unknown_channel: EXIT.usage,
  db_newer: EXIT.database,
  db_corrupt: EXIT.database,
  db_migration_edited: EXIT.database,
  conflict: EXIT.io,
  io: EXIT.io,
};

interface Session {
  core: Core;
  router: Router;
  locale: LocaleId;
  json: boolean;
  io: CliIo;
}

function failWith(locale: LocaleId, error: ErrorShape): CliFailure {
  return new CliFailure(EXIT_BY_CODE[error.code] ?? EXIT.internal, describeError(locale, error, flagForField), error);
}

async function call<C extends ChannelName>(s: Session, channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
  const envelope = (await s.router.handle(channel, input)) as Envelope<ChannelResult<C>>;
  if (!envelope.ok) throw failWith(s.locale, envelope.error);
  return envelope.data;
}

function rejectFields(locale: LocaleId, fields: FieldError[]): void {
  if (fields.length > 0) throw failWith(locale, { code: 'validation', messageKey: 'errors.validation', fields });
}

function print(s: Session, value: unknown, text: () => string): void {
  s.io.out(s.json ? JSON.stringify(value, null, 2) : text());
}

function classificationLabel(s: Session, result: string | undefined): string {
  return result ? translate(s.locale, `classification.result.${result}`) : translate(s.locale, 'sites.list.notClassified');
}

async function sitesCommand(s: Session, verb: string | undefined, args: string[], values: Record<string, unknown>) {
  switch (verb) {
    case 'add': {
      const { input, errors } = siteInputFromFlags(values);
      if (errors.length > 0) {
        // Report every problem at once: the flags' own errors and the API's rules for the rest.
        const rest = contract['sites:create'].input.safeParse(input, { reportInput: true });
        rejectFields(s.locale, [...errors, ...(rest.success ? [] : fieldErrorsFrom(rest.error))]);
      }
      const site = await call(s, 'sites:create', input);
      return print(s, site, () => `${site.id}\t${site.name}`);
    }
    case 'list': {
      const sites = await call(s, 'sites:list', { includeArchived: values.all === true });
      return print(s, sites, () =>
        sites.map((site) => `${site.id}\t${classificationLabel(s, site.classification?.result)}\t${site.name}`).join('\n'),
      );
    }
    case 'show': {
      const detail = await call(s, 'sites:get', { id: requireArg(s, args[0]) });
      return print(s, detail, () => {
        const current = detail.classifications[0];
        return [
          `${detail.site.name} (${detail.site.id})`,
          `${translate(s.locale, 'sites.detail.currentClassification')}: ${classificationLabel(s, current?.result)}`,
          current ? reasonSentence(s, current.reasons, current.result) : '',
          `${translate(s.locale, 'sites.detail.office')}: ${s.locale === 'ja' ? detail.region.officeJa : detail.region.officeEn} ${detail.region.phone}`,
        ]
          .filter(Boolean)
          .join('\n');
      });
    }
    case 'classify': {
      const id = requireArg(s, args[0]);
      let answers: unknown;
      if (typeof values.answers === 'string') {
        const parsed = parseAnswers(values.answers);
        rejectFields(s.locale, parsed.errors);
        answers = parsed.answers;
      } else {
        answers = (await call(s, 'sites:get', { id })).suggestedAnswers;
      }
      const c = await call(s, 'sites:classify', { siteId: id, answers } as ChannelInput<'sites:classify'>);
      return print(s, c, () => reasonSentence(s, c.reasons, c.result));
    }
    default:
      throw new CliFailure(EXIT.usage, [USAGE]);
  }
}

function reasonSentence(s: Session, reasons: { key: string }[], result: string): string {
  const joined = reasons.map((r) => translate(s.locale, r.key)).join(translate(s.locale, 'classification.reasonSeparator'));
  return translate(s.locale, 'classification.summary', { reasons: joined, result: classificationLabel(s, result) });
}

function requireArg(s: Session, value: string | undefined): string {
  if (!value) throw new CliFailure(EXIT.usage, [USAGE]);
  return value;
}

function chooseLocale(flag: unknown, core: Core | undefined, env: NodeJS.ProcessEnv): LocaleId {
  if (isLocale(flag)) return flag;
  if (core) return getSettings(core.db).language;
  return isLocale(env.HOAN_LANG) ? env.HOAN_LANG : 'ja';
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: COMMAND_OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`hoan: ${(err as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(APP_VERSION);
    return EXIT.ok;
  }
  const [command, verb, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  if (!['serve', 'sites', 'db'].includes(command)) {
    io.err(`hoan: unknown command "${command}"\n${USAGE}`);
    return EXIT.usage;
  }

  const dataDir = resolveDataDir(values['data-dir'], io.env);
  let core: Core | undefined;
  try {
    core = openCore({ dataDir });
  } catch (err) {
    const locale = chooseLocale(values.lang, undefined, io.env);
    if (err instanceof HoanError) {
      io.err(describeError(locale, err.toShape()).join('\n'));
      return EXIT_BY_CODE[err.code] ?? EXIT.internal;
    }
    throw err;
  }

  const session: Session = {
    core,
    router: createRouter(core, { log: (e) => io.err(`hoan: ${(e as Error)?.stack ?? e}`) }),
    locale: chooseLocale(values.lang, core, io.env),
    json: values.json === true,
    io,
  };
  try {
    if (command === 'serve') {
      return await serveCommand(session, {
        port: values.port,
        open: values['no-open'] !== true,
        rendererDir: path.resolve(__dirname, '..', '..', 'ui'),
      });
    }
    if (command === 'db') {
      if (verb !== 'backup' || !rest[0]) throw new CliFailure(EXIT.usage, [USAGE]);
      const { backupDatabase } = await import('../core/db/backup');
      const result = await backupDatabase(core.db, rest[0]);
      print(session, result, () => `${result.path}\t${result.bytes}`);
      return EXIT.ok;
    }
    await sitesCommand(session, verb, rest, values);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CliFailure) {
      if (session.json && err.error) io.err(JSON.stringify({ error: err.error }));
      io.err(err.lines.join('\n'));
      return err.exitCode;
    }
    if (err instanceof HoanError) {
      io.err(describeError(session.locale, err.toShape()).join('\n'));
      return EXIT_BY_CODE[err.code] ?? EXIT.internal;
    }
    throw err;
  } finally {
    core.close();
  }
}

export type { Session };
