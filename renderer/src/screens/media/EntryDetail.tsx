import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry, LogEntryDetail } from '../../../../electron/api/contract';
import type { CheckInBody, CheckOutBody, CorrectionBody, ManifestSummary } from '../../../../electron/core/media/media-types';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EvidenceActions } from '../../components/EvidenceActions';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useLoad } from '../../lib/use-load';
import { mediaHref } from './media-paths';
import { Facts } from '../../components/Facts';
import { ScanFailure } from './ScanFailure';
import { useDefinitionsRows } from './use-definitions-rows';
import { decisionText } from '../../../../electron/core/media/entry-words';
import { exceptionCoversOf } from '../../../../electron/core/media/media-schema';


function ManifestFacts({ m, entryNo }: { m: ManifestSummary; entryNo: number }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const n = (v: number) => formatNumber(v, settings.language);
  return (
    <>
      <p>{t('media.entry.manifestSummary', { files: n(m.fileCount), bytes: t('media.entry.bytes', { value: n(m.totalBytes) }), hashed: n(m.hashedFiles) })}</p>
      {m.truncated && <p className="alert alert-warn">{t('media.entry.manifestTruncated')}</p>}
      <p className="muted">
        {`${t('media.entry.manifestFile')}: `}
        <span className="hash">{m.sha256}</span> <EvidenceActions sha256={m.sha256} name={`manifest-${entryNo}.json`} />
      </p>
    </>
  );
}

/** One entry as an inspector would read it, with what later entries said about it. */
export function EntryDetail({ siteId, entryId, onClose }: { siteId: string; entryId: string; onClose(): void }) {
  const [load] = useLoad(() => api.media.entry({ siteId, id: entryId }), [siteId, entryId]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (load.state === 'ready') {
      heading.current?.scrollIntoView({ block: 'start' });
      heading.current?.focus();
    }
  }, [load.state]);
  if (load.state === 'loading') return <section aria-busy="true" />;
  if (load.state === 'error') return <ErrorMessage error={load.error} />;
  return <Detail detail={load.data} siteId={siteId} onClose={onClose} headingRef={heading} />;
}

