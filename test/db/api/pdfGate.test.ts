import { afterEach, expect, it } from 'vitest';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

// A PDF is printed from the print view, which reads the report through the same API while the PDF call
// waits. The background inbox scan (every 20 s) runs alone: it must not come between the two.

let t: TestApp;
afterEach(() => t.close());

it('prints a PDF while the background inbox scan is due, instead of waiting for each other until timeout', async () => {
  t = await openTestApp();
  const { agreement } = await seedAgreement(t);
  const report = await t.call('reports.open', { agreementId: agreement.id, year: 2023, template: 'seed004' });
  t.app.setPrinter({
    async print(target) {
      // The scan comes due while the print view loads; the print view then asks for the report.
      const scan = t.app.invoke('inbox.scan', {});
      const view = await t.app.invoke('reports.get', { id: target.kind === 'report' ? target.id : '' });
      await scan;
      return new TextEncoder().encode(view.ok ? '%PDF-1.4 report' : 'failed');
    },
  });
  const pdf = await t.call('reports.pdf', { reportId: report.reportId });
  expect(Buffer.from(pdf.dataBase64, 'base64').toString()).toBe('%PDF-1.4 report');
}, 20_000);
