import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INSIDE_ZONES, type ErrorShape, type InsideZone, type SiteRegisters } from '../../../../../electron/api/contract';
import { api } from '../../../api/client';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { toErrorShape } from '../../../lib/use-load';

/** Each ネットワーク value of the inventory and the diagram zone it is drawn in: guessed from its words until set here. */
export function NetworkZones({ siteId, registers, readOnly, onChange }: { siteId: string; registers: SiteRegisters; readOnly: boolean; onChange(r: SiteRegisters): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ErrorShape | null>(null);

  async function choose(network: string, value: string) {
    setFailure(null);
    try {
      onChange(await api.registers.setNetworkZone({ siteId, network, zone: value ? (value as InsideZone) : null }));
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <section className="card network-zones" aria-labelledby="network-zones-heading" data-testid="network-zones">
      <h2 id="network-zones-heading">{t('registers.points.zones.heading')}</h2>
      <p className="muted">{t('registers.points.zones.intro')}</p>
      {failure && <ErrorMessage error={failure} />}
      {registers.networks.length === 0 ? (
        <p className="empty">{t('registers.points.zones.empty')}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('registers.points.zones.network')}</th>
              <th scope="col">{t('registers.points.zones.devices')}</th>
              <th scope="col">{t('registers.points.zones.zone')}</th>
            </tr>
          </thead>
          <tbody>
            {registers.networks.map((n) => (
              <tr key={n.network}>
                <td>{n.network}</td>
                <td className="num">{n.devices}</td>
                <td>
                  {readOnly ? (
                    <span>
                      {t(`registers.zones.${n.zone}`)} <span className="muted">{t(n.set ? 'registers.points.zones.set' : 'registers.points.zones.guessed')}</span>
                    </span>
                  ) : (
                    <select value={n.set ? n.zone : ''} onChange={(e) => void choose(n.network, e.target.value)} aria-label={t('registers.points.zones.selectLabel', { network: n.network })}>
                      <option value="">{n.set ? t('registers.points.zones.backToGuess') : t('registers.points.zones.guess', { zone: t(`registers.zones.${n.zone}`) })}</option>
                      {INSIDE_ZONES.map((z) => (
                        <option key={z} value={z}>
                          {t(`registers.zones.${z}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
