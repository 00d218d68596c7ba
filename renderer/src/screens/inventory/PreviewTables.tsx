import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, PreviewColumn, RowIssue } from '../../../../electron/api/contract';
import { formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';

type Diff = ImportPreview['diff'];

export function targetLabel(t: (key: string) => string, target: PreviewColumn['target']): string {
  return target === 'extra' || target === 'ignore' ? t(`inventory.targets.${target}`) : t(`inventory.fields.${target}`);
}
type Change = Diff['changed'][number]['changes'][number];

interface IssuesProps {
  issues: RowIssue[];
  total: number;
  /** Rows that will be saved but deserve a look, rather than rows that will be skipped. */
  warnings?: boolean;
}

/** Rows the import will skip (or warns about), by row and column as the spreadsheet shows them, with the reason. */
export function IssuesTable({ issues, total, warnings = false }: IssuesProps) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  return (
    <div className={warnings ? 'card inventory-issues inventory-warnings' : 'card inventory-issues'}>
      <h3>{t(warnings ? 'inventory.preview.warnings' : 'inventory.preview.issues')}</h3>
      <table className="table" data-testid={warnings ? 'inventory-warnings' : 'inventory-issues'}>
        <thead>
          <tr>
            <th scope="col">{t('inventory.preview.row')}</th>
            <th scope="col">{t('inventory.preview.column')}</th>
            <th scope="col">{t('inventory.preview.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue, i) => (
            <tr key={`${issue.row}-${issue.column}-${i}`}>
              <td>{formatNumber(issue.row, settings.language)}</td>
              <td>
                {issue.column}
                {issue.header && <span className="muted"> {issue.header}</span>}
              </td>
              <td>{t(issue.messageKey, issue.params ?? {})}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > issues.length && <p className="muted">{t('inventory.preview.issuesMore', { count: formatNumber(total - issues.length, settings.language) })}</p>}
    </div>
  );
}

/** A changed field's name: a device field, or an extra attribute by its key. */
export function fieldLabel(t: (key: string, params?: Record<string, string>) => string, field: string): string {
  return field.startsWith('extra.') ? t('inventory.preview.extraField', { key: field.slice('extra.'.length) }) : t(`inventory.fields.${field}`);
}

function useChangeText(): (change: Change) => string {
  const { t } = useTranslation();
  return (change) => {
    if (change.field === 'inLatestImport') return t('inventory.preview.reappeared');
    const field = fieldLabel(t, change.field);
    const show = (v: string | null) => (v === null || v === '' ? t('inventory.preview.empty') : v);
    return t('inventory.preview.changeLine', { field, old: show(change.old), new: show(change.new) });
  };
}

function Listed({ count, shown, children, testId }: { count: number; shown: number; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  if (count === 0) return null;
  return (
    <>
      <ul className="inventory-diff-list" data-testid={testId}>
        {children}
      </ul>
      {count > shown && <p className="muted">{t('inventory.preview.listMore', { count: formatNumber(count - shown, settings.language) })}</p>}
    </>
  );
}

/** New, changed (which fields), unchanged, absent from the file: what the commit will do to the inventory. */
export function DiffSummary({ diff, unchanged = false }: { diff: Diff; unchanged?: boolean }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const changeText = useChangeText();
  const n = (v: number) => formatNumber(v, settings.language);
  const label = (assetId: string, name: string) => (
    <>
      <span className="mono">{assetId}</span> {name}
    </>
  );
  return (
    <div className="card inventory-diff" data-testid="inventory-diff">
      <h3>{t('inventory.preview.diff')}</h3>
      <dl className="inventory-counts">
        <div className={diff.counts.new > 0 ? 'count-new' : undefined}>
          <dt>{t('inventory.preview.diffNew')}</dt>
          <dd data-testid="diff-new">{n(diff.counts.new)}</dd>
        </div>
        <div className={diff.counts.changed > 0 ? 'count-changed' : undefined}>
          <dt>{t('inventory.preview.diffChanged')}</dt>
          <dd data-testid="diff-changed">{n(diff.counts.changed)}</dd>
        </div>
        <div>
          <dt>{t('inventory.preview.diffUnchanged')}</dt>
          <dd data-testid="diff-unchanged">{n(diff.counts.unchanged)}</dd>
        </div>
        <div className={diff.counts.absent > 0 && !unchanged ? 'count-absent' : undefined}>
          <dt>{t('inventory.preview.diffAbsent')}</dt>
          <dd data-testid="diff-absent">{n(diff.counts.absent)}</dd>
        </div>
      </dl>
      {diff.counts.changed > 0 && (
        <details open>
          <summary>{t('inventory.preview.diffChanged')}</summary>
          <Listed count={diff.counts.changed} shown={diff.changed.length} testId="diff-changed-list">
            {diff.changed.map((c) => (
              <li key={c.assetId}>
                {label(c.assetId, c.name)}
                <ul>
                  {c.changes.map((change) => (
                    <li key={change.field}>{changeText(change)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </Listed>
        </details>
      )}
      {diff.counts.new > 0 && (
        <details>
          <summary>{t('inventory.preview.diffNew')}</summary>
          <Listed count={diff.counts.new} shown={diff.new.length} testId="diff-new-list">
            {diff.new.map((d) => (
              <li key={d.assetId}>
                {label(d.assetId, d.name)}
              </li>
            ))}
          </Listed>
        </details>
      )}
      {diff.counts.absent > 0 && (
        <details open>
          <summary>{t('inventory.preview.diffAbsent')}</summary>
          {/* An unchanged file: every device it does not list was marked by an earlier import. */}
          <p className="muted">{t(unchanged ? 'inventory.preview.absentAlready' : 'inventory.preview.absentNote')}</p>
          <Listed count={diff.counts.absent} shown={diff.absent.length} testId="diff-absent-list">
            {diff.absent.map((d) => (
              <li key={d.assetId}>
                {label(d.assetId, d.name)}
              </li>
            ))}
          </Listed>
        </details>
      )}
    </div>
  );
}
