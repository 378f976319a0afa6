import { useEffect } from 'react';
import { formatYuan } from '../../components/form';
import { useI18n } from '../../i18n';
import { useAgreement } from '../../stores/agreement';
import { useAgreementList } from '../../stores/agreements';
import { useApp } from '../../stores/app';
import { GroupSection } from './GroupSection';
import { TaskSection } from './TaskSection';

export const AgreementDetail = ({ id }: { id: string }) => {
  const { t, label } = useI18n();
  const go = useApp((s) => s.go);
  const toast = useApp((s) => s.toast);
  const removeAgreement = useAgreementList((s) => s.remove);
  const restoreAgreement = useAgreementList((s) => s.restore);
  const load = useAgreement((s) => s.load);
  const stored = useAgreement((s) => s.detail);
  const error = useAgreement((s) => s.error);
  // The store may still hold the previously viewed agreement for a moment.
  const a = stored?.id === id ? stored : null;
  useEffect(() => {
    void load(id);
  }, [id, load]);

  const remove = async () => {
    if (!a) return;
    try {
      await removeAgreement(id);
      go({ page: 'agreements' });
      toast(t('common.deleted', { name: a.title }), {
        ms: 8000,
        action: {
          label: t('common.undo'),
          run: () => void restoreAgreement(id).catch((e: Error) => toast(e.message, { kind: 'error' })),
        },
      });
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    }
  };

  if (error) return <div className="page banner error">{error}</div>;
  if (!a) return <p className="page muted">{t('app.loading')}</p>;
  const fact = (name: string, value: string | null | undefined, wide = false) => (
    <>
      <dt className={wide ? 'wide' : undefined}>{name}</dt>
      <dd className={wide ? 'wide' : undefined}>{value || '—'}</dd>
    </>
  );

  return (
    <article className="page" data-testid="agreement-detail">
      <div className="page-head">
        <div>
          <button type="button" className="link" onClick={() => go({ page: 'agreements' })}>
            ← {t('common.back')}
          </button>
          <h1>{a.title}</h1>
          <p className="muted">
            <span className={`tag status-${a.status}`}>{label('agreementStatus', a.status)}</span>{' '}
            {label('programType', a.programType)} · {label('deliveryMode', a.deliveryMode)} · {a.periodStart}{' '}
            — {a.periodEnd}
          </p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => go({ page: 'agreementForm', id })}>
            {t('common.edit')}
          </button>
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('common.delete')}
          </button>
        </div>
      </div>
      <section className="section">
        <h2>{t('agreement.basics')}</h2>
        <dl className="facts two">
          {fact(
            t('agreement.supporters'),
            a.parties
              .filter((p) => p.role === '支援方')
              .map((p) => (p.major ? `${p.institutionName}（${p.major}）` : p.institutionName))
              .join('、'),
          )}
          {fact(
            t('agreement.receivers'),
            a.parties
              .filter((p) => p.role === '受援方')
              .map((p) => p.institutionName)
              .join('、'),
          )}
          {fact(t('agreement.documentForm'), label('documentForm', a.documentForm))}
          {fact(t('agreement.documentNumber'), a.documentNumber)}
          {fact(t('agreement.signedDate'), a.signedDate)}
          {fact(t('agreement.budget'), a.budgetYuan === null ? null : formatYuan(a.budgetYuan))}
          {fact(t('agreement.period'), `${a.periodStart} — ${a.periodEnd}`)}
          {fact(t('agreement.hostOffice'), a.hostOffice)}
          {fact(t('agreement.policyBasis'), a.policyBasis, true)}
          {fact(t('agreement.goals'), a.goals, true)}
          {fact(t('agreement.clauses'), a.clauses, true)}
          {fact(t('agreement.notes'), a.notes, true)}
        </dl>
        {a.phases.length > 0 ? (
          <>
            <h3>{t('agreement.phases')}</h3>
            <ul className="phases">
              {a.phases.map((p) => (
                <li key={p.id}>
                  <strong>{p.name}</strong> {p.startDate} — {p.endDate}
                  {p.notes ? ` · ${p.notes}` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <GroupSection agreementId={id} groups={a.groups} />
      <TaskSection agreementId={id} tasks={a.tasks} />
    </article>
  );
};
