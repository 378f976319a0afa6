import { call } from '../../api';
import { useApp } from '../../stores/app';
import { PrintView } from './PrintView';
import { ReportPaper } from './ReportPaper';

/** The annual report's print view. */
export const ReportPrint = ({ id }: { id: string }) => {
  const go = useApp((s) => s.go);
  return (
    <PrintView
      testId="report-print"
      load={() => call('reports.get', { id })}
      loadKey={id}
      onBack={() => go({ page: 'reports', id })}
      pdf={() => call('reports.pdf', { reportId: id })}
      title={(doc) => doc.title}
    >
      {(doc) => <ReportPaper doc={doc} actions={null} />}
    </PrintView>
  );
};
