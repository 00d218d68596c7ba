import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate, formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useLoad } from '../../lib/use-load';

const PAGE = 50;

/** The current revision of every advisory, newest release first, searchable by ID, title, publisher or CVE. */
export function AdvisoryList({ version }: { version: number }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [load] = useLoad(() => api.advisories.list({ ...(search.trim() ? { search: search.trim() } : {}), offset, limit: PAGE }), [search, offset, version]);
  const k = (key: string, params?: Record<string, string | number>) => t(`advisories.import.screen.list.${key}`, params ?? {});
  return (
    <section className="card" aria-labelledby="advisories-list" data-testid="advisories-list">
      <h2 id="advisories-list">{k('heading')}</h2>
      <div className="advisories-search">
        <label htmlFor="advisories-search">{k('search')}</label>
        <input
          id="advisories-search"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setOffset(0);
          }}
        />
      </div>
      {load.state === 'error' && <ErrorMessage error={load.error} />}
      {load.state === 'ready' && load.data.total === 0 && <p className="muted">{search.trim() ? k('noMatch') : k('empty')}</p>}
      {load.state === 'ready' && load.data.total > 0 && (
        <>
          <table className="table compact advisories-table">
            <thead>
              <tr>
                {(['id', 'title', 'publisher', 'released', 'products', 'cves', 'cvss', 'integrity'] as const).map((c) => (
                  <th key={c} scope="col">
                    {k(`columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {load.data.items.map((a) => (
                <tr key={a.id}>
                  <td className="mono advisories-id">
                    {a.trackingId}
                    <div className="muted">
                      {t('advisories.import.cli.version', { version: a.version })}
                      {a.revisions > 1 ? ` ${k('revisions', { count: a.revisions })}` : ''}
                    </div>
                  </td>
                  <td>{a.title}</td>
                  <td>{a.publisherName}</td>
                  <td>{formatDate(a.currentReleaseDate.slice(0, 10), settings)}</td>
                  <td className="numeric">{formatNumber(a.products, settings.language)}</td>
                  <td className="mono advisories-cves">{a.cves.join(' ')}</td>
                  <td className="numeric">{a.cvss === null ? '—' : a.cvss.toFixed(1)}</td>
                  <td>{t(`advisories.import.screen.list.integrity.${a.integrity}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="advisories-pager">
            <span>{k('range', { from: offset + 1, to: offset + load.data.items.length, total: load.data.total })}</span>
            <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('app.actions.previous')}
            </button>
            <button type="button" className="button" disabled={offset + PAGE >= load.data.total} onClick={() => setOffset(offset + PAGE)}>
              {t('app.actions.next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
