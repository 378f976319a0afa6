import { useEffect, useRef, useState } from 'react';
import type { ReportDocument, ReportTemplate } from '../../../electron/shared/contract';
import { call } from '../../api';
import { YearInput } from '../../components/YearInput';
import { useRead } from '../../components/hooks';
import { WorkStatus } from '../../components/WorkStatus';
import { AgreementFilter } from '../../components/AgreementFilter';
import { useI18n } from '../../i18n';
import { useActivityEditor } from '../../stores/activityEditor';
import { useApp } from '../../stores/app';
import { useReportYear } from '../../stores/reportYear';
import { FILE_MIME, saveBytes } from '../attachments/files';
import { ReportPaper, type SectionActions } from './ReportPaper';

/** Records listed beside a figure; the count says how many there are in all. */
const SOURCES_SHOWN = 200;

/** The records behind one figure, fetched when asked; an activity opens in its dialog. */
const Sources = ({
  doc,
  id,
  version,
  onClose,
}: {
  doc: ReportDocument;
  id: string;
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

/** Builds, edits and exports the annual report of an agreement (or of all the site's agreements). */
export const ReportsPage = ({ id }: { id?: string }) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  const activityVersion = useActivityEditor((s) => s.version);
  const [agreementId, setAgreementId] = useState('');
  const { year: chosen, setYear, settle } = useReportYear();
  useEffect(() => {
    void settle();
  }, [settle]);
  const year = chosen ?? new Date().getFullYear();
  const [template, setTemplate] = useState<ReportTemplate>('seed004');
  const [doc, setDoc] = useState<ReportDocument | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [figure, setFigure] = useState<string | null>(null);

  // Back from the print view, or after an activity was edited from the sources: read the report again.
  // `loaded` names what the page already holds, so a report just built is not read a second time.
  const reportId = doc?.reportId ?? id;
  const loaded = useRef<string | null>(null);
  useEffect(() => {
    if (!reportId || loaded.current === `${reportId}:${activityVersion}`) return;
    let live = true;
    call('reports.get', { id: reportId }).then(
      (d) => {
        if (!live) return;
        loaded.current = `${d.reportId}:${activityVersion}`;
        setDoc(d);
        setAgreementId(d.agreementId ?? '');
        setYear(d.year);
        setTemplate(d.template);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [reportId, activityVersion, setYear]);

  const open = async () => {
    setBusy(t('report.opening', { year }));
    setError(null);
    setFigure(null);
    try {
      const d = await call('reports.open', { agreementId: agreementId || null, year, template });
      loaded.current = `${d.reportId}:${activityVersion}`;
      setDoc(d);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const exportAs = async (format: 'pdf' | 'docx' | 'xlsx') => {
    if (!doc) return;
    setBusy(t('report.exporting', { format: { pdf: 'PDF', docx: 'Word', xlsx: 'Excel' }[format] }));
    setError(null);
    try {
      const out =
        format === 'pdf'
          ? await call('reports.pdf', { reportId: doc.reportId })
          : await call('reports.export', { reportId: doc.reportId, format });
      saveBytes(out.fileName, FILE_MIME[format], out.dataBase64);
      toast(t('report.exported', { name: out.fileName }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const actions: SectionActions | null = doc
    ? {
        async save(key, body) {
          try {
            const next = await call('reports.saveSection', { reportId: doc.reportId, key, body });
            setDoc(next);
            toast(t('report.saved', { heading: next.sections.find((s) => s.key === key)?.heading ?? key }));
            return true;
          } catch (e) {
            toast((e as Error).message, { kind: 'error' });
            return false;
          }
        },
        async reset(key) {
          try {
            setDoc(await call('reports.resetSection', { reportId: doc.reportId, key }));
          } catch (e) {
            toast((e as Error).message, { kind: 'error' });
          }
        },
        figure: setFigure,
      }
    : null;

  return (
    <div className="page" data-testid="reports">
      <div className="page-head">
        <h1>{t('report.title')}</h1>
        <div className="actions">
          <button
            type="button"
            disabled={!doc}
            onClick={() => doc && go({ page: 'reportPrint', id: doc.reportId })}
          >
            {t('report.preview')}
          </button>
          <button type="button" disabled={!doc || busy !== null} onClick={() => void exportAs('pdf')}>
            {t('report.pdf')}
          </button>
          <button type="button" disabled={!doc || busy !== null} onClick={() => void exportAs('docx')}>
            {t('report.word')}
          </button>
          <button type="button" disabled={!doc || busy !== null} onClick={() => void exportAs('xlsx')}>
            {t('report.excel')}
          </button>
        </div>
      </div>
      <div className="filters">
        <AgreementFilter
          label={t('report.scope')}
          allLabel={t('report.allAgreements')}
          value={agreementId}
          onChange={setAgreementId}
        />
        <YearInput value={year} onChange={setYear} />
        <label className="inline">
          {t('report.template')}
          <select value={template} onChange={(e) => setTemplate(e.target.value as ReportTemplate)}>
            <option value="seed004">{t('report.templates.seed004')}</option>
            <option value="seed001">{t('report.templates.seed001')}</option>
          </select>
        </label>
        <button type="button" className="primary" disabled={busy !== null} onClick={() => void open()}>
          {t('report.open')}
        </button>
      </div>
      <WorkStatus busy={busy} error={error} />
      {doc ? (
        <div className={figure ? 'report-layout with-sources' : 'report-layout'}>
          <ReportPaper doc={doc} actions={actions} />
          {figure ? (
            <Sources doc={doc} id={figure} version={activityVersion} onClose={() => setFigure(null)} />
          ) : null}
        </div>
      ) : (
        <div className="empty">{t('report.empty')}</div>
      )}
    </div>
  );
};
