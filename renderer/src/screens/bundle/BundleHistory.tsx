import { useTranslation } from 'react-i18next';
import type { BundleRecord } from '../../../../electron/api/contract';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { definitionsParams } from './BundleDefinitions';

/** Bundles made and imported here: each one's provenance (signer, bundle id, date). */
export function BundleHistory({ records, showSite }: { records: BundleRecord[]; showSite: boolean }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  if (records.length === 0) return <p className="empty">{t('bundle.history.empty')}</p>;
  return (
    <table className="table" data-testid="bundle-history">
      <thead>
        <tr>
          <th scope="col">{t('bundle.history.columns.recordedAt')}</th>
          <th scope="col">{t('bundle.history.columns.direction')}</th>
          {showSite && <th scope="col">{t('bundle.history.columns.site')}</th>}
          <th scope="col">{t('bundle.history.columns.signer')}</th>
          <th scope="col">{t('bundle.history.columns.sequence')}</th>
          <th scope="col">{t('bundle.history.columns.bagged')}</th>
          <th scope="col">{t('bundle.history.columns.bundleId')}</th>
          <th scope="col">{t('bundle.history.columns.definitions')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((b) => (
          <tr key={b.id}>
            <td>{formatDateTime(b.recordedAt, settings)}</td>
            <td>{t('bundle.history.directionKind', { direction: t(`bundle.history.directions.${b.direction}`), kind: t(`bundle.kinds.${b.kind}`) })}</td>
            {showSite && <td>{b.siteName}</td>}
            <td>
              {b.signerName}
              <div className="mono muted">{b.signerFingerprint}</div>
            </td>
            <td>{b.sequence}</td>
            <td>{formatDateTime(b.baggedAt, settings)}</td>
            <td className="mono">{b.id.slice(0, 8)}</td>
            <td data-testid="history-definitions">
              {b.definitions && (
                <>
                  {definitionsParams(t, settings, b.definitions).version}
                  <div className="muted">{definitionsParams(t, settings, b.definitions).builtAt}</div>
                  <div className={`definitions-state definitions-state-${b.definitions.state}`}>{t(`bundle.definitions.states.${b.definitions.state}`)}</div>
                </>
              )}
              {b.advisories && <div data-testid="history-advisories">{t(b.direction === 'export' ? 'advisories.bundle.historySent' : 'advisories.bundle.historyReceived', { ...b.advisories })}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
