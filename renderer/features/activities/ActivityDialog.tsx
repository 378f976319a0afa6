import { useCallback, useEffect, useRef, useState } from 'react';
import type { Activity, ActivityType, Task } from '../../../electron/shared/contract';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { useAgreementWhileUnset } from '../../stores/agreementOptions';
import { useActivityEditor, type EditorTarget } from '../../stores/activityEditor';
import { useApp } from '../../stores/app';
import { AttachmentPanel } from '../attachments/AttachmentPanel';
import { draftOf, emptyDraft, toInput, type ActivityDraft } from './activityDraft';
import { keepDraft } from './keptDraft';
import { ActivityFields } from './ActivityFields';
import { KeptDraftOffer } from './KeptDraftOffer';
import { OutcomePanel } from './OutcomePanel';

/** The one activity dialog, shown while the editor store has a target. */
export const ActivityEditorHost = () => {
  const target = useActivityEditor((s) => s.target);
  if (!target) return <KeptDraftOffer />;
  return (
    <ActivityDialog key={target.mode === 'edit' ? target.id : JSON.stringify(target.draft)} target={target} />
  );
};

const ActivityDialog = ({ target }: { target: EditorTarget }) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const { close, save: saveActivity, remove, restore, openNew, changed } = useActivityEditor();
  const [id, setId] = useState<string | null>(target.mode === 'edit' ? target.id : null);
  const [saved, setSaved] = useState<Activity | null>(null);
  const [draft, setDraft] = useState<ActivityDraft | null>(target.mode === 'new' ? target.draft : null);
  // The draft as last loaded or saved: the dialog has unsaved changes while it differs.
  // A prefilled new record (from a plan item, a duplicate) starts clean; a restored draft starts unsaved.
  const [baseline, setBaseline] = useState<string | null>(
    target.mode !== 'new'
      ? null
      : JSON.stringify(target.restored ? emptyDraft(target.draft.agreementId) : target.draft),
  );
  const dirty = draft !== null && baseline !== null && JSON.stringify(draft) !== baseline;
  const keeping = useRef(false);
  useEffect(() => {
    if (!dirty || !draft) return;
    keeping.current = true;
    keepDraft({ id, draft, at: Date.now() });
  }, [dirty, draft, id]);
  // Closing, by saving or by discarding, forgets the kept copy; only a crash or a reload leaves it.
  useEffect(
    () => () => {
      if (keeping.current) keepDraft(null);
    },
    [],
  );
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [tasks, setTasks] = useState<Task[]>([]);

  useEffect(() => {
    if (target.mode !== 'edit') return;
    call('activities.get', { id: target.id }).then(
      (a) => {
        setSaved(a);
        setBaseline(JSON.stringify(draftOf(a)));
        setDraft(target.draft ?? draftOf(a));
      },
      (e: Error) => {
        toast(e.message, { kind: 'error' });
        close();
      },
    );
  }, [target, toast, close]);

  const agreementId = draft?.agreementId ?? '';
  // The agreement fills the draft and what it is compared with alike: a new record the person has not
  // touched closes without asking.
  const fillAgreement = useCallback((id: string) => {
    setDraft((d) => d && { ...d, agreementId: id });
    setBaseline((b) => b && JSON.stringify({ ...(JSON.parse(b) as ActivityDraft), agreementId: id }));
  }, []);
  useAgreementWhileUnset(target.mode === 'new', agreementId, fillAgreement);
  useEffect(() => {
    if (!agreementId) return;
    call('agreements.get', { id: agreementId }).then(
      (a) => setTasks(a.tasks),
      () => setTasks([]),
    );
  }, [agreementId]);

  if (!draft) return null;
  const err = (k: string) => failure?.fields[k];

  const save = async (next = false) => {
    try {
      const a = await saveActivity(id, toInput(draft));
      setFailure(null);
      setBaseline(JSON.stringify(draftOf(a)));
      keepDraft(null);
      keeping.current = false;
      if (next) {
        // The next record of the same agreement and type, as when a week's trainings are entered.
        toast(t('activity.savedNext', { title: a.title }));
        openNew(a.agreementId, { type: a.type as ActivityType, taskId: a.taskId ?? '' });
      } else if (id) {
        toast(t('common.saved'));
        close();
      } else {
        // A new record stays open: evidence is added to a saved record, right after saving it.
        setId(a.id);
        setSaved(a);
        setDraft(draftOf(a));
        toast(t('activity.savedAddEvidence'));
      }
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    }
  };

  const duplicate = () => {
    openNew(draft.agreementId, { ...draft });
    toast(t('activity.duplicated'));
  };

  const del = async () => {
    if (!id) return;
    try {
      await remove(id);
      close();
      toast(t('common.deleted', { name: draft.title }), {
        ms: 8000,
        action: {
          label: t('common.undo'),
          run: () => void restore(id).catch((e: Error) => toast(e.message, { kind: 'error' })),
        },
      });
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    }
  };

  const title = id ? t('activity.edit') : t('activity.new');

  return (
    <FormDialog
      title={title}
      onClose={close}
      onSave={() => void save()}
      failure={failure}
      dirty={dirty}
      wide
      footer={(guardedClose) => (
        <>
          {id ? (
            <>
              <button type="button" className="danger" onClick={() => void del()}>
                {t('common.delete')}
              </button>
              <button type="button" onClick={duplicate}>
                {t('activity.duplicate')}
              </button>
            </>
          ) : null}
          <span className="spacer" />
          <button type="button" onClick={guardedClose}>
            {t('common.close')}
          </button>
          <button type="button" onClick={() => void save(true)}>
            {t('activity.saveNext')}
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      )}
      after={
        id && saved ? (
          <>
            <AttachmentPanel entityTable="activities" entityId={id} onChange={changed} />
            <OutcomePanel agreementId={saved.agreementId} activityId={id} />
          </>
        ) : null
      }
    >
      {target.mode === 'new' && target.planItem && !id ? (
        <div className="banner wide">{t('activity.fromPlan', { content: target.planItem })}</div>
      ) : null}
      <ActivityFields draft={draft} onChange={setDraft} tasks={tasks} err={err} />
    </FormDialog>
  );
};
