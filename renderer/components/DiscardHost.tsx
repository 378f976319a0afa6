import { useI18n } from '../i18n';
import { Dialog } from './Dialog';
import { useDiscard } from './discard';

/** The question itself, shown over everything while a form waits for the answer. */
export const DiscardHost = () => {
  const { t } = useI18n();
  const answer = useDiscard((s) => s.answer);
  if (!answer) return null;
  return (
    <Dialog
      title={t('discard.title')}
      onClose={() => answer(false)}
      footer={
        <>
          <button type="button" className="primary" onClick={() => answer(false)}>
            {t('discard.keep')}
          </button>
          <button type="button" className="danger" onClick={() => answer(true)}>
            {t('discard.discard')}
          </button>
        </>
      }
    >
      <p>{t('discard.body')}</p>
    </Dialog>
  );
};
