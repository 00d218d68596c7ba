import fs from 'node:fs';
import path from 'node:path';
import { call, failWith, print, requireArg, UsageError, type Command } from '../session';

/** `hoan checklist export --site S --xlsx FILE [--round ID]`: the inspector's workbook of the latest (or given) round. */
export const checklistCommand: Command = {
  name: 'checklist',
  usage: ['hoan checklist export --site ID --xlsx FILE [--round ID]'],
  options: { site: { type: 'string' }, xlsx: { type: 'string' }, round: { type: 'string' } },
  async run(s, [verb], values) {
    if (verb !== 'export') throw new UsageError();
    const siteId = requireArg(values.site as string | undefined);
    const target = path.resolve(requireArg(values.xlsx as string | undefined));
    let roundId = values.round as string | undefined;
    if (!roundId) {
      const rounds = await call(s, 'assessment:list', { siteId });
      if (rounds.length === 0) throw failWith(s.locale, { code: 'not_found', messageKey: 'errors.assessment.noRound' });
      roundId = rounds[0]!.id;
    }
    const file = await call(s, 'assessment:exportXlsx', { roundId });
    // Written beside the target and renamed: an interrupted export leaves no half-written workbook.
    const partial = `${target}.partial`;
    fs.writeFileSync(partial, Buffer.from(file.base64, 'base64'));
    fs.renameSync(partial, target);
    print(s, { path: target, roundId }, () => target);
  },
};
