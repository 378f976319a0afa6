import { useState } from 'react';
import { formatDate } from '../../components/form';
import { useI18n } from '../../i18n';
import { useActivityEditor } from '../../stores/activityEditor';
import { keepDraft, keptDraft } from './keptDraft';

/** Offered once per start: a later mount (after a dialog closes) must not offer what that dialog just kept. */
let offered = false;

/** A draft kept through a crash or reload, offered back once at start until restored or discarded. */
export const KeptDraftOffer = () => {
  const { t } = useI18n();
  const reopen = useActivityEditor((s) => s.reopen);
  const [kept, setKept] = useState(() => {
    if (offered) return null;
    offered = true;
    return keptDraft();
  });
  if (!kept) return null;
  return (
    <div className="banner draft-offer" role="status">
      {t('activity.draftKept', {
        title: kept.draft.title || t('activity.untitled'),
        time: formatDate(kept.at),
      })}
      <button
        type="button"
        className="primary"
        onClick={() => {
          setKept(null);
          reopen(kept.id, kept.draft);
        }}
      >
        {t('activity.draftRestore')}
      </button>
      <button
        type="button"
        onClick={() => {
          keepDraft(null);
          setKept(null);
        }}
      >
        {t('activity.draftForget')}
      </button>
    </div>
  );
};
