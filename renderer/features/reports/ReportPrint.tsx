import { call } from '../../api';
import { useApp } from '../../stores/app';
import { loadPhoto } from './photoSource';
import { PrintView } from './PrintView';
import { ReportPaper } from './ReportPaper';

/** The annual report's print view. */
export const ReportPrint = ({ id }: { id: string }) => {
  const go = useApp((s) => s.go);
  return (
    <PrintView
      testId="report-print"
      load={async () => {
        const doc = await call('reports.get', { id });
        // Fetched before the paper renders, so each photo is there at once; one that fails shows its note.
        const photos = doc.sections.flatMap((s) => s.photos);
        await Promise.all(photos.map((p) => loadPhoto(p.attachmentId).catch(() => null)));
        return doc;
      }}
      loadKey={id}
      onBack={() => go({ page: 'reports', id })}
      pdf={() => call('reports.pdf', { reportId: id })}
      title={(doc) => doc.title}
    >
      {(doc) => <ReportPaper doc={doc} actions={null} />}
    </PrintView>
  );
};
