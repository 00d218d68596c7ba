import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogRow, Medium } from '../../../../electron/api/contract';
import type { LogFilter } from '../../../../electron/core/media/media-schema';
import { ErrorMessage } from '../../components/ErrorMessage';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { EntryDetail } from './EntryDetail';
import { LogFilters } from './LogFilters';
import { useLogPages } from './use-log-pages';

const ROW_HEIGHT = 36;

interface Props {
  siteId: string;
  /** Conditions the view always applies (one medium, the exceptions). */
  fixed?: LogFilter;
  media: Medium[];
  height?: number;
  showFilters?: boolean;
  testId?: string;
}

/** The checkpoint log: filters, a virtualised table, and the chosen entry's details. */
export function MediaLog({ siteId, fixed = {}, media, height = 300, showFilters = true, testId = 'media-log' }: Props) {
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
  const columns: VirtualColumn[] = [
    { key: 'n', label: t('media.log.columns.n'), width: '3.8rem' },
    // English 和暦 ("Reiwa 8 (2026)-12-02 09:55") is the longest way a time is written.
    { key: 'at', label: t('media.log.columns.at'), width: settings.language === 'en' && settings.calendar === 'japanese' ? '13.5rem' : '11rem' },
    { key: 'kind', label: t('media.log.columns.kind'), width: '4.8rem' },
    { key: 'controlNo', label: t('media.log.columns.controlNo'), width: '6rem' },
    { key: 'person', label: t('media.log.columns.person'), width: '7rem' },
    { key: 'company', label: t('media.log.columns.company'), width: '8rem' },
    { key: 'purpose', label: t('media.log.columns.purpose'), width: 'minmax(5rem, 1fr)' },
    { key: 'result', label: t('media.log.columns.result'), width: '6.5rem' },
    { key: 'decision', label: t('media.log.columns.decision'), width: '13rem' },
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
            {r.decision && <span className={`pill pill-${r.decision}`}>{t(`media.decisions.${r.decision}`)}</span>}
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
        <p className="empty">{t('media.log.empty')}</p>
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
