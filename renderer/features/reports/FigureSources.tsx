import type { ReportDocument } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';
import { useActivityEditor } from '../../stores/activityEditor';

/** The records behind one figure; an activity opens in its dialog. */
export const FigureSources = ({
  doc,
  id,
  onClose,
}: {
  doc: ReportDocument;
  id: string;
  onClose: () => void;
}) => {
  const { t } = useI18n();
  const openEdit = useActivityEditor((s) => s.openEdit);
  const f = doc.figures[id];
  if (!f) return null;
  return (
    <aside className="sources no-print" aria-label={t('report.sources', { label: f.label, value: f.value })}>
      <div className="sources-head">
        <strong>{t('report.sources', { label: f.label, value: Number(f.value.toFixed(1)) })}</strong>
        <button type="button" className="link" onClick={onClose}>
          {t('report.close')}
        </button>
      </div>
      <p className="muted small">
        {f.refs.length ? t('report.sourceCount', { count: f.refs.length }) : t('report.noSources')}
      </p>
      <ul>
        {f.refs.slice(0, 200).map((ref, i) => {
          const r = doc.records[ref];
          if (!r) return null;
          return (
            <li key={ref}>
              <span className="tag">{t(`report.tables.${r.table}`)}</span>{' '}
              {r.table === 'activities' ? (
                <button type="button" className="link" onClick={() => openEdit(r.id)}>
                  {r.title}
                </button>
              ) : (
                r.title
              )}
              {r.date ? <span className="muted small"> {r.date}</span> : null}
              <span className="part" data-part={f.parts[i]}>
                {t('report.part', { value: Number((f.parts[i] ?? 0).toFixed(1)), unit: f.unit })}
              </span>
            </li>
          );
        })}
      </ul>
    </aside>
  );
};
