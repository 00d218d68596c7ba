import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, PreviewColumn } from '../../../../electron/api/contract';
import { COLUMN_TARGETS } from '../../../../electron/core/inventory/inventory-types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/fields';
import { formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { DiffSummary, IssuesTable, targetLabel } from './PreviewTables';
import { SampleValues, TableEnd } from './PreviewValues';
import type { PreviewOptions } from './use-import-job';

type Target = PreviewColumn['target'];

interface MappingProps {
  columns: PreviewColumn[];
  targets: Record<number, Target>;
  onChange(index: number, target: Target): void;
}

/** Each column with its header and where it goes; the user corrects any of them. */
function MappingTable({ columns, targets, onChange }: MappingProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <table className="table inventory-mapping" data-testid="inventory-mapping">
      <thead>
        <tr>
          <th scope="col">{t('inventory.preview.column')}</th>
          <th scope="col">{t('inventory.preview.header')}</th>
          <th scope="col">{t('inventory.preview.target')}</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.index}>
            <td className="mono">{c.letter}</td>
            <td>
              <label htmlFor={`${id}-${c.index}`}>{c.header || t('inventory.preview.noHeader')}</label>
            </td>
            <td>
              <select id={`${id}-${c.index}`} value={targets[c.index]} onChange={(e) => onChange(c.index, e.target.value as Target)}>
                {COLUMN_TARGETS.map((target) => (
                  <option key={target} value={target}>
                    {targetLabel(t, target)}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface Props {
  preview: ImportPreview;
  busy: boolean;
  onReread(options: PreviewOptions): void;
  onCommit(profileName: string, allowEmpty: boolean): void;
  onCancel(): void;
}

/** What the import would do, before anything is written: mapping, rows that fail and why, differences. */
export function ImportPreviewView({ preview, busy, onReread, onCommit, onCancel }: Props) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const n = (v: number) => formatNumber(v, settings.language);
  const initial = Object.fromEntries(preview.columns.map((c) => [c.index, c.target])) as Record<number, Target>;
  const [targets, setTargets] = useState(initial);
  const [profileName, setProfileName] = useState('');
  const changed = preview.columns.filter((c) => targets[c.index] !== c.target);
  const mapping = preview.columns
    .filter((c) => c.source === 'user' || targets[c.index] !== c.target)
    .map((c) => ({ index: c.index, target: targets[c.index]! }));
  const hasChanges = preview.diff.counts.new + preview.diff.counts.changed + preview.diff.counts.absent > 0;
  // No valid row: saving would only mark every device absent. Said plainly, and confirmed first.
  const empty = preview.problem === null && preview.validRows === 0 && preview.diff.counts.absent > 0;
  const [emptyConfirmed, setEmptyConfirmed] = useState(false);

  return (
    <div className="inventory-preview" data-testid="inventory-preview">
      <h2>{t('inventory.preview.heading')}</h2>
      <p data-testid="preview-file">{t('inventory.preview.fileLine', { file: preview.fileName, sheet: preview.sheet, row: preview.headerRow })}</p>
      {preview.sheets.length > 1 && (
        <Field label={t('inventory.preview.sheet')} error={undefined}>
          {(props) => (
            <select {...props} value={preview.sheet} disabled={busy} onChange={(e) => onReread({ sheet: e.target.value })}>
              {preview.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {preview.profile && (
        <p className="alert alert-info">
          {t(preview.profile.matchedBy === 'shape' ? 'inventory.preview.profileByShape' : 'inventory.preview.profileByName', { name: preview.profile.name })}
        </p>
      )}
      {preview.problem && <ErrorMessage error={preview.problem} />}

      <details className="card inventory-mapping-card" open={preview.problem !== null || changed.length > 0 || undefined}>
        <summary>{t('inventory.preview.mapping')}</summary>
        <p className="field-hint">{t('inventory.preview.mappingHint')}</p>
        <MappingTable columns={preview.columns} targets={targets} onChange={(index, target) => setTargets({ ...targets, [index]: target })} />
        <button type="button" className="button" disabled={busy || changed.length === 0} onClick={() => onReread({ sheet: preview.sheet, mapping })}>
          {t('inventory.preview.reread')}
        </button>
      </details>

      {preview.unchanged && (
        <p className="alert alert-info" role="status" data-testid="preview-unchanged">
          {t('inventory.preview.unchanged')}
        </p>
      )}
      <p className="inventory-summary" data-testid="preview-summary">
        {t('inventory.preview.summary', { rows: n(preview.rows), valid: n(preview.validRows), invalid: n(preview.invalidRows) })}
      </p>
      {!preview.problem && <SampleValues preview={preview} />}
      {preview.issueCount > 0 && <IssuesTable issues={preview.issues} total={preview.issueCount} />}
      {preview.warningCount > 0 && <IssuesTable issues={preview.warnings} total={preview.warningCount} warnings />}
      {preview.tableEnd && <TableEnd end={preview.tableEnd} />}
      {!preview.problem && <DiffSummary diff={preview.diff} unchanged={preview.unchanged} />}

      {preview.unchanged ? (
        <div className="card inventory-commit">
          <p>{t('inventory.preview.unchangedNext')}</p>
          <div className="form-actions">
            <button type="button" className="button" disabled={busy} onClick={onCancel}>
              {t('inventory.import.chooseAnother')}
            </button>
          </div>
        </div>
      ) : (
        <div className="card inventory-commit">
          {empty && (
            <div className="alert alert-warn inventory-confirm" data-testid="empty-import">
              <p>{t('inventory.preview.emptyWarning', { count: n(preview.diff.counts.absent) })}</p>
              <label className="inline-check">
                <input type="checkbox" checked={emptyConfirmed} disabled={busy} onChange={(e) => setEmptyConfirmed(e.target.checked)} />
                {t('inventory.preview.confirmEmpty', { count: n(preview.diff.counts.absent) })}
              </label>
            </div>
          )}
          <Field label={t('inventory.preview.profileName')} hint={t('inventory.preview.profileNameHint')} error={undefined}>
            {(props) => <input {...props} name="profileName" maxLength={100} value={profileName} onChange={(e) => setProfileName(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy || preview.problem !== null || (preview.validRows === 0 && !hasChanges) || (empty && !emptyConfirmed)}
              onClick={() => onCommit(profileName, empty && emptyConfirmed)}
            >
              {preview.validRows > 0 ? t('inventory.preview.commit', { count: preview.validRows }) : t('inventory.preview.commitNothing')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={onCancel}>
              {t('inventory.import.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
