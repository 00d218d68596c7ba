import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerLeave, usePendingLeave } from '../lib/unsaved-changes';
import './forms.css';

/**
 * Asks before a screen with unsaved changes is left. A modal <dialog>, not
 * window.confirm: confirm's title and buttons are the browser's (OK/Cancel in
 * the browser's language, "127.0.0.1:… says"), so the question could not be
 * asked in the app's language, nor offer "save and leave".
 */
export function LeaveDialog() {
  const { t } = useTranslation();
  const pending = usePendingLeave();
  const ref = useRef<HTMLDialogElement>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (pending && !dialog.open) dialog.showModal();
    if (!pending && dialog.open) dialog.close();
  }, [pending]);

  async function answer(choice: 'stay' | 'leave' | 'save') {
    setSaving(choice === 'save');
    try {
      await answerLeave(choice);
    } finally {
      setSaving(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="leave-dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-body"
      data-testid="leave-dialog"
      // Escape: stay, as the safe answer.
      onCancel={(e) => {
        e.preventDefault();
        void answer('stay');
      }}
    >
      {pending && (
        <>
          <h2 id="leave-title">{t('app.unsaved.title')}</h2>
          <p id="leave-body">{t('app.unsaved.body')}</p>
          <div className="leave-actions">
            <button type="button" className="button button-primary" autoFocus onClick={() => void answer('stay')} disabled={saving}>
              {t('app.unsaved.stay')}
            </button>
            {pending.save && (
              <button type="button" className="button" onClick={() => void answer('save')} disabled={saving}>
                {t('app.unsaved.saveAndLeave')}
              </button>
            )}
            <button type="button" className="button button-danger" onClick={() => void answer('leave')} disabled={saving}>
              {t('app.unsaved.leave')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
