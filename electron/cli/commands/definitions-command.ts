import path from 'node:path';
import type { ChannelInput, ChannelName, ChannelResult, DefinitionsStatus } from '../../api/contract';
import { translate } from '../../core/i18n/translate';
import { documentDates } from '../../core/settings/settings-repository';
import { formatDateTime } from '../../core/time/format-date';
import { DEFINITIONS_EXIT, EXIT } from '../cli-io';
import { call, CliFailure, print, UsageError, type Command, type Session } from '../session';

/** Each refusal's exit code (cli-io.ts); any other refusal of a given file is 70. */
const EXIT_OF_KEY: Record<string, number> = {
  'definitions.errors.unsignedNotAccepted': DEFINITIONS_EXIT.unsignedNotAccepted,
  'definitions.errors.nothingToRollBack': DEFINITIONS_EXIT.nothingToRollBack,
  'definitions.errors.scannerMissing': DEFINITIONS_EXIT.scannerMissing,
  'definitions.errors.diskFull': DEFINITIONS_EXIT.notWritten,
  'definitions.errors.writeFailed': DEFINITIONS_EXIT.notWritten,
  // Another process switched the set meanwhile: like a busy data folder, trying again is the answer.
  'definitions.errors.changedMeanwhile': EXIT.busy,
};

async function definitionsCall<C extends ChannelName>(s: Session, channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
  try {
    return await call(s, channel, input);
  } catch (err) {
    const key = err instanceof CliFailure ? err.error?.messageKey : undefined;
    if (!key?.startsWith('definitions.errors.') || key === 'definitions.errors.pathNotAbsolute') throw err;
    throw new CliFailure(EXIT_OF_KEY[key] ?? DEFINITIONS_EXIT.refused, (err as CliFailure).lines, (err as CliFailure).error);
  }
}

function statusText(s: Session, st: DefinitionsStatus): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, `definitions.cli.${key}`, params);
  const dates = documentDates(s.core.db, s.locale);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, dates) : '—');
  const lines = [
    st.scanner.found
      ? t('engine', { version: st.scanner.engineVersion ?? '?', level: st.scanner.functionalityLevel ?? '?', program: st.scanner.executable })
      : t('engineMissing', { program: st.scanner.executable }),
  ];
  const c = st.current;
  if (!c) {
    lines.push(t('none'));
    return lines.join('\n');
  }
  const source = c.source.kind === 'file' ? t('fromFile', { path: c.source.path }) : t('fromBundle', { bundle: c.source.bundleId, site: c.source.siteId });
  lines.push(
    t('set', { version: c.version ?? '—', builtAt: when(c.builtAt), age: c.ageDays ?? '—' }),
    t('imported', { at: when(c.importedAt), by: c.importedBy, source }),
    ...(c.unsignedAcceptedReason ? [t('acceptedReason', { reason: c.unsignedAcceptedReason })] : []),
    t('folder', { folder: st.folder ?? '—' }),
    ...c.files.map((f) =>
      `  ${[f.name, f.version ?? '—', when(f.builtAt), f.ageDays === null ? '—' : t('days', { n: f.ageDays }), f.signatures ?? '—', f.sha256.slice(0, 16)].join('\t')}`,
    ),
  );
  if (st.previous) lines.push(t('previous', { version: st.previous.version ?? '—', at: when(st.previous.importedAt) }));
  return lines.join('\n');
}

/** `hoan definitions import|status|rollback`: the ClamAV definitions Hoan keeps for this installation (issue 12). */
export const definitionsCommand: Command = {
  name: 'definitions',
  usage: [
    'hoan definitions import FILE|FOLDER... [--accept-unsigned REASON]   (.cvd/.cld/.cud and signature files; a folder gives its database files)',
    'hoan definitions status',
    'hoan definitions rollback   (back to the set before the last import, once)',
  ],
  options: { 'accept-unsigned': { type: 'string' } },
  async run(s, [verb, ...args], values) {
    const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, `definitions.cli.${key}`, params);
    switch (verb) {
      case 'import': {
        if (args.length === 0) throw new UsageError();
        const reason = values['accept-unsigned'] as string | undefined;
        const result = await definitionsCall(s, 'definitions:import', {
          paths: args.map((a) => path.resolve(a)),
          ...(reason !== undefined ? { acceptUnsignedReason: reason } : {}),
        });
        const dates = documentDates(s.core.db, s.locale);
        return print(s, result, () =>
          [
            t('importedSet', { version: result.set.version ?? '—', builtAt: result.set.builtAt ? formatDateTime(result.set.builtAt, dates) : '—' }),
            ...(result.replaced.length > 0 ? [t('replaced', { names: result.replaced.join(', ') })] : []),
            ...(result.added.length > 0 ? [t('added', { names: result.added.join(', ') })] : []),
            ...(result.carried.length > 0 ? [t('carried', { names: result.carried.join(', ') })] : []),
            ...(result.ignored.length > 0 ? [t('ignored', { names: result.ignored.join(', ') })] : []),
          ].join('\n'),
        );
      }
      case 'status': {
        const status = await call(s, 'definitions:status', {});
        return print(s, status, () => statusText(s, status));
      }
      case 'rollback': {
        const set = await definitionsCall(s, 'definitions:rollback', {});
        const dates = documentDates(s.core.db, s.locale);
        return print(s, set, () => t('rolledBack', { version: set.version ?? '—', builtAt: set.builtAt ? formatDateTime(set.builtAt, dates) : '—' }));
      }
      default:
        throw new UsageError();
    }
  },
};
