import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitResult } from '../../../../electron/api/contract';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { Field } from '../../components/fields';
import { formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { ImportPreviewView } from './ImportPreviewView';
import { inventoryHref } from './inventory-paths';
import { useImportJob } from './use-import-job';

/** The server refuses more (upload-store.ts); saying so before sending saves a long wait. */
const MAX_MB = 200;

function FileForm({ onFile, onTooLarge }: { onFile(file: File): void; onTooLarge(file: File): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    if (file.size > MAX_MB * 1024 * 1024) onTooLarge(file);
    else onFile(file);
  };
  return (
    <form className="card inventory-file-form" onSubmit={submit} data-testid="inventory-file-form">
      <Field label={t('inventory.import.fileLabel')} hint={t('inventory.import.fileHint')} error={undefined}>
        {(props) => (
          // The browser writes its own button text in its own language: the native control is hidden
          // (still focusable and labelled) and a translated button stands in for it.
          <div className="inventory-file-picker">
            <input {...props} className="inventory-file-input" type="file" name="file" accept=".xlsx,.csv,.tsv,.txt" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <label htmlFor={props.id} className="button" aria-hidden="true">
              {t('inventory.import.choose')}
            </label>
            <span className="inventory-file-name" data-testid="chosen-file">
              {file ? file.name : t('inventory.import.noFile')}
            </span>
          </div>
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={!file}>
        {t('inventory.import.read')}
      </button>
    </form>
  );
}

function Reading({ name, rowsRead, fraction, onCancel }: { name: string; rowsRead: number; fraction: number | null; onCancel(): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  return (
    <div className="card inventory-progress" role="status" data-testid="inventory-progress">
      <p>{t('inventory.import.reading', { file: name })}</p>
      <progress max={1} value={fraction ?? undefined} aria-label={t('inventory.import.progressLabel')} />
      <p className="muted">{t('inventory.import.rowsRead', { rows: formatNumber(rowsRead, settings.language) })}</p>
      <button type="button" className="button" onClick={onCancel}>
        {t('inventory.import.cancel')}
      </button>
    </div>
  );
}

function Committed({ siteId, result, onAnother }: { siteId: string; result: CommitResult; onAnother(): void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="inventory-committed">
      <Notice>{t('inventory.import.committed', { ...result.batch.counts })}</Notice>
      {result.profile && <p>{t('inventory.import.profileSaved', { name: result.profile.name })}</p>}
      <div className="actions">
        <a className="button button-primary" href={inventoryHref(siteId)}>
          {t('inventory.actions.backToList')}
        </a>
        <button type="button" className="button" onClick={onAnother}>
          {t('inventory.import.chooseAnother')}
        </button>
      </div>
    </div>
  );
}

/** Upload, background reading with progress and cancel, preview with mapping and diff, commit. */
export function InventoryImportScreen({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const job = useImportJob(siteId);
  const { stage } = job;
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  return (
    <section aria-labelledby="inventory-import-heading">
      <div className="page-header">
        <h1 id="inventory-import-heading">{t('inventory.import.heading')}</h1>
        <div className="actions">
          <a className="button" href={inventoryHref(siteId)}>
            {t('inventory.actions.backToList')}
          </a>
        </div>
      </div>
      {tooLarge && <ErrorMessage error={{ code: 'payload_too_large', messageKey: 'errors.inventory.tooLarge', params: { file: tooLarge, maxMb: MAX_MB } }} />}
      {job.failure && <ErrorMessage error={job.failure} />}
      {job.cancelled && <Notice>{t('inventory.import.cancelled')}</Notice>}
      {stage.step === 'choose' && (
        <FileForm
          onFile={(file) => {
            setTooLarge(null);
            void job.upload(file);
          }}
          onTooLarge={(file) => setTooLarge(file.name)}
        />
      )}
      {stage.step === 'uploading' && (
        <p className="card" role="status">
          {t('inventory.import.uploading', { file: stage.fileName })}
        </p>
      )}
      {stage.step === 'reading' && <Reading name={stage.upload.name} rowsRead={stage.rowsRead} fraction={stage.fraction} onCancel={() => void job.cancel()} />}
      {(stage.step === 'preview' || stage.step === 'committing') && (
        <ImportPreviewView
          key={stage.preview.jobId}
          preview={stage.preview}
          busy={stage.step === 'committing'}
          onReread={(options) => void job.start(stage.upload, options)}
          onCommit={(profileName, allowEmpty) => void job.commit(profileName, allowEmpty)}
          onCancel={() => void job.cancel()}
        />
      )}
      {stage.step === 'committed' && <Committed siteId={siteId} result={stage.result} onAnother={job.restart} />}
    </section>
  );
}
