import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetail, ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ConformityBadge, GenericTag, LevelBadge, StateBadge, SummaryBar } from '../../components/checklist-badges';
import { ErrorMessage, Notice, type Message } from '../../components/ErrorMessage';
import { saveDownload } from '../../lib/download';
import { formatDate } from '../../lib/format';
import { hrefFor } from '../../lib/routes';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { filterItems, ITEM_FILTERS, type ItemFilter } from './item-filters';
import { useSiteAccess } from '../../lib/site-access';

export function RoundScreen({ siteId, roundId }: { siteId: string; roundId: string }) {
  const [detail, reload] = useLoad(() => api.assessment.get({ roundId }), [roundId]);
  if (detail.state === 'loading') return <section aria-busy="true" />;
  if (detail.state === 'error') return <ErrorMessage error={detail.error} />;
  return <RoundView siteId={siteId} detail={detail.data} reload={reload} />;
}

function RoundView({ siteId, detail, reload }: { siteId: string; detail: AssessmentDetail; reload(): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [filter, setFilter] = useState<ItemFilter>('all');
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const { round } = detail;
  const { readOnly } = useSiteAccess();
  // A completed round is a record; an imported site's rounds are someone else's to change.
  const editable = !round.completedAt && !readOnly;
  const lang = settings.language;
  const shown = filterItems(detail.items, filter);
  const walkHref = (itemId?: string) =>
    hrefFor({ name: 'site', id: siteId, section: 'walk', rest: [round.id, filter, ...(itemId ? [itemId] : [])] });

  async function exportXlsx() {
    try {
      saveDownload(await api.assessment.exportXlsx({ roundId: round.id }));
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  async function complete() {
    try {
      await api.assessment.complete({ roundId: round.id });
      setFailure(null);
      setNotice({ key: 'checklist.round.completeDone' });
      reload();
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <section aria-labelledby="round-heading">
      <div className="page-header">
        <div>
          <p className="breadcrumb">
            <a href={hrefFor({ name: 'site', id: siteId, section: 'checklist' })}>{t('checklist.rounds.heading')}</a>
          </p>
          <h1 id="round-heading">{round.title}</h1>
          <p className="muted">{t('checklist.rounds.catalogue', { name: round.catalogue.shortName[lang], version: round.catalogue.version })}</p>
        </div>
        <div className="actions">
          {editable && (
            <a className="button button-primary" href={walkHref()}>
              {t('checklist.round.walkthrough')}
            </a>
          )}
          <button type="button" className="button" onClick={exportXlsx}>
            {t('checklist.round.export')}
          </button>
          {editable && (
            <button type="button" className="button" onClick={complete}>
              {t('checklist.round.complete')}
            </button>
          )}
        </div>
      </div>
      {failure && <ErrorMessage error={failure} />}
      {notice && <Notice message={notice} />}
      {round.completedAt && (
        <p className="alert alert-info">
          {t('checklist.round.completedNotice', { date: formatDate(round.completedAt, settings), by: round.completedBy || '—' })}
        </p>
      )}
      <SummaryBar summary={round.summary} />

      <div className="filter-bar" role="group" aria-label={t('checklist.round.filters.label')}>
        {ITEM_FILTERS.map((f) => (
          <button key={f} type="button" className={`chip${filter === f ? ' chip-on' : ''}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`checklist.round.filters.${f}`)}
          </button>
        ))}
      </div>

      {shown.length === 0 ? (
        <p className="empty">{t('checklist.round.noItems')}</p>
      ) : (
        <table className="table items-table" data-testid="items-table">
          <thead>
            <tr>
              <th scope="col">{t('checklist.round.columns.item')}</th>
              <th scope="col">{t('checklist.round.columns.level')}</th>
              <th scope="col">{t('checklist.round.columns.state')}</th>
              <th scope="col">{t('checklist.round.columns.conformity')}</th>
              <th scope="col">{t('checklist.round.columns.reason')}</th>
              <th scope="col">{t('checklist.round.columns.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.chapters.map((chapter) => {
              const inChapter = shown.filter((i) => i.chapter === chapter.id);
              if (inChapter.length === 0) return null;
              return (
                <Fragment key={chapter.id}>
                  <tr className="chapter-row">
                    <th scope="rowgroup" colSpan={6}>
                      {t('checklist.round.chapterHeading', { id: chapter.id, title: chapter.title[lang] })}
                    </th>
                  </tr>
                  {inChapter.map((item) => (
                    <tr key={item.id} data-item={item.id}>
                      <td>
                        <a href={walkHref(item.id)}>
                          <span className="mono">{item.id}</span> {item.title[lang]}
                        </a>
                        {item.generic && <GenericTag />}
                      </td>
                      <td>
                        <LevelBadge level={item.level} />
                      </td>
                      <td>
                        <StateBadge state={item.state} />
                      </td>
                      <td>
                        <ConformityBadge conformity={item.conformity} />
                      </td>
                      <td className="clip">{item.decision.reason}</td>
                      <td>{item.evidence.length > 0 ? item.evidence.length : ''}</td>
                    </tr>
                  ))}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
