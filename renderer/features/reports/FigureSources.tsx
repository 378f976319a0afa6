import type { ReportDocument } from '../../../electron/shared/contract';
import { call } from '../../api';
import { useRead } from '../../components/hooks';
import { useI18n } from '../../i18n';
import { useActivityEditor } from '../../stores/activityEditor';

/** Records listed beside a figure; the count says how many there are in all. */
const SOURCES_SHOWN = 200;

/** The records behind one figure, fetched when asked; an activity opens in its dialog. */
export const FigureSources = ({
  doc,
  id,
  version,
  onClose,
}: {
  doc: ReportDocument;
  id: string;
  /** The activity editor's version: a record saved there may change what the figure counts. */
  version: number;
  onClose: () => void;
}) => {
  const { t } = useI18n();
  const openEdit = useActivityEditor((s) => s.openEdit);
  const { data, error, loading } = useRead(`${doc.reportId}\u0000${id}\u0000${version}`, () =>
    call('reports.figureSources', { reportId: doc.reportId, figureId: id, limit: SOURCES_SHOWN }),
  );
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
        {f.sources ? t('report.sourceCount', { count: f.sources }) : t('report.noSources')}
      </p>
      {error ? <p className="error small">{error}</p> : null}
      {loading && !data ? <p className="muted small">{t('report.sourcesLoading')}</p> : null}
      <ul>
        {(data?.sources ?? []).map((r) => (
          <li key={r.id}>
            <span className="tag">{t(`report.tables.${r.table}`)}</span>{' '}
            {r.table === 'activities' ? (
              <button type="button" className="link" onClick={() => openEdit(r.id)}>
                {r.title}
              </button>
            ) : (
              r.title
            )}
            {r.date ? <span className="muted small"> {r.date}</span> : null}
            <span className="part" data-part={r.part}>
              {t('report.part', { value: Number(r.part.toFixed(1)), unit: f.unit })}
            </span>
          </li>
        ))}
      </ul>
      {data && data.total > data.sources.length ? (
        <p className="muted small">
          {t('report.sourcesMore', { shown: data.sources.length, total: data.total })}
        </p>
      ) : null}
    </aside>
  );
};
