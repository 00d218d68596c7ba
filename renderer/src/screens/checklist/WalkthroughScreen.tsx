import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetail, ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ConformityBadge, GenericTag, LevelBadge, StateBadge, SummaryBar } from '../../components/checklist-badges';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, indexFieldErrors, useFieldErrors } from '../../components/fields';
import { hrefFor, navigate } from '../../lib/routes';
import { useSettings } from '../../lib/settings-context';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { decisionOf, draftOf, sameDraft, type Draft } from './decision-draft';
import { DecisionForm, STATUS_KEYS } from './DecisionForm';
import { AdvisoryEvidence, ADVISORY_ITEMS } from './AdvisoryEvidence';
import { RegisterEvidence } from './RegisterEvidence';
import { EvidencePanel } from './EvidencePanel';
import { ItemHistory } from './ItemHistory';
import { ItemReviewNotes } from './ItemReviewNotes';
import { filterItems, isItemFilter, ITEM_FILTERS, type ItemFilter } from './item-filters';
import { useSiteAccess } from '../../lib/site-access';

/** `#/sites/<site>/walk/<round>/<filter>/<item>`: inspection day, one item at a time, keyboard first. */
export function WalkthroughScreen({ siteId, rest }: { siteId: string; rest: string[] }) {
  const [roundId = '', filterPart, itemId] = rest;
  const filter: ItemFilter = isItemFilter(filterPart) ? filterPart : 'all';
  const [detail, reload] = useLoad(() => api.assessment.get({ roundId }), [roundId]);
  if (detail.state === 'loading') return <section aria-busy="true" />;
  if (detail.state === 'error') return <ErrorMessage error={detail.error} />;
  return <Walkthrough key={`${roundId}:${filter}`} siteId={siteId} detail={detail.data} filter={filter} itemId={itemId} reload={reload} />;
}

interface Props {
  siteId: string;
  detail: AssessmentDetail;
  filter: ItemFilter;
  itemId: string | undefined;
  reload(): void;
}

const TYPING = 'input:not([type=radio]):not([type=checkbox]), textarea, select';
const NO_DRAFT: Partial<Draft> = {};

