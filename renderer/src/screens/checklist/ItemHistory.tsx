import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';

/** Every recorded change of the item, loaded when opened. */
export function ItemHistory({ roundId, itemId, version }: { roundId: string; itemId: string; version: string | null }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const empty = t('checklist.history.empty');
  const show = (field: string, v: unknown) => {
    if (v === null || v === '') return empty;
    if (field === 'status' || field === 'necessity') return t(`checklist.${field}.${String(v)}`);
    return String(v);
  };

  return (
    <details
      className="history"
      key={`${itemId}:${version ?? ''}`}
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) void api.assessment.itemHistory({ roundId, itemId }).then(setEntries);
      }}
    >
      <summary>{t('checklist.walk.history')}</summary>
      {entries && entries.length === 0 && <p className="muted">{t('checklist.walk.noHistory')}</p>}
      {entries && entries.length > 0 && (
        <table className="table compact" data-testid="item-history">
          <thead>
            <tr>
              <th scope="col">{t('checklist.history.columns.at')}</th>
              <th scope="col">{t('checklist.history.columns.by')}</th>
              <th scope="col">{t('checklist.history.columns.action')}</th>
              <th scope="col">{t('checklist.history.columns.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, settings)}</td>
                <td>{e.userName || empty}</td>
                <td>{t(`checklist.history.actions.${e.action}`)}</td>
                <td>
                  <ul className="changes">
                    {e.changes.map((c) => (
                      <li key={c.field}>
                        {t('checklist.history.change', {
                          field: t(`checklist.fields.${c.field}`, { defaultValue: c.field }),
                          old: show(c.field, c.old),
                          new: show(c.field, c.new),
                        })}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
