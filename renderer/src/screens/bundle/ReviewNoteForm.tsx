import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape } from '../../lib/use-load';

/** Head office writes a note on an imported site, or on one checklist item of one of its rounds. */
export function ReviewNoteForm({ siteId, roundId, itemId, onAdded }: { siteId: string; roundId?: string; itemId?: string; onAdded(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<ErrorShape | null>(null);

  async function add(): Promise<boolean> {
    try {
      await api.review.add({ siteId, text, ...(roundId && itemId ? { roundId, itemId } : {}) });
      setText('');
      setFailure(null);
      onAdded();
      return true;
    } catch (err) {
      setFailure(toErrorShape(err));
      return false;
    }
  }

  useUnsavedChanges(text.trim() !== '', add);

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <div className="field">
        <label htmlFor={id}>{t(itemId ? 'bundle.review.itemText' : 'bundle.review.text')}</label>
        <textarea id={id} name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {failure && <ErrorMessage error={failure} />}
      <button type="submit" className="button" disabled={text.trim() === ''}>
        {t('bundle.review.add')}
      </button>
    </form>
  );
}
