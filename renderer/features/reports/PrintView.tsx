import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useAction, useRead } from '../../components/hooks';
import type { ExportFile } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';
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
  const { busy, run } = useAction();
  const savePdf = () =>
    void run('pdf', pdf, (out) => {
      saveBytes(out.fileName, FILE_MIME.pdf, out.dataBase64);
      return t('report.exported', { name: out.fileName });
    });
  // The data and the fonts: the PDF printers wait for data-print-ready, which says both are in.
  const { data, error, loading } = useRead(loadKey, async () => {
    const d = await load();
    await document.fonts.ready;
    return d;
  });
  // And the pictures: ready once every image on the paper is decoded (a broken one counts as done).
  const paper = useRef<HTMLDivElement>(null);
  const [painted, setPainted] = useState<T | null>(null);
  useEffect(() => {
    if (data === null || loading) return;
    let live = true;
    const images = [...(paper.current?.querySelectorAll('img') ?? [])];
    void Promise.all(images.map((img) => img.decode().catch(() => undefined))).then(
      () => live && setPainted(() => data),
    );
    return () => {
      live = false;
    };
  }, [data, loading]);
  const ready = data !== null && !loading && painted === data;
  const docTitle = data === null ? null : title(data);
  useEffect(() => {
    if (docTitle === null) return;
    const appTitle = document.title;
    document.title = docTitle;
    return () => {
      document.title = appTitle;
    };
  }, [docTitle]);
  return (
    <div className="print-view" data-testid={testId} data-print-ready={ready} ref={paper}>
      <div className="print-toolbar no-print">
        <button type="button" onClick={onBack}>
          {t('report.back')}
        </button>
        <button type="button" className="primary" disabled={!data} onClick={() => window.print()}>
          {t('report.print')}
        </button>
        <button type="button" disabled={!data || busy !== null} onClick={savePdf}>
          {busy ? t('report.exporting', { format: 'PDF' }) : t('report.pdf')}
        </button>
      </div>
      {error ? <div className="banner error">{error}</div> : null}
      {data ? children(data) : <p className="muted">{t('app.loading')}</p>}
    </div>
  );
};
