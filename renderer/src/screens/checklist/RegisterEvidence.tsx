import { useTranslation } from 'react-i18next';
import {
  registerGaps,
  registerOfItem,
  RESPONSIBILITIES,
  type ItemState,
  type Party,
  type RegisterName,
  type SiteRegisters,
} from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLoad } from '../../lib/use-load';
import { registersHref } from '../registers/RegistersSection';

/** The register page each backed item links to. */
const PAGE: Record<RegisterName, string[]> = { organisation: [], contacts: ['contacts'], connection_points: ['points'] };

/** The items a party's assigned responsibilities answer. */
const itemsOf = (p: Party) => new Set<string>(p.responsibilities.flatMap((id) => RESPONSIBILITIES.find((r) => r.id === id)?.items ?? []));

function partyLabel(p: Party, t: (key: string, params?: Record<string, string>) => string): string {
  return p.personName && p.organisation ? t('registers.checklist.personOfOrganisation', { person: p.personName, organisation: p.organisation }) : p.personName || p.organisation;
}

function Organisation({ r, itemId }: { r: SiteRegisters; itemId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="register-evidence-list">
      {r.parties.map((p) => {
        const here = p.responsibilities.filter((id) => (RESPONSIBILITIES.find((x) => x.id === id)?.items as readonly string[] | undefined)?.includes(itemId));
        return (
          <li key={p.id} data-holds={itemsOf(p).has(itemId) || undefined}>
            <strong>{t(`registers.roles.${p.role}`)}</strong> {partyLabel(p, t)}
            {here.length > 0 && <span className="register-evidence-holds"> {t('registers.checklist.holds', { responsibilities: here.map((id) => t(`registers.responsibilities.${id}`)).join(t('registers.checklist.separator')) })}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function Contacts({ r }: { r: SiteRegisters }) {
  const { t, i18n } = useTranslation();
  const byId = new Map(r.parties.map((p) => [p.id, p]));
  return (
    <ol className="register-evidence-list">
      {r.contactSteps.map((s) => {
        const p = byId.get(s.partyId);
        return (
          <li key={s.position}>
            {p ? (
              <>
                <strong>{t(`registers.roles.${p.role}`)}</strong> {partyLabel(p, t)} {p.phone && <span className="mono">{p.phone}</span>}
              </>
            ) : null}
            {s.note && <span className="muted"> {s.note}</span>}
          </li>
        );
      })}
      {r.contactSteps.length > 0 && (
        <li>
          <strong>{t('registers.office')}</strong> {i18n.language === 'en' ? r.office.officeEn : r.office.officeJa} <span className="mono">{r.office.phone}</span>
        </li>
      )}
    </ol>
  );
}

function Points({ r }: { r: SiteRegisters }) {
  const { t } = useTranslation();
  return (
    <ul className="register-evidence-list">
      {r.points.map((p) => {
        const undefended = p.defences.length === 0;
        return (
          <li key={p.id} data-undefended={(undefended && !p.noDefenceReason.trim()) || undefined}>
            <strong>{p.name}</strong> <span className="muted">{t(`registers.media.${p.medium}`)}</span>{' '}
            {p.needed ? t('registers.checklist.needed') : t('registers.checklist.notNeeded', { date: p.removalDate ?? '—' })}
            <br />
            {undefended
              ? p.noDefenceReason.trim()
                ? t('registers.checklist.noDefenceReason', { reason: p.noDefenceReason })
                : <span className="register-evidence-missing">{t('registers.checklist.noDefence')}</span>
              : t('registers.checklist.defences', { defences: p.defences.map((d) => t(`registers.defenceKinds.${d.kind}`)).join(t('registers.checklist.separator')) })}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The register behind 2-1, 2-2, 6-2-2, 6-2-3, 10-2 and 10-3 as the item's
 * evidence (issue 14), with a link to its page. What the register lacks for
 * 実施済 is said with the rule the save applies (registerGaps): as a warning
 * over a decision already recorded 実施済, which is never rewritten.
 */
export function RegisterEvidence({ siteId, itemId, state }: { siteId: string; itemId: string; state: ItemState }) {
  const { t } = useTranslation();
  const [registers] = useLoad(() => api.registers.get({ siteId }), [siteId]);
  const register = registerOfItem(itemId);
  if (!register) return null;
  if (registers.state === 'loading') return <div className="register-evidence" aria-busy="true" />;
  if (registers.state === 'error') return <ErrorMessage error={registers.error} />;
  const r = registers.data;
  const gaps = registerGaps(itemId, r);
  const empty = gaps.some((g) => g.kind === 'empty');
  return (
    <section className="register-evidence" data-testid="register-evidence" aria-labelledby="register-evidence-title">
      <h3 id="register-evidence-title">{t('registers.checklist.title', { register: t(`registers.registerNames.${register}`) })}</h3>
      {empty ? (
        <p className="muted">{t(`registers.checklist.empty.${register}`)}</p>
      ) : register === 'organisation' ? (
        <Organisation r={r} itemId={itemId} />
      ) : register === 'contacts' ? (
        <Contacts r={r} />
      ) : (
        <Points r={r} />
      )}
      {gaps.map((g) => (
        <p key={g.kind} className={`alert ${state === 'implemented' ? 'alert-warn' : 'alert-info'}`} role="status" data-testid="register-gap">
          {t(`registers.checklist.${state === 'implemented' ? 'recordedGap' : 'gap'}.${g.kind === 'empty' ? register : 'undefended'}`, g.kind === 'undefended' ? { points: g.points.join(' / '), count: g.points.length } : {})}
        </p>
      ))}
      <a href={registersHref(siteId, ...PAGE[register])}>{t('registers.checklist.link', { register: t(`registers.registerNames.${register}`) })}</a>
    </section>
  );
}
