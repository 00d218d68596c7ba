import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogRow, Medium } from '../../../../electron/api/contract';
import { decisionText, staleText } from '../../../../electron/core/media/entry-words';
import type { LogFilter } from '../../../../electron/core/media/media-schema';
import { ErrorMessage } from '../../components/ErrorMessage';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { formatDateTime, formatNumber } from '../../lib/format';
import { labelRem } from '../../lib/label-track';
import { useSettings } from '../../lib/settings-context';
import { EntryDetail } from './EntryDetail';
import { LogFilters } from './LogFilters';
import { useLogPages } from './use-log-pages';

const ROW_HEIGHT = 36;
/** Two-digit month, day and hour: no date and time is written longer. */
const WIDEST_TIME = '2088-12-28T14:58:00.000Z';

interface Props {
  siteId: string;
  /** Conditions the view always applies (one medium, the exceptions). */
  fixed?: LogFilter;
  media: Medium[];
  height?: number;
  showFilters?: boolean;
  testId?: string;
  /** What an empty view says when no filter of the user's is applied. */
  emptyText?: string;
}

/** The checkpoint log: filters, a virtualised table, and the chosen entry's details. */
export function MediaLog({ siteId, fixed = {}, media, height = 300, showFilters = true, testId = 'media-log', emptyText }: Props) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [filter, setFilter] = useState<LogFilter>({});
  const effective = { ...filter, ...fixed };
  const log = useLogPages(siteId, effective);
  const [openId, setOpenId] = useState<string | null>(null);
  const { want } = log;
  const onRange = useCallback((start: number, end: number) => want(start, end), [want]);

  useEffect(() => setOpenId(null), [JSON.stringify(effective)]);

  // What fits 1366 px; the method, tool and versions are in the entry's details and the export.
  // A date, an entry's kind and a scan result are never cut short: their columns are as wide as the
  // longest word in the user's language. The free-text columns share what is left, each at least as
  // wide as its heading.
  const tt = (key: string, params?: Record<string, string | number>) => t(key, params ?? {});
  const label = (column: string) => t(`media.log.columns.${column}`);
  const fits = (labels: string[]) => `${labelRem(labels, 0.9, 1.1)}rem`;
  const vocabulary = (key: string, column: string) => fits([label(column), ...Object.values(t(key, { returnObjects: true }) as Record<string, string>)]);
  const text = (column: string, share: number) => `minmax(${Math.max(5, labelRem([label(column)], 0.9, 1.1))}rem, ${share}fr)`;
  const columns: VirtualColumn[] = [
    { key: 'n', label: label('n'), width: '3.8rem' },
    { key: 'at', label: label('at'), width: fits([label('at'), formatDateTime(WIDEST_TIME, settings)]) },
    { key: 'kind', label: label('kind'), width: vocabulary('media.kinds', 'kind') },
    { key: 'controlNo', label: label('controlNo'), width: text('controlNo', 6) },
    { key: 'person', label: label('person'), width: text('person', 7) },
    { key: 'company', label: label('company'), width: text('company', 8) },
    { key: 'purpose', label: label('purpose'), width: text('purpose', 8) },
    { key: 'result', label: label('result'), width: vocabulary('media.results', 'result') },
    { key: 'decision', label: label('decision'), width: '13rem' },
  ];

  function cell(index: number, column: string) {
    const r = log.row(index);
    if (!r) return undefined;
    return cellOf(r, column);
  }

  function cellOf(r: LogRow, column: string) {
    switch (column) {
      case 'n':
        return `#${r.n}`;
      case 'at':
        return formatDateTime(r.at, settings);
      case 'kind':
        return t(`media.kinds.${r.kind}`);
      case 'controlNo':
        return r.controlNo;
      case 'person':
        return r.person;
      case 'company':
        return r.company;
      case 'purpose':
        return r.purpose;
      case 'result':
        return r.result ? t(`media.results.${r.result}`) : '';
      case 'decision':
        return (
          <>
            {/* The pill keeps to the 判定 so the column fits 1366 px; what an exception covers is its title, and old definitions a note. */}
            {r.decision && (
              <span className={`pill pill-${r.decision}`} title={decisionText(tt, r)}>
                {t(`media.decisions.${r.decision}`)}
              </span>
            )}
            {staleText(tt, r) && (
              <span className="pill-note" title={staleText(tt, r)}>
                {t('media.log.staleDefinitions')}
              </span>
            )}
            {r.corrected && <span className="pill-note">{t('media.log.corrected')}</span>}
            {r.checkedOut && <span className="pill-note">{t('media.log.checkedOut')}</span>}
          </>
        );
      default:
        return '';
    }
  }

  const count = log.total ?? 0;
  return (
    <>
      {showFilters && <LogFilters media={media} value={filter} onApply={setFilter} fixed={Object.keys(fixed)} />}
      {log.error && <ErrorMessage error={log.error} />}
      <p className="log-meta">
        <span data-testid={`${testId}-count`}>
          {log.total === null ? t('media.log.loadingRow') : t(log.capped ? 'media.log.countCapped' : 'media.log.count', { count: formatNumber(count, settings.language) })}
        </span>
        <span>{t('media.log.keyboardHint')}</span>
      </p>
      {log.total === 0 ? (
        <p className="empty" data-testid={`${testId}-empty`}>
          {Object.keys(filter).length > 0 ? t('media.log.noMatch') : (emptyText ?? t('media.log.empty'))}
        </p>
      ) : (
        <VirtualTable
          label={t('media.log.tableLabel')}
          columns={columns}
          rowCount={count}
          rowHeight={ROW_HEIGHT}
          height={Math.min(height, Math.max(count, 1) * ROW_HEIGHT + 2)}
          cell={cell}
          loadingText={t('media.log.loadingRow')}
          rowClass={(i) => `row-${log.row(i)?.decision ?? 'none'}`}
          onRange={onRange}
          onActivate={(i) => {
            const r = log.row(i);
            if (r) setOpenId(r.id);
          }}
          testId={testId}
          minWidth="62rem"
        />
      )}
      {openId && <EntryDetail key={openId} siteId={siteId} entryId={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}
