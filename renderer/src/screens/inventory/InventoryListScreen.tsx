import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, ErrorShape, ImportBatch, InventoryList } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice, type Message } from '../../components/ErrorMessage';
import { saveDownload } from '../../lib/download';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { inventoryHref } from './inventory-paths';

const PAGE = 100;
const COUNT_KEYS = ['devices', 'confirmed', 'notFound', 'moved', 'unchecked', 'notInLatestImport'] as const;

function CheckStatus({ device }: { device: Device }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const check = device.lastCheck;
  if (!check) return <span className="check-status check-unchecked">{t('inventory.check.status.unchecked')}</span>;
  return (
    <span className={`check-status check-${check.status}`}>
      {t(`inventory.check.status.${check.status}`)} <span className="muted">{formatDate(check.checkedOn, settings)}</span>
    </span>
  );
}

function LastImport({ batch }: { batch: ImportBatch }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  return (
    <p className="inventory-last-import" data-testid="last-import">
      <span>
        {t('inventory.list.lastImport', {
          file: batch.fileName,
          date: formatDateTime(batch.importedAt, settings),
          by: batch.importedBy || t('inventory.list.unknownUser'),
        })}
        {batch.undoneAt && ` ${t('inventory.list.undone', { date: formatDateTime(batch.undoneAt, settings) })}`}
      </span>
      <span className="muted">{t('inventory.list.lastImportCounts', { ...batch.counts })}</span>
    </p>
  );
}

/** The site's devices with their 存在確認 status, the last import, and the ways in and out. */
export function InventoryListScreen({ siteId }: { siteId: string }) {
  const [offset, setOffset] = useState(0);
  const [query, setQuery] = useState('');
  const [list, reload] = useLoad(
    () => api.inventory.list({ siteId, offset, limit: PAGE, ...(query ? { search: query } : {}) }),
    [siteId, offset, query],
  );
  if (list.state === 'loading') return <section aria-busy="true" />;
  if (list.state === 'error') return <ErrorMessage error={list.error} />;
  return (
    <InventoryListView
      siteId={siteId}
      list={list.data}
      offset={offset}
      query={query}
      onPage={setOffset}
      onSearch={(q) => {
        setQuery(q);
        setOffset(0);
      }}
      reload={reload}
    />
  );
}

interface ViewProps {
  siteId: string;
  list: InventoryList;
  offset: number;
  query: string;
  onPage(offset: number): void;
  onSearch(query: string): void;
  reload(): void;
}

