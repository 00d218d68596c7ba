import fs from 'node:fs';
import path from 'node:path';
import { translate } from '../../core/i18n/translate';
import { siteNetworkDiagramSvg } from '../../core/registers/network-diagram';
import { registersWorkbook } from '../../core/registers/register-export';
import { listConnectionPoints, zonedDevices } from '../../core/registers/register-read';
import { listSites } from '../../core/sites/site-repository';
import { EXIT, REGISTERS_EXIT } from '../cli-io';
import { CliFailure, print, requireArg, UsageError, type Command, type OptionValues, type Session } from '../session';

/** A site by its id or, as people type it, its name; a name two sites share is refused. */
export function registersSite(s: Session, values: OptionValues): string {
  const ref = requireArg(values.site as string | undefined);
  const sites = listSites(s.core.db, { includeArchived: true });
  const byId = sites.find((site) => site.id === ref);
  if (byId) return byId.id;
  const named = sites.filter((site) => site.name.normalize('NFKC').trim() === ref.normalize('NFKC').trim());
  if (named.length === 1) return named[0]!.id;
  const key = named.length === 0 ? 'siteNotFound' : 'siteAmbiguous';
  throw new CliFailure(REGISTERS_EXIT.siteNotFound, [translate(s.locale, `registers.errors.diagram.${key}`, { site: ref })]);
}

/** Writes beside the target and renames, so a reader never sees half a file and a failure leaves the old one. */
function writeWhole(s: Session, file: string, text: string | Buffer): void {
  const partial = `${file}.partial`;
  try {
    fs.writeFileSync(partial, text, { encoding: 'utf8', mode: 0o644 });
    fs.renameSync(partial, file);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw new CliFailure(EXIT.io, [translate(s.locale, 'registers.errors.diagram.notWritten', { file, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message })]);
  }
}

async function diagram(s: Session, values: OptionValues): Promise<number | void> {
  const file = path.resolve(requireArg(values.svg as string | undefined));
  const siteId = registersSite(s, values);
  const points = listConnectionPoints(s.core.db, siteId).length;
  const devices = zonedDevices(s.core.db, siteId).length;
  if (points === 0 && devices === 0) throw new CliFailure(REGISTERS_EXIT.nothingToDraw, [translate(s.locale, 'registers.errors.diagram.nothingToDraw')]);
  writeWhole(s, file, await siteNetworkDiagramSvg(s.core.db, s.core.resourcesDir, siteId, s.locale));
  return print(s, { svg: file, points, devices }, () => translate(s.locale, 'registers.diagram.cli.written', { file, points, devices }));
}

/** The report's sheets 体制, 連絡体制 and 接続点 alone, written by the report's own sheet writers, in the --lang language. */
async function exportXlsx(s: Session, values: OptionValues): Promise<number | void> {
  const file = path.resolve(requireArg(values.xlsx as string | undefined));
  const siteId = registersSite(s, values);
  const bytes = await registersWorkbook(s.core, siteId, s.locale);
  writeWhole(s, file, bytes);
  return print(s, { path: file, bytes: bytes.length }, () => translate(s.locale, 'registers.export.written', { path: file }));
}

/** Subcommands of `hoan registers`; a new one adds a line here, its usage and its options. */
const SUBCOMMANDS: Record<string, (s: Session, args: string[], values: OptionValues) => Promise<number | void>> = {
  diagram: (s, _args, values) => diagram(s, values),
  export: (s, _args, values) => exportXlsx(s, values),
};

/** `hoan registers …`: the registers behind the 勧告 items (issue 14). */
export const registersCommand: Command = {
  name: 'registers',
  usage: [
    'hoan registers diagram --site ID|NAME --svg FILE   (the network diagram, 6-2-2/6-2-3; exit 92 no such site, 93 nothing to draw)',
    'hoan registers export --site ID|NAME --xlsx FILE   (the sheets 体制, 連絡体制, 接続点; exit 92 no such site)',
  ],
  options: { site: { type: 'string' }, svg: { type: 'string' }, xlsx: { type: 'string' } },
  async run(s, [verb, ...args], values) {
    const sub = verb ? SUBCOMMANDS[verb] : undefined;
    if (!sub) throw new UsageError();
    return sub(s, args, values);
  },
};
