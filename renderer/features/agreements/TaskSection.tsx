import { useState } from 'react';
import type { Task } from '../../../electron/shared/contract';
import { formatYuan } from '../../components/form';
import { useI18n } from '../../i18n';
import { useAgreement } from '../../stores/agreement';
import { useApp } from '../../stores/app';
import { TaskDialog } from './TaskDialog';

export const TaskSection = ({ agreementId, tasks }: { agreementId: string; tasks: Task[] }) => {
  const { t, label } = useI18n();
  const toast = useApp((s) => s.toast);
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  const removeTask = useAgreement((s) => s.removeTask);
  const restoreTask = useAgreement((s) => s.restoreTask);

  const remove = async (task: Task) => {
    try {
      await removeTask(agreementId, task.id);
      toast(t('common.deleted', { name: task.name }), {
        ms: 8000,
        action: {
          label: t('common.undo'),
          run: () =>
            void restoreTask(agreementId, task.id).catch((e: Error) => toast(e.message, { kind: 'error' })),
        },
      });
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    }
  };

  return (
    <section className="section" aria-label={t('task.title')}>
      <div className="section-head">
        <h2>{t('task.title')}</h2>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('task.new')}
        </button>
      </div>
      {tasks.length === 0 ? (
        <p className="empty">{t('task.none')}</p>
      ) : (
        <table className="table" data-testid="tasks">
          <thead>
            <tr>
              <th>{t('task.year')}</th>
              <th>{t('task.name')}</th>
              <th>{t('task.category')}</th>
              <th>{t('task.department')}</th>
              <th>{t('task.responsiblePerson')}</th>
              <th>{t('task.targetText')}</th>
              <th className="num">{t('task.budget')}</th>
              <th>{t('task.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id}>
                <td className="nowrap">
                  {task.yearEnd !== null ? `${task.year}—${task.yearEnd}` : task.year}
                </td>
                <td>{task.name}</td>
                <td className="nowrap">{label('taskCategory', task.category)}</td>
                <td className="nowrap">{task.department ?? '—'}</td>
                <td>{task.responsiblePerson ?? '—'}</td>
                <td>
                  {task.targetText ??
                    (task.targetValue !== null ? `${task.targetValue} ${task.targetUnit ?? ''}` : '—')}
                </td>
                <td className="num">{formatYuan(task.budgetYuan)}</td>
                <td className="nowrap">{label('taskStatus', task.status)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => setEditing(task)}>
                    {t('common.edit')}
                  </button>
                  <button type="button" onClick={() => void remove(task)}>
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <TaskDialog
          agreementId={agreementId}
          task={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
};
