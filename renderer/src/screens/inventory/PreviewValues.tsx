import { useTranslation } from 'react-i18next';
import type { AfterTableEnd, ImportPreview, PreviewColumn } from '../../../../electron/api/contract';
import { formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { targetLabel } from './PreviewTables';

/** Each mapped column down the side, the sample rows across: the value Hoan will store, and what the file said where it converted it. */
export function SampleValues({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const columns = preview.columns.filter((c) => c.target !== 'ignore');
  if (preview.samples.length === 0 || columns.length === 0) return null;
  const cell = (sample: ImportPreview['samples'][number], index: number) => sample.values.find((v) => v.index === index);
  // An extra attribute is known by its header; a field by its name, with the file's header where it differs.
  const label = (c: PreviewColumn) =>
    c.target === 'extra' ? t('inventory.preview.extraField', { key: c.header || c.letter }) : targetLabel(t, c.target);
  return (
    <div className="card inventory-values">
      <h3>{t('inventory.preview.values')}</h3>
      <p className="field-hint">{t('inventory.preview.valuesHint')}</p>
      <div className="inventory-table-wrap">
        <table className="table" data-testid="preview-values">
          <thead>
            <tr>
              <th scope="col">{t('inventory.preview.valuesField')}</th>
              {preview.samples.map((s) => (
                <th key={s.row} scope="col">
                  {t('inventory.preview.valuesRow', { row: formatNumber(s.row, settings.language) })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.index}>
                <th scope="row">
                  {label(c)}
                  <span className="muted"> {label(c) === c.header || c.target === 'extra' ? c.letter : `${c.letter} ${c.header}`}</span>
                </th>
                {preview.samples.map((s) => {
                  const value = cell(s, c.index);
                  return (
                    <td key={s.row}>
                      {value?.written !== undefined ? (
                        <span className="inventory-converted">
                          <span className="muted">{value.written}</span> {t('inventory.preview.convertedTo')} <strong>{value.stored}</strong>
                        </span>
                      ) : (
                        (value?.stored ?? '')
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The rows below the table's end: not devices, not imported, each shown with its row number and the start of its text. */
export function TableEnd({ end }: { end: AfterTableEnd }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const n = (v: number) => formatNumber(v, settings.language);
  return (
    <div className="card inventory-issues inventory-table-end" data-testid="table-end">
      <h3>{t('inventory.preview.tableEnd.heading')}</h3>
      <p>{t('inventory.preview.tableEnd.intro', { row: n(end.row), count: n(end.count), reason: t(`inventory.preview.tableEnd.reason.${end.reason}`) })}</p>
      {end.deviceLike > 0 && <p className="alert alert-warn">{t('inventory.preview.tableEnd.devices', { count: n(end.deviceLike) })}</p>}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('inventory.preview.row')}</th>
            <th scope="col">{t('inventory.preview.tableEnd.content')}</th>
          </tr>
        </thead>
        <tbody>
          {end.rows.map((r) => (
            <tr key={r.row}>
              <td>{n(r.row)}</td>
              <td>
                {r.text}
                {r.deviceLike && <span className="tag">{t('inventory.preview.tableEnd.deviceLike')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {end.count > end.rows.length && <p className="muted">{t('inventory.preview.issuesMore', { count: n(end.count - end.rows.length) })}</p>}
    </div>
  );
}