function Detail({ detail, siteId, onClose, headingRef }: { detail: LogEntryDetail; siteId: string; onClose(): void; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { entry, related, effective, manifestFiles } = detail;
  const none = t('media.entry.none');
  const definitionsRows = useDefinitionsRows();
  const tt = (key: string, params?: Record<string, string | number>) => t(key, params ?? {});
  const covers = exceptionCoversOf(entry);
  const checkedOut = related.some((r) => r.kind === 'check_out');

  const facts: [string, ReactNode][] = [
    [t('media.log.columns.at'), formatDateTime(entry.at, settings)],
    [t('media.log.columns.kind'), t(`media.kinds.${entry.kind}`)],
    [t('media.log.columns.controlNo'), entry.mediumId ? <a href={mediaHref(siteId, 'medium', entry.mediumId)}>{entry.controlNo}</a> : entry.controlNo],
    [t('media.log.columns.person'), effective.person || none],
    [t('media.log.columns.company'), effective.company || none],
    [t('media.log.columns.purpose'), effective.purpose || none],
  ];
  if (entry.kind === 'check_in') {
    facts.push([t('media.entry.targets'), effective.targets.join(t('media.export.listSeparator')) || none]);
    facts.push([t('media.log.columns.method'), entry.method ? t(`media.methods.${entry.method}`) : none]);
    facts.push([t('media.log.columns.result'), entry.result ? t(`media.results.${entry.result}`) : none]);
    facts.push([t('media.log.columns.decision'), entry.decision ? <span className={`pill pill-${entry.decision}`}>{decisionText(tt, entry)}</span> : none]);
  }
  if (covers) {
    facts.push([t('media.entry.exceptionCovers'), <span data-testid="exception-covers">{t(`media.exceptionCovers.${covers}`)}</span>]);
    facts.push([t('media.entry.approver'), entry.approver]);
    facts.push([t('media.entry.exceptionReason'), entry.exceptionReason]);
  }
  facts.push([t('media.entry.recordedBy'), entry.recordedBy || none]);

  const body = entry.body;
  const checkIn = entry.kind === 'check_in' ? (body as CheckInBody) : null;
  const checkOut = entry.kind === 'check_out' ? (body as CheckOutBody) : null;
  const correction = entry.kind === 'correction' ? (body as CorrectionBody) : null;
  const manifest = checkIn?.manifest ?? checkOut?.manifest ?? null;

  return (
    <section className="card entry-detail" aria-labelledby="entry-heading" data-testid="entry-detail">
      <h2 id="entry-heading" ref={headingRef} tabIndex={-1}>
        {t('media.entry.heading', { n: entry.n })}
        {covers && <span className="pill pill-exception">{t('media.decisions.exceptionFor', { covers: t(`media.exceptionCovers.${covers}`) })}</span>}
      </h2>
      <div className="actions">
        {entry.kind === 'check_in' && !checkedOut && entry.decision !== 'denied' && (
          <a className="button" href={mediaHref(siteId, 'check-out', entry.id)}>
            {t('media.entry.checkOut')}
          </a>
        )}
        {entry.kind === 'check_in' && (
          <a className="button" href={mediaHref(siteId, 'correct', entry.id)}>
            {t('media.entry.correct')}
          </a>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('media.entry.close')}
        </button>
      </div>
      <div className="columns">
        <div>
          <h3>{t('media.entry.facts')}</h3>
          <Facts rows={facts} />
        </div>
        <div>
          {checkIn?.scan && (
            <>
              <h3>{t('media.entry.scan')}</h3>
              {checkIn.scan.result === 'error' && <ScanFailure scan={checkIn.scan} />}
              <Facts
                rows={[
                  [t('media.entry.scanner'), checkIn.scan.scanner],
                  [t('media.entry.engine'), checkIn.scan.engineVersion || none],
                  // The scanner's own words for its signatures, unless they only repeat the definitions' version.
                  ...(checkIn.scan.definitions?.version === checkIn.scan.signatureVersion ? [] : [[t('media.entry.signatures'), checkIn.scan.signatureVersion || none] as [string, ReactNode]]),
                  ...(checkIn.scan.definitions ? definitionsRows(checkIn.scan.definitions) : []),
                  [t('media.entry.started'), formatDateTime(checkIn.scan.startedAt, settings)],
                  [t('media.entry.ended'), formatDateTime(checkIn.scan.endedAt, settings)],
                  [t('media.entry.filesScanned'), checkIn.scan.filesScanned === null ? none : formatNumber(checkIn.scan.filesScanned, settings.language)],
                  [
                    t('media.entry.detections'),
                    checkIn.scan.detections.length === 0 ? (
                      none
                    ) : (
                      <ul className="detections" data-testid="detections">
                        {checkIn.scan.detections.map((d) => (
                          <li key={`${d.file}:${d.name}`}>
                            {`${d.name} — `}
                            <span className="mono">{d.file}</span>
                          </li>
                        ))}
                      </ul>
                    ),
                  ],
                  [
                    t('media.entry.rawLog'),
                    <>
                      <span className="hash">{checkIn.scan.logSha256}</span> <EvidenceActions sha256={checkIn.scan.logSha256} name={`scan-log-${entry.n}.log`} />
                    </>,
                  ],
                ]}
              />
            </>
          )}
          {checkIn?.prior && (
            <>
              <h3>{t('media.entry.prior')}</h3>
              <Facts
                rows={[
                  [
                    t('media.entry.priorFile'),
                    <>
                      {checkIn.prior.evidenceName} <EvidenceActions sha256={checkIn.prior.evidenceSha256} name={checkIn.prior.evidenceName} />
                    </>,
                  ],
                  [t('media.entry.scanDate'), formatDate(checkIn.prior.scanDate, settings)],
                  [t('media.entry.tool'), checkIn.prior.tool],
                  [t('media.entry.signatures'), checkIn.prior.signatureVersion],
                  [t('media.log.columns.result'), t(`media.results.${checkIn.prior.result}`)],
                  [t('media.entry.sha256'), <span className="hash">{checkIn.prior.evidenceSha256}</span>],
                ]}
              />
            </>
          )}
          {checkOut?.diff && (
            <>
              <p>{t('media.entry.diff', { added: checkOut.diff.added, changed: checkOut.diff.changed, removed: checkOut.diff.removed })}</p>
              {checkOut.diff.addedPaths.length > 0 && (
                <>
                  <h3>{t('media.entry.added')}</h3>
                  <ul>
                    {checkOut.diff.addedPaths.map((p) => (
                      <li key={p} className="mono">
                        {p}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
          {correction && (
            <Facts
              rows={[
                [t('media.entry.correctionReason'), correction.reason],
                [t('media.entry.changes'), Object.entries(correction.changes).map(([k, v]) => `${k === 'targets' ? t('media.entry.targets') : t(`media.log.columns.${k}`)}: ${Array.isArray(v) ? v.join(t('media.export.listSeparator')) : String(v)}`).join(' / ')],
              ]}
            />
          )}
        </div>
      </div>
      {manifest && (
        <>
          <h3>{t('media.entry.manifest')}</h3>
          <ManifestFacts m={manifest} entryNo={entry.n} />
          {manifestFiles.length > 0 && (
            <div className="file-list">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('media.entry.path')}</th>
                    <th scope="col">{t('media.entry.size')}</th>
                    <th scope="col">{t('media.entry.mtime')}</th>
                    <th scope="col">{t('media.entry.sha256')}</th>
                  </tr>
                </thead>
                <tbody>
                  {manifestFiles.map((f) => (
                    <tr key={f.path}>
                      <td className="mono">{f.path}</td>
                      <td>{formatNumber(f.size, settings.language)}</td>
                      <td>{formatDateTime(f.mtime, settings)}</td>
                      <td className="hash">{f.sha256 ?? t('media.entry.notHashed')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {related.length > 0 && (
        <>
          <h3>{t('media.entry.related')}</h3>
          <ul>
            {related.map((r: LogEntry) => (
              <li key={r.id}>
                {`#${r.n} ${t(`media.kinds.${r.kind}`)} — ${formatDateTime(r.at, settings)}`}
                {r.kind === 'correction' && ` — ${(r.body as CorrectionBody).reason}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <Facts
        rows={[
          [t('media.entry.prevHash'), <span className="hash">{entry.prevHash}</span>],
          [t('media.entry.hash'), <span className="hash">{entry.hash}</span>],
        ]}
      />
    </section>
  );
}