function InventoryListView({ siteId, list, offset, query, onPage, onSearch, reload }: ViewProps) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [search, setSearch] = useState(query);
  const [notice, setNotice] = useState<Message | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [confirmUndo, setConfirmUndo] = useState(false);
  const [busy, setBusy] = useState(false);
  const batch = list.lastBatch;
  // Offered only when it would do something, and refused checks are said rather than offered.
  const undoable = list.undo && list.undo.blocked === null ? list.undo : null;
  const n = (v: number) => formatNumber(v, settings.language);

  async function act(work: () => Promise<Message>) {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      setNotice(await work());
      reload();
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setBusy(false);
      setConfirmUndo(false);
    }
  }

  const exportXlsx = () =>
    act(async () => {
      const file = await api.inventory.export({ siteId });
      saveDownload(file);
      return { key: 'inventory.list.exported', params: { path: file.path } };
    });
  const undo = () =>
    act(async () => {
      const undone = await api.inventory.undo({ siteId });
      return { key: 'inventory.list.undoDone', params: { file: undone.fileName } };
    });
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    onSearch(search.trim());
  };

  return (
    <section aria-labelledby="inventory-heading">
      <div className="page-header">
        <h1 id="inventory-heading">{t('inventory.heading')}</h1>
        <div className="actions">
          <a className="button button-primary" href={inventoryHref(siteId, 'import')}>
            {t('inventory.actions.import')}
          </a>
          <a className="button" href={inventoryHref(siteId, 'check')}>
            {t('inventory.actions.check')}
          </a>
          <button type="button" className="button" onClick={exportXlsx} disabled={busy || list.counts.devices === 0}>
            {t('inventory.actions.export')}
          </button>
        </div>
      </div>
      <p className="inventory-intro">{t('inventory.intro')}</p>
      {failure && <ErrorMessage error={failure} />}
      {notice && <Notice message={notice} />}

      <dl className="inventory-counts" aria-label={t('inventory.counts.label')} data-testid="inventory-counts">
        {COUNT_KEYS.map((key) => (
          <div key={key} className={list.counts[key] > 0 ? `count-${key}` : undefined}>
            <dt>{t(`inventory.counts.${key}`)}</dt>
            <dd>{n(list.counts[key])}</dd>
          </div>
        ))}
      </dl>

      {batch && (
        <div className="inventory-batch">
          <LastImport batch={batch} />
          {undoable && !confirmUndo && (
            <button type="button" className="button" onClick={() => setConfirmUndo(true)} disabled={busy}>
              {t('inventory.actions.undo')}
            </button>
          )}
          {list.undo?.blocked && <p className="muted inventory-undo-blocked">{t(list.undo.blocked === 'checks' ? 'inventory.list.undoBlocked' : 'inventory.list.undoBlockedTriage')}</p>}
          {undoable && confirmUndo && (
            <div className="alert alert-warn inventory-confirm" role="alertdialog" aria-labelledby="undo-question" data-testid="undo-confirm">
              <p id="undo-question">{t('inventory.list.undoQuestion', { file: undoable.fileName, date: formatDateTime(undoable.importedAt, settings) })}</p>
              <ul className="inventory-undo-effects">
                {undoable.removes > 0 && <li>{t('inventory.list.undoRemoves', { count: n(undoable.removes) })}</li>}
                {undoable.restores > 0 && <li>{t('inventory.list.undoRestores', { count: n(undoable.restores) })}</li>}
                {undoable.relists > 0 && <li>{t('inventory.list.undoRelists', { count: n(undoable.relists) })}</li>}
              </ul>
              <p className="muted">{t('inventory.list.undoKeeps')}</p>
              <div className="actions">
                <button type="button" className="button button-primary" onClick={undo} disabled={busy} autoFocus>
                  {t('inventory.actions.confirmUndo')}
                </button>
                <button type="button" className="button" onClick={() => setConfirmUndo(false)}>
                  {t('app.actions.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}

      {list.counts.devices === 0 ? (
        <p className="empty">{t('inventory.list.empty')}</p>
      ) : (
        <>
          <form className="inventory-search" role="search" onSubmit={submitSearch}>
            <label htmlFor="inventory-search">{t('inventory.list.search')}</label>
            <input id="inventory-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            <button type="submit" className="button">
              {t('inventory.list.searchButton')}
            </button>
          </form>
          {list.total === 0 ? (
            <p className="empty">{t('inventory.list.noMatch')}</p>
          ) : (
            <DeviceTable siteId={siteId} list={list} offset={offset} onPage={onPage} />
          )}
        </>
      )}
    </section>
  );
}

function DeviceTable({ siteId, list, offset, onPage }: { siteId: string; list: InventoryList; offset: number; onPage(offset: number): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const n = (v: number) => formatNumber(v, settings.language);
  return (
    <>
      <div className="inventory-table-wrap">
        <table className="table inventory-table" data-testid="inventory-table" aria-label={t('inventory.list.tableLabel')}>
          <thead>
            <tr>
              {(['assetId', 'name', 'kind', 'location', 'model', 'softwareVersion', 'ipAddress'] as const).map((f) => (
                // By 管理番号 in natural order (KT-2 before KT-10), from the server: the order holds across pages.
                <th key={f} scope="col" aria-sort={f === 'assetId' ? 'ascending' : undefined} className={f === 'assetId' ? 'sorted-ascending' : undefined}>
                  {t(`inventory.fields.${f}`)}
                </th>
              ))}
              <th scope="col">{t('inventory.list.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.devices.map((d) => (
              <tr key={d.id} className={d.inLatestImport ? undefined : 'row-absent'}>
                <td className="mono">
                  <a href={inventoryHref(siteId, 'device', d.id)} aria-label={t('inventory.list.openDevice', { assetId: d.assetId })}>
                    {d.assetId}
                  </a>
                  {!d.inLatestImport && <span className="tag">{t('inventory.list.notInLatestImport')}</span>}
                </td>
                <td>{d.name}</td>
                <td>{d.kind}</td>
                <td>{d.location}</td>
                <td>{d.model}</td>
                <td>{d.softwareVersion}</td>
                <td className="mono">{d.ipAddress}</td>
                <td>
                  <CheckStatus device={d} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="inventory-pager">
        <span>{t('inventory.list.range', { from: n(offset + 1), to: n(offset + list.devices.length), total: n(list.total) })}</span>
        <button type="button" className="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE))}>
          {t('app.actions.previous')}
        </button>
        <button type="button" className="button" disabled={offset + PAGE >= list.total} onClick={() => onPage(offset + PAGE)}>
          {t('app.actions.next')}
        </button>
      </div>
    </>
  );
}
