import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterName, ReviewNote, SiteRegisters } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSiteAccess } from '../../lib/site-access';
import { useLoad } from '../../lib/use-load';
import { ReviewNoteForm } from '../bundle/ReviewNoteForm';
import { ReviewNoteList } from '../bundle/ReviewNoteList';

type Translate = ReturnType<typeof useTranslation>['t'];

/** The entries of a register a note can name, in the register's order: parties, the parties called, points. */
function entriesOf(registers: SiteRegisters, register: RegisterName, t: Translate): { id: string; label: string }[] {
  const partyLabel = (id: string) => {
    const p = registers.parties.find((x) => x.id === id);
    return p ? `${t(`registers.roles.${p.role}`)}：${p.personName || p.organisation}` : id;
  };
  switch (register) {
    case 'organisation':
      return registers.parties.map((p) => ({ id: p.id, label: partyLabel(p.id) }));
    case 'contacts':
      return registers.contactSteps.map((s) => ({ id: s.partyId, label: `${s.position + 1}. ${partyLabel(s.partyId)}` }));
    case 'connection_points':
      return registers.points.map((p) => ({ id: p.id, label: p.name }));
  }
}

/** Notes on the register as a whole first, then each entry's in the register's order; entries since removed last. */
function grouped(notes: ReviewNote[], entries: { id: string; label: string }[]): { key: string; entryId: string | null; notes: ReviewNote[] }[] {
  const order = [null, ...entries.map((e) => e.id), ...new Set(notes.map((n) => n.registerEntryId).filter((id) => id && !entries.some((e) => e.id === id)))];
  return order
    .map((entryId) => ({ key: entryId ?? '', entryId, notes: notes.filter((n) => n.registerEntryId === entryId) }))
    .filter((g) => g.notes.length > 0);
}

/**
 * Head office's review notes on one register (issue 14), under its page. At
 * head office (a read-only copy of the site's registers) a note is written
 * here, on the register or on one entry; at the site the notes arrive with
 * head office's bundle and are shown, read-only, where they apply.
 */
export function RegisterReviewNotes({ siteId, register }: { siteId: string; register: RegisterName }) {
  const { t } = useTranslation();
  const entryFieldId = useId();
  const { readOnly: atHeadOffice } = useSiteAccess();
  const [notes, reload] = useLoad(() => api.review.list({ siteId }), [siteId]);
  const [registers] = useLoad(() => api.registers.get({ siteId }), [siteId]);
  const [entryId, setEntryId] = useState('');
  const entries = registers.state === 'ready' ? entriesOf(registers.data, register, t) : [];
  const mine = notes.state === 'ready' ? notes.data.filter((n) => n.register === register) : [];
  if (!atHeadOffice && mine.length === 0) return null;
  const labelOf = (id: string | null) =>
    id === null ? t('registers.review.wholeRegister') : (entries.find((e) => e.id === id)?.label ?? t('registers.review.entryGone', { id }));
  return (
    <section className="card register-review" aria-labelledby="register-review-heading" data-testid="register-review-notes">
      <h2 id="register-review-heading">{t('registers.review.heading')}</h2>
      <p className="muted">{t(atHeadOffice ? 'registers.review.introOffice' : 'registers.review.introSite')}</p>
      {notes.state === 'error' && <ErrorMessage error={notes.error} />}
      {atHeadOffice && notes.state === 'ready' && mine.length === 0 && <p className="empty">{t('registers.review.empty')}</p>}
      {grouped(mine, entries).map((g) => (
        <div key={g.key} className="register-review-group" data-entry-id={g.entryId ?? ''}>
          <h3>{g.entryId === null ? labelOf(null) : t('registers.review.onEntry', { entry: labelOf(g.entryId) })}</h3>
          <ReviewNoteList siteId={siteId} notes={g.notes} linkItems={false} />
        </div>
      ))}
      {atHeadOffice && (
        <div className="register-review-form">
          <h3>{t('registers.review.write')}</h3>
          <div className="field">
            <label htmlFor={entryFieldId}>{t('registers.review.entry')}</label>
            <select id={entryFieldId} name="registerEntryId" value={entryId} onChange={(e) => setEntryId(e.target.value)}>
              <option value="">{t('registers.review.wholeRegister')}</option>
              {entries.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                </option>
              ))}
            </select>
          </div>
          <ReviewNoteForm siteId={siteId} register={register} {...(entryId ? { registerEntryId: entryId } : {})} onAdded={reload} />
        </div>
      )}
    </section>
  );
}
