import path from 'node:path';
import { fieldErrorsFrom } from '../../api/zod-issues';
import { translate } from '../../core/i18n/translate';
import { importFile } from '../../core/inventory/import-jobs';
import { writeInventoryXlsx } from '../../core/inventory/inventory-export';
import { commitInputSchema, siteInputSchema } from '../../core/inventory/inventory-schema';
import type { ImportPreview, RowIssue } from '../../core/inventory/inventory-types';
import { EXIT } from '../cli-io';
import { failWith, print, rejectFields, requireArg, UsageError, type Command, type Session } from '../session';

/** Issues printed as text; --json carries those the preview holds. */
const TEXT_ISSUES = 20;

function siteOf(s: Session, values: Record<string, unknown>): string {
  const siteId = requireArg(values.site as string | undefined);
  const parsed = siteInputSchema.safeParse({ siteId });
  if (!parsed.success) rejectFields(s, fieldErrorsFrom(parsed.error), () => '--site');
  return siteId;
}

/** The name to save the mapping under: the same rules as the app's commit. */
function savedProfileName(s: Session, values: Record<string, unknown>): string | undefined {
  const parsed = commitInputSchema.shape.profileName.safeParse(values['save-mapping']);
  if (!parsed.success) rejectFields(s, fieldErrorsFrom(parsed.error), () => '--save-mapping');
  return parsed.data;
}

function issueLine(s: Session, issue: RowIssue): string {
  return translate(s.locale, 'inventory.cli.issue', {
    row: issue.row,
    column: issue.column ?? '-',
    header: issue.header ?? '-',
    message: translate(s.locale, issue.messageKey, issue.params),
  });
}

function summary(s: Session, preview: ImportPreview): string[] {
  const lines = [
    translate(s.locale, 'inventory.cli.summary', {
      file: preview.fileName,
      sheet: preview.sheet,
      headerRow: preview.headerRow,
      rows: preview.rows,
      valid: preview.validRows,
      invalid: preview.invalidRows,
    }),
    translate(s.locale, 'inventory.cli.diff', { ...preview.diff.counts }),
    ...preview.issues.slice(0, TEXT_ISSUES).map((i) => issueLine(s, i)),
  ];
  if (preview.issueCount > TEXT_ISSUES) lines.push(translate(s.locale, 'inventory.preview.issuesMore', { count: preview.issueCount - TEXT_ISSUES }));
  if (preview.tableEnd) {
    const { row, count, deviceLike, rows } = preview.tableEnd;
    lines.push(translate(s.locale, 'inventory.cli.tableEnd', { row, count, reason: translate(s.locale, `inventory.preview.tableEnd.reason.${preview.tableEnd.reason}`) }));
    if (deviceLike > 0) {
      const listed = rows.filter((r) => r.deviceLike).map((r) => r.row);
      lines.push(translate(s.locale, 'inventory.cli.tableEndDevices', { count: deviceLike, rows: listed.join(', ') }));
    }
  }
  if (preview.warningCount > 0) {
    lines.push(translate(s.locale, 'inventory.cli.warnings'), ...preview.warnings.slice(0, TEXT_ISSUES).map((w) => issueLine(s, w)));
    if (preview.warningCount > TEXT_ISSUES) lines.push(translate(s.locale, 'inventory.preview.issuesMore', { count: preview.warningCount - TEXT_ISSUES }));
  }
  return lines;
}

/**
 * `hoan inventory import FILE --site S` reads the file in place (the UI
 * uploads it first) and prints the same preview the screen shows, then
 * commits it unless --dry-run; `export` writes the site's inventory as xlsx.
 */
export const inventoryCommand: Command = {
  name: 'inventory',
  usage: [
    'hoan inventory import FILE --site ID [--mapping NAME] [--sheet NAME] [--save-mapping NAME] [--dry-run] [--allow-empty]',
    '  (--allow-empty: save a file with no importable row, marking every device as not in the latest import)',
    'hoan inventory export --site ID --xlsx FILE',
  ],
  options: {
    site: { type: 'string' },
    xlsx: { type: 'string' },
    mapping: { type: 'string' },
    sheet: { type: 'string' },
    'save-mapping': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'allow-empty': { type: 'boolean' },
  },
  async run(s, [verb, ...args], values) {
    switch (verb) {
      case 'import': {
        const file = path.resolve(requireArg(args[0]));
        const siteId = siteOf(s, values);
        const dryRun = values['dry-run'] === true;
        const profileName = savedProfileName(s, values);
        let read: ImportPreview | undefined;
        const { preview, result } = await importFile(s.core, {
          siteId,
          file,
          dryRun,
          allowEmpty: values['allow-empty'] === true,
          onPreview: (p) => (read = p),
          ...(typeof values.sheet === 'string' ? { sheet: values.sheet } : {}),
          ...(typeof values.mapping === 'string' ? { mappingProfile: values.mapping } : {}),
          ...(profileName !== undefined ? { profileName } : {}),
        }).catch((err: unknown) => {
          // A refused commit (a file with no importable row, a busy data folder): the rows and why, then the refusal.
          if (read && !s.json) s.io.out(summary(s, read).join('\n'));
          throw err;
        });
        if (preview.problem && !s.json) throw failWith(s.locale, preview.problem);
        const { jobId: _jobId, siteId: _siteId, ...shown } = preview;
        print(s, { ...shown, dryRun, committed: result !== null, batch: result?.batch ?? null, profile: result?.profile ?? null }, () =>
          [
            ...summary(s, preview),
            result
              ? translate(s.locale, 'inventory.cli.committed', { batchId: result.batch.id })
              : translate(s.locale, !dryRun && preview.unchanged ? 'inventory.cli.unchanged' : 'inventory.cli.dryRun'),
          ].join('\n'),
        );
        return preview.problem ? EXIT.validation : EXIT.ok;
      }
      case 'export': {
        const siteId = siteOf(s, values);
        const target = path.resolve(requireArg(values.xlsx as string | undefined));
        const bytes = await writeInventoryXlsx(s.core.db, siteId, target, s.locale);
        return print(s, { path: target, bytes }, () => translate(s.locale, 'inventory.cli.exported', { path: target, bytes }));
      }
      default:
        throw new UsageError();
    }
  },
};
