import { useEffect, useRef, useState } from 'react';
import type { ReportDocument, ReportTemplate } from '../../../electron/shared/contract';
import { call } from '../../api';
import { AgreementFilter } from '../../components/AgreementFilter';
import { useAction, useRead } from '../../components/hooks';
import { WorkStatus } from '../../components/WorkStatus';
import { YearInput } from '../../components/YearInput';
import { useI18n } from '../../i18n';
import { useActivityEditor } from '../../stores/activityEditor';
import { useApp } from '../../stores/app';
import { useReportYear } from '../../stores/reportYear';
import { FILE_MIME, saveBytes } from '../attachments/files';
import { FigureSources } from './FigureSources';
import { ReportPaper, type SectionActions } from './ReportPaper';

/** Builds, edits and exports the annual report of an agreement (or of all the site's agreements). */
export const ReportsPage = ({ id }: { id?: string }) => {
  const { t } = useI18n();
  const go = useApp((s) => s.go);
  const activityVersion = useActivityEditor((s) => s.version);
  const [agreementId, setAgreementId] = useState('');
  const { year: chosen, setYear, settle } = useReportYear();
  useEffect(() => {
    void settle();
  }, [settle]);
  const year = chosen ?? new Date().getFullYear();
  const [template, setTemplate] = useState<ReportTemplate>('seed004');
  const [figure, setFigure] = useState<string | null>(null);
  const { busy, error: actionError, run } = useAction();

  // The report shown is read again after every change to it, after an activity was edited from the
  // sources, and when coming back from the print view.
  const [reportId, setReportId] = useState<string | null>(id ?? null);
  // The filters follow a report that comes in (opened by id, or just built); after that they are the
  // person's to change.
  const filtersFor = useRef<string | null>(null);
  const report = useRead(reportId && `${reportId}:${activityVersion}`, async () => {
    const d = await call('reports.get', { id: reportId! });
    if (filtersFor.current !== d.reportId) {
      filtersFor.current = d.reportId;
      setAgreementId(d.agreementId ?? '');
      setYear(d.year);
      setTemplate(d.template);
    }
    return d;
  });
  const doc = report.data;

  const open = async () => {
    setFigure(null);
    const d = await run(t('report.opening', { year }), () =>
      call('reports.open', { agreementId: agreementId || null, year, template }),
    );
    if (!d) return;
    if (d.reportId === reportId) report.reload();
    else setReportId(d.reportId);
  };

  const exportAs = (format: 'pdf' | 'docx' | 'xlsx') =>
    doc &&
    void run(
      t('report.exporting', { format: { pdf: 'PDF', docx: 'Word', xlsx: 'Excel' }[format] }),
      () =>
        format === 'pdf'
          ? call('reports.pdf', { reportId: doc.reportId })
          : call('reports.export', { reportId: doc.reportId, format }),
      (out) => {
        saveBytes(out.fileName, FILE_MIME[format], out.dataBase64);
        return t('report.exported', { name: out.fileName });
      },
    );

  /** A change to the report: runs it, says what it did, and reads the report again. */
  const change = async (
    name: string,
    action: () => Promise<ReportDocument>,
    done?: (d: ReportDocument) => string | null,
  ): Promise<boolean> => {
    const d = await run(name, action, done);
    if (d) report.reload();
    return d !== null;
  };

  const actions: SectionActions | null = doc
    ? {
        save: (key, body) =>
          change(
            'save',
            () => call('reports.saveSection', { reportId: doc.reportId, key, body }),
            (next) =>
              t('report.saved', { heading: next.sections.find((s) => s.key === key)?.heading ?? key }),
          ),
        reset: async (key) => {
          await change('reset', () => call('reports.resetSection', { reportId: doc.reportId, key }));
        },
        figure: setFigure,
        photos: {
          choices: () => call('reports.photoChoices', { reportId: doc.reportId }),
          add: (sectionKey, attachmentId, caption) =>
            change(
              'photo',
              () => call('reports.addPhoto', { reportId: doc.reportId, sectionKey, attachmentId, caption }),
              () => t('report.photos.added', { caption }),
            ),
          caption: (photoId, caption) =>
            change('photo', () => call('reports.captionPhoto', { id: photoId, caption })),
          move: async (photoId, offset) => {
            await change('photo', () => call('reports.movePhoto', { id: photoId, offset }));
          },
          remove: async (photoId, caption) => {
            await change(
              'photo',
              () => call('reports.removePhoto', { id: photoId }),
              () => t('report.photos.removed', { caption }),
            );
          },
        },
      }
    : null;

  // Saves and photo changes are quick and end in a toast, so only opening and exporting show as under way;
  // the last failure of any action stays in the status line until the next one.
  const status = busy && !['save', 'reset', 'photo'].includes(busy) ? busy : null;
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
          <button type="button" disabled={!doc || busy !== null} onClick={() => exportAs('pdf')}>
            {t('report.pdf')}
          </button>
          <button type="button" disabled={!doc || busy !== null} onClick={() => exportAs('docx')}>
            {t('report.word')}
          </button>
          <button type="button" disabled={!doc || busy !== null} onClick={() => exportAs('xlsx')}>
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
      <WorkStatus busy={status} error={report.error ?? actionError} />
      {doc ? (
        <div className={figure ? 'report-layout with-sources' : 'report-layout'}>
          <ReportPaper doc={doc} actions={actions} />
          {figure ? (
            <FigureSources doc={doc} id={figure} version={activityVersion} onClose={() => setFigure(null)} />
          ) : null}
        </div>
      ) : (
        <div className="empty">{t('report.empty')}</div>
      )}
    </div>
  );
};
