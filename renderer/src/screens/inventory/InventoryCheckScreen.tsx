import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, ErrorShape, LocationSummary } from '../../../../electron/api/contract';
import type { CheckStatus } from '../../../../electron/core/inventory/inventory-types';
import { api } from '../../api/client';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { Field } from '../../components/fields';
import { formatDate, today } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { inventoryHref } from './inventory-paths';

/** Devices shown at one location; a location with more is rare and paged by the list screen. */
const PER_LOCATION = 1000;

/** The 存在確認 walkthrough: location by location, each device confirmed, not found or moved, with the day. */
export function InventoryCheckScreen({ siteId }: { siteId: string }) {
  const [locations, reloadLocations] = useLoad(() => api.inventory.locations({ siteId }), [siteId]);
  if (locations.state === 'loading') return <section aria-busy="true" />;
  if (locations.state === 'error') return <ErrorMessage error={locations.error} />;
  return <CheckView siteId={siteId} locations={locations.data} reloadLocations={reloadLocations} />;
}

function CheckView({ siteId, locations, reloadLocations }: { siteId: string; locations: LocationSummary[]; reloadLocations(): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [checkedOn, setCheckedOn] = useState(() => today(settings));
  const [location, setLocation] = useState(locations[0]?.location ?? '');
  // What was recorded, translated when shown: a language switch leaves no message in the other language.
  const [notice, setNotice] = useState<{ assetId: string; status: CheckStatus; checkedOn: string } | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [devices, reloadDevices] = useLoad(() => api.inventory.list({ siteId, location, limit: PER_LOCATION }), [siteId, location]);
  const place = (l: string) => l || t('inventory.check.noLocation');

  async function record(device: Device, status: CheckStatus, newLocation = '') {
    setFailure(null);
    setNotice(null);
    try {
      const check = await api.inventory.check({ siteId, deviceId: device.id, status, checkedOn, ...(status === 'moved' ? { newLocation } : {}) });
      setNotice({ assetId: device.assetId, status: check.status, checkedOn: check.checkedOn });
      reloadDevices();
      reloadLocations();
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <section aria-labelledby="inventory-check-heading">
      <div className="page-header">
        <h1 id="inventory-check-heading">{t('inventory.check.heading')}</h1>
        <div className="actions">
          <a className="button" href={inventoryHref(siteId)}>
            {t('inventory.actions.backToList')}
          </a>
        </div>
      </div>
      <p className="inventory-intro">{t('inventory.check.intro')}</p>
      {locations.length === 0 ? (
        <p className="empty">{t('inventory.check.empty')}</p>
      ) : (
        <>
          <div className="card inventory-check-controls">
            <Field label={t('inventory.check.date')} error={undefined}>
              {(props) => <input {...props} type="date" name="checkedOn" value={checkedOn} required onChange={(e) => setCheckedOn(e.target.value)} />}
            </Field>
            <Field label={t('inventory.check.location')} error={undefined}>
              {(props) => (
                <select {...props} name="location" value={location} onChange={(e) => setLocation(e.target.value)}>
                  {locations.map((l) => (
                    <option key={l.location} value={l.location}>
                      {t('inventory.check.locationOption', { location: place(l.location), checked: l.checked, devices: l.devices })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {failure && <ErrorMessage error={failure} />}
          {notice && <Notice>{t('inventory.check.recorded', { assetId: notice.assetId, status: t(`inventory.check.status.${notice.status}`), date: formatDate(notice.checkedOn, settings) })}</Notice>}
          <h2>{t('inventory.check.devicesAt', { location: place(location) })}</h2>
          {devices.state === 'ready' && (
            <ul className="inventory-check-list" data-testid="inventory-check-list">
              {devices.data.devices.map((d) => (
                <DeviceCheckRow key={d.id} device={d} disabled={!checkedOn} onRecord={(status, newLocation) => void record(d, status, newLocation)} />
              ))}
            </ul>
          )}
          {devices.state === 'error' && <ErrorMessage error={devices.error} />}
        </>
      )}
    </section>
  );
}

interface RowProps {
  device: Device;
  disabled: boolean;
  onRecord(status: CheckStatus, newLocation?: string): void;
}

function DeviceCheckRow({ device, disabled, onRecord }: RowProps) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [moving, setMoving] = useState(false);
  const [newLocation, setNewLocation] = useState('');
  const check = device.lastCheck;
  useEffect(() => setMoving(false), [check?.id]);
  const markAs = (status: CheckStatus) => t('inventory.check.markAs', { assetId: device.assetId, status: t(`inventory.check.status.${status}`) });
  return (
    <li className="card inventory-check-row" data-testid={`check-${device.assetId}`}>
      <div className="inventory-check-device">
        <span className="mono">{device.assetId}</span> <strong>{device.name}</strong> <span className="muted">{device.kind}</span>
        <span className="muted">{device.ipAddress}</span>
        <p className={`check-status check-${check?.status ?? 'unchecked'}`}>
          {check
            ? t('inventory.check.last', { status: t(`inventory.check.status.${check.status}`), date: formatDate(check.checkedOn, settings) })
            : t('inventory.check.never')}
        </p>
      </div>
      <div className="inventory-check-actions">
        <button type="button" className="button" disabled={disabled} aria-label={markAs('confirmed')} onClick={() => onRecord('confirmed')}>
          {t('inventory.check.status.confirmed')}
        </button>
        <button type="button" className="button" disabled={disabled} aria-label={markAs('not_found')} onClick={() => onRecord('not_found')}>
          {t('inventory.check.status.not_found')}
        </button>
        <button type="button" className="button" disabled={disabled} aria-expanded={moving} aria-label={markAs('moved')} onClick={() => setMoving(!moving)}>
          {t('inventory.check.status.moved')}
        </button>
      </div>
      {moving && (
        <form
          className="inventory-move"
          onSubmit={(e) => {
            e.preventDefault();
            if (newLocation.trim()) onRecord('moved', newLocation.trim());
          }}
        >
          <Field label={t('inventory.check.newLocation')} error={undefined}>
            {(props) => <input {...props} name="newLocation" value={newLocation} required autoFocus onChange={(e) => setNewLocation(e.target.value)} />}
          </Field>
          <button type="submit" className="button button-primary" disabled={disabled || !newLocation.trim()}>
            {t('inventory.check.record')}
          </button>
        </form>
      )}
    </li>
  );
}
