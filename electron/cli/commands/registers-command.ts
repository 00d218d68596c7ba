import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fieldErrorsFrom } from '../../api/zod-issues';
import { translate } from '../../core/i18n/translate';
import { registersWorkbook } from '../../core/registers/register-export';
import { entityId } from '../../core/validation';
import { print, rejectFields, requireArg, UsageError, type Command, type Session } from '../session';

const siteSchema = z.object({ siteId: entityId }).strict();

function siteOf(s: Session, values: Record<string, unknown>): string {
  const parsed = siteSchema.safeParse({ siteId: requireArg(values.site as string | undefined) });
  if (!parsed.success) rejectFields(s, fieldErrorsFrom(parsed.error), () => '--site');
  return parsed.data!.siteId;
}

/**
 * `hoan registers <sub>` (issue 14): the site's registers outside the app.
 * `export` writes the workbook of the report's sheets 体制, 連絡体制 and
 * 接続点 (in the --lang language), through a .partial file so a reader never
 * sees half of one.
 */
export const registersCommand: Command = {
  name: 'registers',
  usage: ['hoan registers export --site ID --xlsx FILE'],
  options: { site: { type: 'string' }, xlsx: { type: 'string' } },
  async run(s, args, values) {
    switch (args[0]) {
      case 'export': {
        const siteId = siteOf(s, values);
        const target = path.resolve(requireArg(values.xlsx as string | undefined));
        const bytes = await registersWorkbook(s.core, siteId, s.locale);
        const partial = `${target}.partial`;
        try {
          fs.writeFileSync(partial, bytes);
          fs.renameSync(partial, target);
        } catch (err) {
          fs.rmSync(partial, { force: true });
          throw err;
        }
        return print(s, { path: target, bytes: bytes.length }, () => translate(s.locale, 'registers.export.written', { path: target }));
      }
      default:
        throw new UsageError();
    }
  },
};
