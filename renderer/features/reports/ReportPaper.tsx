import { useState } from 'react';
import type { Paragraph, ReportDocument, ReportSection } from '../../../electron/shared/contract';
import { confirmDiscard, useUnsaved } from '../../components/discard';
import { useI18n } from '../../i18n';
import { SectionPhotos, type PhotoActions } from './ReportPhotos';

// The report as it prints: title block, sections, the 汇总表. On screen the same paper carries the
// editing controls and makes each figure a button that shows the records behind it; `print` drops both.

const Text = ({
  p,
  onFigure,
  onScreen,
}: {
  p: Paragraph;
  onFigure: ((id: string) => void) | null;
  onScreen: boolean;
}) => {
  const { t } = useI18n();
  // A sub-heading with nothing under it is left out of the print; on screen it asks to be filled in.
  if (p.pending)
    return onScreen ? (
      <p className="sub pending">
        {p.runs.map((r) => r.text).join('')} <span className="tag">{t('report.pending')}</span>
      </p>
    ) : null;
  return (
    <p className={p.sub ? 'sub' : undefined}>
      {p.runs.map((r, i) =>
        r.figure && onFigure ? (
          <button
            key={i}
            type="button"
            className="figure"
            data-figure={r.figure}
            onClick={() => onFigure(r.figure!)}
          >
            {r.text}
          </button>
        ) : (
          <span key={i}>{r.text}</span>
        ),
      )}
    </p>
  );
};

export interface SectionActions {
  save(key: string, body: string): Promise<boolean>;
  reset(key: string): Promise<void>;
  figure(id: string): void;
  photos: PhotoActions;
}

const SectionView = ({
  s,
  doc,
  actions,
}: {
  s: ReportSection;
  doc: ReportDocument;
  actions: SectionActions | null;
}) => {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const editing = draft !== null && actions !== null;
  const changed = editing && draft !== s.body;
  useUnsaved(changed);
  const cancel = () => void confirmDiscard(changed).then((discard) => discard && setDraft(null));
  return (
    <section className="report-section" aria-label={s.heading} data-key={s.key}>
      <h2>
        {s.heading}
        {actions && !editing ? (
          <span className="no-print section-tools">
            <span className={`tag ${s.kind === 'generated' && !s.edited ? 'ok' : ''}`}>
              {s.kind === 'generated' ? t('report.generated') : t('report.narrative')}
            </span>
            <button type="button" className="link" onClick={() => setDraft(s.body)}>
              {s.kind === 'narrative' && !s.body ? t('report.write') : t('report.edit')}
            </button>
            {s.edited ? (
              <button type="button" className="link" onClick={() => void actions.reset(s.key)}>
                {t('report.reset')}
              </button>
            ) : null}
          </span>
        ) : null}
      </h2>
      {editing ? (
        <div className="no-print section-editor">
          <textarea
            aria-label={s.heading}
            value={draft}
            rows={Math.min(24, Math.max(6, draft.split('\n').length + 2))}
            placeholder={t('report.placeholder')}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') cancel();
            }}
          />
          <div className="actions">
            <button type="button" onClick={cancel}>
              {t('report.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() =>
                void actions.save(s.key, draft).then((ok) => {
                  if (ok) setDraft(null);
                })
              }
            >
              {t('report.save')}
            </button>
          </div>
        </div>
      ) : (
        <>
          {s.edited && actions ? <p className="no-print muted small">{t('report.editedNote')}</p> : null}
          {s.paragraphs.map((p, i) => (
            <Text
              key={i}
              p={p}
              onFigure={actions && !s.edited ? actions.figure : null}
              onScreen={actions !== null}
            />
          ))}
          {s.kind === 'narrative' && s.paragraphs.length === 0 && actions ? (
            <p className="no-print muted">{t('report.notWritten')}</p>
          ) : null}
        </>
      )}
      <SectionPhotos s={s} actions={actions?.photos ?? null} />
      {actions && s.edited && s.figures.length ? (
        <p className="no-print small">
          {t('report.figures')}：
          {s.figures.map((id) => (
            <button key={id} type="button" className="link" onClick={() => actions.figure(id)}>
              {doc.figures[id]?.label}
            </button>
          ))}
        </p>
      ) : null}
    </section>
  );
};

/** 计划时间 in the 汇总表's columns. */
const PLANNED_COLUMN = 6;

/** "2023-04-20 至 2023-06-20": each date kept on one line, the range free to wrap between them. */
const Dates = ({ text }: { text: string }) => (
  <>
    {text.split(' 至 ').map((d, k) => (
      <span key={k}>
        {k ? ' 至 ' : ''}
        <span className="date">{d}</span>
      </span>
    ))}
  </>
);

const SummaryTable = ({ doc, heading }: { doc: ReportDocument; heading: string }) => (
  <section className="report-summary" aria-label={heading}>
    <h2 className="center">{heading}</h2>
    <table className="summary-table">
      <thead>
        <tr>
          {doc.summaryColumns.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {doc.summary.map((r) => (
          <tr key={r.taskId}>
            {r.cells.map((c, i) => (
              <td key={i} className={typeof c === 'number' ? 'num' : undefined}>
                {i === PLANNED_COLUMN && typeof c === 'string' ? <Dates text={c} /> : c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

export const ReportPaper = ({ doc, actions }: { doc: ReportDocument; actions: SectionActions | null }) => {
  const { t } = useI18n();
  return (
    <article className="paper" data-testid="report-paper">
      <header className="title-block">
        <h1>{doc.title}</h1>
        <p>{t('report.dateLine', { institution: doc.institution, date: doc.date })}</p>
      </header>
      {doc.sections.map((s) =>
        s.kind === 'summary' ? (
          <SummaryTable key={s.key} doc={doc} heading={s.heading} />
        ) : (
          <SectionView key={`${s.key}:${s.body}`} s={s} doc={doc} actions={actions} />
        ),
      )}
    </article>
  );
};