function Walkthrough({ siteId, detail, filter, itemId, reload }: Props) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const lang = settings.language;
  const round = detail.round;
  const siteReadOnly = useSiteAccess().readOnly;
  const readOnly = round.completedAt !== null || siteReadOnly;
  // The queue is fixed when the walk starts: deciding an item does not make it vanish from "only 未検討".
  const [queue] = useState(() => filterItems(detail.items, filter).map((i) => i.id));
  const [items, setItems] = useState(() => new Map(detail.items.map((i) => [i.id, i])));
  const index = Math.max(0, itemId ? queue.indexOf(itemId) : 0);
  const item = queue[index] !== undefined ? items.get(queue[index]!) : undefined;
  const [draft, setDraft] = useState<Draft | null>(item ? draftOf(item) : null);
  const { errors, raise } = useFieldErrors<Partial<Draft>>(draft ?? NO_DRAFT);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const href = useCallback(
    (i: number, f: ItemFilter = filter) => hrefFor({ name: 'site', id: siteId, section: 'walk', rest: [round.id, f, ...(queue[i] ? [queue[i]!] : [])] }),
    [filter, queue, round.id, siteId],
  );

  useEffect(() => {
    setDraft(item ? draftOf(item) : null);
    raise({});
    setFailure(null);
    setSavedAt(null);
    headingRef.current?.focus();
    // Only when moving to another item: saving updates `items` but keeps the form as typed.
  }, [item?.id]);

  const dirty = item !== undefined && draft !== null && !sameDraft(draft, draftOf(item));

  const save = useCallback(async (): Promise<boolean> => {
    if (!item || !draft || readOnly) return true;
    if (!dirty) return true;
    try {
      const saved = await api.assessment.updateItem({ roundId: round.id, itemId: item.id, decision: decisionOf(draft) });
      setItems((m) => new Map(m).set(saved.id, saved));
      raise({});
      setFailure(null);
      setSavedAt(saved.decision.updatedAt);
      reload();
      return true;
    } catch (err) {
      const shape = toErrorShape(err);
      const fieldErrors = indexFieldErrors(shape.fields, 'decision.');
      raise(fieldErrors);
      // Field errors are named by the summary; anything else is said as it is.
      setFailure(shape.code === 'validation' && Object.keys(fieldErrors).length > 0 ? null : shape);
      return false;
    }
  }, [dirty, draft, item, raise, readOnly, reload, round.id]);

  useUnsavedChanges(dirty && !readOnly, save);

  const go = useCallback(
    async (to: number) => {
      if (!(await save())) return;
      if (to >= 0 && to < queue.length) navigate({ name: 'site', id: siteId, section: 'walk', rest: [round.id, filter, queue[to]!] }, { afterSave: true });
    },
    [filter, queue, round.id, save, siteId],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        // Nothing to save on a read-only item; Ctrl+Enter in a review note must not leave it.
        if (readOnly) return;
        e.preventDefault();
        void go(index + 1);
        return;
      }
      if (target.matches(TYPING)) {
        if (e.key === 'Escape') target.blur();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      // A read-only copy (head office) or a completed round is walked with N and P only.
      const status = STATUS_KEYS[e.key];
      if (status && draft && !readOnly) {
        e.preventDefault();
        setDraft({ ...draft, status });
      } else if (e.key === 'n' || (e.key === 'ArrowRight' && !target.matches('input'))) {
        e.preventDefault();
        void go(index + 1);
      } else if (e.key === 'p' || (e.key === 'ArrowLeft' && !target.matches('input'))) {
        e.preventDefault();
        void go(index - 1);
      } else if (e.key === 'r' && !readOnly) {
        e.preventDefault();
        reasonRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draft, go, index, readOnly]);

  const considered = useMemo(() => [...items.values()].filter((i) => i.state !== 'unconsidered').length, [items]);
  const summary = { ...round.summary, considered, unconsidered: items.size - considered };

  return (
    <section aria-labelledby="walk-title" className="walk">
      <div className="walk-top">
        <p className="breadcrumb">
          <a href={hrefFor({ name: 'site', id: siteId, section: 'checklist', rest: [round.id] })}>
            {t('checklist.walk.back')}
          </a>
        </p>
        <SummaryBar summary={summary} />
        <div className="walk-nav">
          <label className="inline-field">
            {t('checklist.round.filters.label')}
            <select value={filter} onChange={(e) => navigate({ name: 'site', id: siteId, section: 'walk', rest: [round.id, e.target.value] })}>
              {ITEM_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {t(`checklist.round.filters.${f}`)}
                </option>
              ))}
            </select>
          </label>
          {item && <span className="muted">{t('checklist.walk.position', { index: index + 1, count: queue.length })}</span>}
          <span className="muted keys-hint">{t(readOnly ? 'checklist.walk.keysReadOnly' : 'checklist.walk.keys')}</span>
        </div>
      </div>

      {!item || !draft ? (
        <p className="empty">{t('checklist.walk.empty')}</p>
      ) : (
        <div className="walk-grid">
          <div className="walk-item card">
            <p className="walk-meta">
              <span className="mono">{item.id}</span> <LevelBadge level={item.level} /> <StateBadge state={item.state} /> <ConformityBadge conformity={item.conformity} />
              {item.generic && <GenericTag />}
            </p>
            <h1 id="walk-title" ref={headingRef} tabIndex={-1}>
              {item.title[lang]}
            </h1>
            <p className="item-text">{item.text[lang]}</p>
            {item.generic && <p className="muted">{t('checklist.catalogue.genericHint')}</p>}
            {item.decision.carriedOver && <p className="alert alert-info">{t('checklist.walk.carriedOver')}</p>}
            <ItemReviewNotes siteId={siteId} roundId={round.id} itemId={item.id} />
            {ADVISORY_ITEMS.has(item.id) && <AdvisoryEvidence siteId={siteId} />}
            <RegisterEvidence siteId={siteId} itemId={item.id} state={item.state} />
            <EvidencePanel roundId={round.id} item={item} readOnly={readOnly} onChange={(next) => setItems((m) => new Map(m).set(next.id, next))} />
            <ItemHistory roundId={round.id} itemId={item.id} version={item.decision.updatedAt} />
          </div>
          <div className="walk-form card">
            {failure && <ErrorMessage error={failure} />}
            <ErrorSummary errors={errors} label={(path) => t(`checklist.fields.${path}`, { defaultValue: path })} />
            <DecisionForm item={item} draft={draft} errors={errors} readOnly={readOnly} reasonRef={reasonRef} onChange={setDraft} />
            <div className="walk-actions">
              <a className="button" href={href(index - 1)} aria-disabled={index === 0} onClick={(e) => { e.preventDefault(); void go(index - 1); }}>
                {t('checklist.walk.previous')}
              </a>
              {!readOnly && (
                <button type="button" className="button" onClick={() => void save()} disabled={!dirty}>
                  {t('checklist.walk.save')}
                </button>
              )}
              <button type="button" className="button button-primary" onClick={() => void go(index + 1)} disabled={index >= queue.length - 1 && !dirty}>
                {t(readOnly ? 'checklist.walk.next' : 'checklist.walk.saveNext')}
              </button>
              <span role="status" className="muted">
                {dirty ? t('checklist.walk.unsaved') : savedAt ? t('checklist.walk.saved') : ''}
              </span>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
