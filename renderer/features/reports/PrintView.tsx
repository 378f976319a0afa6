import { useEffect, useState, type ReactNode } from 'react';
import type { ExportFile } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { FILE_MIME, saveBytes } from '../attachments/files';

/**
 * A print view: the paper alone, A4 with page numbers from the print stylesheet, and a toolbar that is
 * not printed. The browser's (or Electron's) print dialog prints it or saves it as PDF; the PDF printers
 * wait for data-print-ready, set once the data and the fonts are in.
 */
export const PrintView = <T,>({
  testId,
  load,
  loadKey,
  onBack,
  pdf,
  title,
  children,
}: {
  testId: string;
  load: () => Promise<T>;
  /** Changes when `load` would fetch something else. */
  loadKey: string;
  onBack: () => void;
  /** Prints the same view to a PDF file without the print dialog (the shell's printer). */
  pdf: () => Promise<ExportFile>;
  /** The document's title: the PDF's Title metadata and the name the print dialog suggests. */
  title: (data: T) => string;
  children: (data: T) => ReactNode;
}) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const [printing, setPrinting] = useState(false);
  const savePdf = async () => {
    setPrinting(true);
    try {
      const out = await pdf();
      saveBytes(out.fileName, FILE_MIME.pdf, out.dataBase64);
      toast(t('report.exported', { name: out.fileName }));
    } catch (e) {
      toast((e as Error).message, { kind: 'error', ms: 8000 });
    } finally {
      setPrinting(false);
    }
  };
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    const appTitle = document.title;
    load()
      .then((d) => {
        if (!live) return;
        document.title = title(d);
        setData(d);
        return document.fonts.ready.then(() => live && setReady(true));
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
      document.title = appTitle;
    };
    // `load` is a new closure on every render; loadKey says when it asks for something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadKey]);
  return (
    <div className="print-view" data-testid={testId} data-print-ready={ready}>
      <div className="print-toolbar no-print">
        <button type="button" onClick={onBack}>
          {t('report.back')}
        </button>
        <button type="button" className="primary" disabled={!data} onClick={() => window.print()}>
          {t('report.print')}
        </button>
        <button type="button" disabled={!data || printing} onClick={() => void savePdf()}>
          {printing ? t('report.exporting', { format: 'PDF' }) : t('report.pdf')}
        </button>
      </div>
      {error ? <div className="banner error">{error}</div> : null}
      {data ? children(data) : <p className="muted">{t('app.loading')}</p>}
    </div>
  );
};
