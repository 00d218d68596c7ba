import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentRound, ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/fields';
import { formatDate, today } from '../../lib/format';
import { hrefFor, navigate } from '../../lib/routes';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { RoundScreen } from './RoundScreen';
import { useSiteAccess } from '../../lib/site-access';

/** `#/sites/<id>/checklist` lists the rounds; `…/checklist/<roundId>` shows one. */
export function ChecklistScreen({ siteId, rest }: { siteId: string; rest: string[] }) {
  const [roundId] = rest;
  if (roundId) return <RoundScreen key={roundId} siteId={siteId} roundId={roundId} />;
  return <RoundsList siteId={siteId} />;
}

function RoundsList({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [rounds] = useLoad(() => api.assessment.list({ siteId }), [siteId]);
  const [detail] = useLoad(() => api.sites.get({ id: siteId }), [siteId]);
  const current = detail.state === 'ready' ? detail.data.classifications[0] : undefined;
  const { readOnly } = useSiteAccess();

  return (
    <section aria-labelledby="rounds-heading" aria-busy={rounds.state === 'loading' || detail.state === 'loading'}>
      <div className="page-header">
        <h1 id="rounds-heading">{t('checklist.rounds.heading')}</h1>
      </div>
      {rounds.state === 'error' && <ErrorMessage error={rounds.error} />}
      {detail.state === 'ready' && !current && <p className="alert alert-info">{t('checklist.rounds.needsClassification')}</p>}
      {current?.result === 'out_of_scope' && <p className="alert alert-info">{t('checklist.rounds.outOfScope')}</p>}
      {rounds.state === 'ready' && current && current.result !== 'out_of_scope' && !readOnly && (
        <StartRound siteId={siteId} previous={rounds.data[0]} />
      )}
      {rounds.state === 'ready' && rounds.data.length === 0 && <p className="empty">{t('checklist.rounds.none')}</p>}
      {rounds.state === 'ready' && rounds.data.length > 0 && (
        <table className="table" data-testid="rounds-table">
          <thead>
            <tr>
              <th scope="col">{t('checklist.rounds.columns.title')}</th>
              <th scope="col">{t('checklist.rounds.columns.started')}</th>
              <th scope="col">{t('checklist.rounds.columns.progress')}</th>
              <th scope="col">{t('checklist.rounds.columns.kankoku')}</th>
              <th scope="col">{t('checklist.rounds.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.data.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={hrefFor({ name: 'site', id: siteId, section: 'checklist', rest: [r.id] })}>{r.title}</a>
                </td>
                <td>{formatDate(r.startedAt, settings)}</td>
                <td>{t('checklist.summary.progress', { considered: r.summary.considered, total: r.summary.total })}</td>
                <td>
                  {r.summary.kankoku.total > 0
                    ? t('checklist.dashboard.ratio', { a: r.summary.kankoku.compliant, b: r.summary.kankoku.total })
                    : t('checklist.dashboard.none')}
                </td>
                <td>{t(r.completedAt ? 'checklist.rounds.completed' : 'checklist.rounds.open')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StartRound({ siteId, previous }: { siteId: string; previous: AssessmentRound | undefined }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const year = today(settings).slice(0, 4);
  const [title, setTitle] = useState(t('checklist.rounds.titleDefault', { year }));
  const [carry, setCarry] = useState(previous !== undefined);
  const [failure, setFailure] = useState<ErrorShape | null>(null);

  async function start(event: FormEvent) {
    event.preventDefault();
    try {
      const round = await api.assessment.create({ siteId, title, carryOverFrom: carry && previous ? previous.id : null });
      navigate({ name: 'site', id: siteId, section: 'checklist', rest: [round.id] }, { afterSave: true });
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <form className="card form inline-form" onSubmit={start} data-testid="start-round">
      {failure && <ErrorMessage error={failure} />}
      <Field label={t('checklist.rounds.titleLabel')} error={failure?.fields?.find((f) => f.path === 'title')}>
        {(props) => <input {...props} name="title" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      {previous && (
        <label className="inline-check">
          <input type="checkbox" checked={carry} onChange={(e) => setCarry(e.target.checked)} />
          {t('checklist.rounds.carryOver')}
        </label>
      )}
      <button type="submit" className="button button-primary">
        {t('checklist.rounds.new')}
      </button>
    </form>
  );
}
