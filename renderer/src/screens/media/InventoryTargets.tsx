import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

interface Choice {
  id: string;
  label: string;
}

/**
 * The site's device inventory (8-2-1) as a pick list for the target devices,
 * when there is one; picking a device adds its line to the list.
 */
export function InventoryTargets({ siteId, onPick }: { siteId: string; onPick(label: string): void }) {
  const { t } = useTranslation();
  const [devices, setDevices] = useState<Choice[]>([]);
  useEffect(() => {
    let live = true;
    api.inventory.list({ siteId, limit: 1000 }).then(
      (list) => live && setDevices(list.devices.map((d) => ({ id: d.id, label: [d.assetId, d.name].filter(Boolean).join(' ') || d.id }))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [siteId]);
  if (devices.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor="inventory-targets">{t('media.checkIn.targetsFromInventory')}</label>
      <select
        id="inventory-targets"
        value=""
        onChange={(e) => {
          const picked = devices.find((d) => d.id === e.target.value);
          if (picked) onPick(picked.label);
        }}
      >
        <option value="">{t('media.checkIn.targetsFromInventory')}</option>
        {devices.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
          </option>
        ))}
      </select>
    </div>
  );
}
