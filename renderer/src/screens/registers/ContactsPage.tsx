import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, Party, SiteRegisters } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice, type Message } from '../../components/ErrorMessage';
import { indexFieldErrors } from '../../components/fields';
import { useSettings } from '../../lib/settings-context';
import { useSiteAccess } from '../../lib/site-access';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { ContactCard } from './ContactCard';
import { partyName } from './party-label';
import { registersHref } from './RegistersSection';

interface Step {
  partyId: string;
  note: string;
}

/**
 * 連絡体制 (10-2, 10-3): whom to call, in order, when something happens;
 * the competent 産業保安監督部 closes the order (from the region table, not
 * stored). `contacts/card` is the one-page card to post in the electric room.
 */
export function ContactsPage({ siteId, rest }: { siteId: string; rest: string[] }) {
  const [registers, reload] = useLoad(() => api.registers.get({ siteId }), [siteId]);
  if (rest[0] === 'card') return <ContactCard siteId={siteId} registers={registers} />;
  return <ContactsEditor siteId={siteId} registers={registers} reload={reload} />;
}

function ContactsEditor({ siteId, registers, reload }: { siteId: string; registers: ReturnType<typeof useLoad<SiteRegisters>>[0]; reload(): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { readOnly } = useSiteAccess();
  const loaded = registers.state === 'ready' ? registers.data : null;
  const saved: Step[] = loaded ? loaded.contactSteps.map((s) => ({ partyId: s.partyId, note: s.note })) : [];
  const [draft, setDraft] = useState<Step[] | null>(null);
  const [adding, setAdding] = useState('');
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const steps = draft ?? saved;
  const parties = new Map((loaded?.parties ?? []).map((p) => [p.id, p]));
  const addable = (loaded?.parties ?? []).filter((p) => !steps.some((s) => s.partyId === p.id));
  const errors = indexFieldErrors(failure?.fields);
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(saved);

  const edit = (next: Step[]) => {
    setDraft(next);
    setNotice(null);
  };
  const move = (i: number, by: number) => {
    const next = [...steps];
    const [step] = next.splice(i, 1);
    next.splice(i + by, 0, step!);
    edit(next);
  };

  async function submit(): Promise<boolean> {
    try {
      await api.registers.saveContacts({ siteId, steps });
      setFailure(null);
      setDraft(null);
      setNotice({ key: 'registers.contacts.saved' });
      reload();
      return true;
    } catch (err) {
      setFailure(toErrorShape(err));
      return false;
    }
  }
  async function save(event: FormEvent) {
    event.preventDefault();
    await submit();
  }
  useUnsavedChanges(!readOnly && dirty, submit);

  const office = loaded?.office;
  const officeName = office ? (settings.language === 'ja' ? office.officeJa : office.officeEn) : '';

  return (
    <section aria-labelledby="registers-heading" aria-busy={registers.state === 'loading'} data-testid="contacts-page">
      <div className="page-header">
        <h1 id="registers-heading">{t('registers.nav.contacts')}</h1>
        <div className="actions">
          <a className="button" href={registersHref(siteId, 'contacts', 'card')}>
            {t('registers.contacts.openCard')}
          </a>
        </div>
      </div>
      <p className="muted">{t('registers.contacts.intro')}</p>
      {registers.state === 'error' && <ErrorMessage error={registers.error} />}
      {failure && <ErrorMessage error={failure} />}
      {notice && <Notice message={notice} />}
      {loaded && loaded.parties.length === 0 && (
        <p className="empty">
          {t('registers.contacts.noParties')} <a href={registersHref(siteId)}>{t('registers.nav.organisation')}</a>
        </p>
      )}
      <form className="contacts-form" onSubmit={save} data-testid="contacts-form">
        <ol className="contact-steps">
          {steps.map((s, i) => {
            const p: Party | undefined = parties.get(s.partyId);
            const error = errors[`steps.${i}.partyId`];
            const name = p ? partyName(p) : s.partyId;
            return (
              <li key={s.partyId} className={`contact-step card${error ? ' field-invalid' : ''}`} data-testid="contact-step">
                <span className="step-number" aria-hidden="true">{i + 1}</span>
                <div className="step-party">
                  <strong>{name}</strong>
                  {p && <span className="muted"> {t(`registers.roles.${p.role}`)}{p.personName && p.organisation ? `・${p.organisation}` : ''}</span>}
                  {p?.phone && <div>{t('registers.organisation.phoneLine', { phone: p.phone })}</div>}
                  {error && <p className="field-error">{t(error.messageKey, error.params ?? {})}</p>}
                </div>
                {readOnly ? (
                  <div className="step-note">{s.note}</div>
                ) : (
                  <>
                    <label className="step-note">
                      <span className="visually-hidden">{t('registers.contacts.noteFor', { name })}</span>
                      <input
                        name={`note-${i}`}
                        value={s.note}
                        placeholder={t('registers.contacts.notePlaceholder')}
                        onChange={(e) => edit(steps.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))}
                      />
                    </label>
                    <span className="row-actions">
                      <button type="button" className="link-button" disabled={i === 0} aria-label={t('registers.organisation.moveUp', { name })} onClick={() => move(i, -1)}>
                        {t('registers.organisation.up')}
                      </button>
                      <button type="button" className="link-button" disabled={i === steps.length - 1} aria-label={t('registers.organisation.moveDown', { name })} onClick={() => move(i, 1)}>
                        {t('registers.organisation.down')}
                      </button>
                      <button type="button" className="link-button" aria-label={t('registers.contacts.removeNamed', { name })} onClick={() => edit(steps.filter((_, j) => j !== i))}>
                        {t('registers.contacts.remove')}
                      </button>
                    </span>
                  </>
                )}
              </li>
            );
          })}
          {office && (
            <li className="contact-step card office-step" data-testid="office-step">
              <span className="step-number" aria-hidden="true">{steps.length + 1}</span>
              <div className="step-party">
                <strong>{officeName}</strong>
                <span className="muted"> {t('registers.office')}</span>
                <div>{t('registers.organisation.phoneLine', { phone: office.phone })}</div>
              </div>
              <div className="step-note muted">{t('registers.contacts.officeNote')}</div>
            </li>
          )}
        </ol>
        {!readOnly && loaded && (
          <div className="field-row contacts-add">
            <div className="field">
              <label htmlFor="contacts-add">{t('registers.contacts.addLabel')}</label>
              <select id="contacts-add" name="add" value={adding} onChange={(e) => setAdding(e.target.value)} disabled={addable.length === 0}>
                <option value="">{t('registers.contacts.choose')}</option>
                {addable.map((p) => (
                  <option key={p.id} value={p.id}>{`${t(`registers.roles.${p.role}`)}：${partyName(p)}`}</option>
                ))}
              </select>
            </div>
            <div className="field align-end">
              <button type="button" className="button" disabled={!adding} onClick={() => {
                edit([...steps, { partyId: adding, note: '' }]);
                setAdding('');
              }}>
                {t('registers.contacts.add')}
              </button>
            </div>
          </div>
        )}
        {!readOnly && (
          <button type="submit" className="button button-primary" disabled={!dirty}>
            {t('registers.contacts.save')}
          </button>
        )}
      </form>
    </section>
  );
}
