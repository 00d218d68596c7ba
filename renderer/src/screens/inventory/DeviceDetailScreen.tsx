import { useTranslation } from 'react-i18next';
import type { DeviceDetail, DeviceEvent } from '../../../../electron/api/contract';
import { DEVICE_FIELDS } from '../../../../electron/core/inventory/inventory-types';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useLoad } from '../../lib/use-load';
import { inventoryHref } from './inventory-paths';
import { fieldLabel } from './PreviewTables';

type Change = DeviceEvent['changes'][number];

function useEventText() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const title = (e: DeviceEvent): string => {
    if (e.kind === 'checked' && e.check) {
      return t('inventory.device.event.checked', { status: t(`inventory.check.status.${e.check.status}`), date: formatDate(e.check.checkedOn, settings) });
    }
    if (e.kind === 'patched') return t('inventory.device.event.patched', { advisory: e.advisory ?? '' });
    if (e.kind === 'created') return e.batch ? t('inventory.device.event.created', { file: e.batch.fileName }) : t('inventory.device.event.createdElsewhere');
    return e.batch ? t(`inventory.device.event.${e.kind}`, { file: e.batch.fileName }) : t(`inventory.device.event.${e.kind}NoFile`);
  };
  const change = (c: Change): string => {
    if (c.field === 'inLatestImport') return t(c.new === 'true' ? 'inventory.device.relisted' : 'inventory.device.unlisted');
    const show = (v: string | null) => (v === null || v === '' ? t('inventory.preview.empty') : v);
    return t('inventory.preview.changeLine', { field: fieldLabel(t, c.field), old: show(c.old), new: show(c.new) });
  };
  return { title, change };
}

function History({ events }: { events: DeviceEvent[] }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const text = useEventText();
  return (
    <ol className="inventory-history" data-testid="device-history">
      {events.map((e, i) => (
        <li key={`${e.kind}-${e.at}-${i}`} className={`history-${e.kind}`}>
          <div className="inventory-history-title">
            <strong>{text.title(e)}</strong>{' '}
            <span className="muted">
              {e.userName ? t('inventory.device.by', { date: formatDateTime(e.at, settings), user: e.userName }) : formatDateTime(e.at, settings)}
            </span>
          </div>
          {(e.changes.length > 0 || e.check?.note) && (
            <ul>
              {e.changes.map((c) => (
                <li key={c.field}>{text.change(c)}</li>
              ))}
              {e.check?.note && <li>{t('inventory.device.note', { note: e.check.note })}</li>}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

function DeviceView({ siteId, detail }: { siteId: string; detail: DeviceDetail }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { device, history } = detail;
  const value = (v: string | null) => v || t('inventory.device.noValue');
  const extra = Object.entries(device.extra);
  return (
    <section aria-labelledby="device-heading" data-testid="device-detail">
      <div className="page-header">
        <h1 id="device-heading">
          <span className="mono">{device.assetId}</span> {device.name}
        </h1>
        <div className="actions">
          <a className="button" href={inventoryHref(siteId)}>
            {t('inventory.actions.backToList')}
          </a>
        </div>
      </div>
      <p className="inventory-intro">{t('inventory.device.label')}</p>
      <div className="columns inventory-device-columns">
        <div className="card">
          <h2>{t('inventory.device.fields')}</h2>
          <dl className="facts" data-testid="device-fields">
            {DEVICE_FIELDS.map((field) => (
              <div key={field}>
                <dt>{t(`inventory.fields.${field}`)}</dt>
                <dd className={field === 'assetId' || field === 'ipAddress' || field === 'macAddress' ? 'mono' : undefined}>
                  {field === 'installedOn' ? (device.installedOn ? formatDate(device.installedOn, settings) : value(null)) : value(device[field])}
                </dd>
              </div>
            ))}
            <div>
              <dt>{t('inventory.device.inLatestImport')}</dt>
              <dd>{device.inLatestImport ? t('inventory.device.inLatest') : <span className="tag">{t('inventory.list.notInLatestImport')}</span>}</dd>
            </div>
            <div>
              <dt>{t('inventory.device.lastCheck')}</dt>
              <dd>
                {device.lastCheck
                  ? t('inventory.device.checkLine', { status: t(`inventory.check.status.${device.lastCheck.status}`), date: formatDate(device.lastCheck.checkedOn, settings) })
                  : t('inventory.check.status.unchecked')}
              </dd>
            </div>
          </dl>
        </div>
        <div className="card">
          <h2>{t('inventory.device.extra')}</h2>
          <p className="field-hint">{t('inventory.device.extraHint')}</p>
          {extra.length === 0 ? (
            <p className="muted">{t('inventory.device.extraEmpty')}</p>
          ) : (
            <dl className="facts" data-testid="device-extra">
              {extra.map(([key, text]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd className="inventory-multiline">{text}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </div>
      <div className="card">
        <h2>{t('inventory.device.history')}</h2>
        <p className="field-hint">{t('inventory.device.historyHint')}</p>
        <History events={history} />
      </div>
    </section>
  );
}

/** One device: every field, the columns Hoan kept as extra attributes, and what imports, undos and checks did to it. */
export function DeviceDetailScreen({ siteId, deviceId }: { siteId: string; deviceId: string }) {
  const [load] = useLoad(() => api.inventory.device({ siteId, deviceId }), [siteId, deviceId]);
  if (load.state === 'loading') return <section aria-busy="true" />;
  if (load.state === 'error') return <ErrorMessage error={load.error} />;
  return <DeviceView siteId={siteId} detail={load.data} />;
}
