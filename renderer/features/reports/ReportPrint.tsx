import { useEffect, useState } from 'react';
import type { ReportDocument } from '../../../electron/shared/contract';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { ReportPaper } from './ReportPaper';

/**
 * The print view: the paper alone, A4 with page numbers from the print stylesheet. The browser's print
 * dialog (or Electron's) prints it or saves it as PDF; tests and benchmarks print it with page.pdf.
 */
export const ReportPrint = ({ id }: { id: string }) => {
  const { t } = useI18n();
  const go = useApp((s) => s.go);
  const [doc, setDoc] = useState<ReportDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    call('reports.get', { id })
      .then((d) => {
        if (!live) return;
        setDoc(d);
        return document.fonts.ready.then(() => live && setReady(true));
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [id]);
  return (
    <div className="print-view" data-testid="report-print" data-ready={ready}>
      <div className="print-toolbar no-print">
        <button type="button" onClick={() => go({ page: 'reports', id })}>
          {t('report.back')}
        </button>
        <button type="button" className="primary" disabled={!doc} onClick={() => window.print()}>
          {t('report.print')}
        </button>
      </div>
      {error ? <div className="banner error">{error}</div> : null}
      {doc ? <ReportPaper doc={doc} actions={null} /> : <p className="muted">{t('app.loading')}</p>}
    </div>
  );
};
