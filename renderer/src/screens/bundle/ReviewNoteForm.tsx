import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, RegisterName } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape } from '../../lib/use-load';

interface Target {
  siteId: string;
  roundId?: string;
  itemId?: string;
  /** A note on a register (issue 14), and on one of its entries when chosen. */
  register?: RegisterName;
  registerEntryId?: string;
}

/** Head office writes a note on an imported site, on one checklist item of one of its rounds, or on one of its registers. */
export function ReviewNoteForm({ siteId, roundId, itemId, register, registerEntryId, onAdded }: Target & { onAdded(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<ErrorShape | null>(null);

  async function add(): Promise<boolean> {
    try {
      await api.review.add({
        siteId,
        text,
        ...(roundId && itemId ? { roundId, itemId } : {}),
        ...(register ? { register, ...(registerEntryId ? { registerEntryId } : {}) } : {}),
      });
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
        <label htmlFor={id}>{t(itemId ? 'bundle.review.itemText' : register ? 'registers.review.text' : 'bundle.review.text')}</label>
        <textarea id={id} name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {failure && <ErrorMessage error={failure} />}
      <button type="submit" className="button" disabled={text.trim() === ''}>
        {t(register ? 'registers.review.add' : 'bundle.review.add')}
      </button>
    </form>
  );
}
