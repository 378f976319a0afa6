import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { bundleFile, exportFrom, openDepartment } from '../../helpers/sync';

// The screen sends a picked bundle as base64 text and keeps it for 检查 then 导入. The store reads the
// archive from that text a range at a time: a decoded copy of the whole file beside the text was a sixth
// of a 1,000,000-record import's peak memory (issue 15, import.peak_mb).

let site: TestApp;
let dept: TestApp;

beforeEach(async () => {
  site = await openTestApp();
  dept = await openDepartment();
});
afterEach(() => {
  vi.restoreAllMocks();
  site.close();
  dept.close();
});

describe('a bundle picked on the screen', () => {
  it('is checked and imported without its file ever being decoded whole', async () => {
    const { agreement } = await seedAgreement(site);
    const activity = await site.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '教师信息技术应用能力培训',
      startDate: '2023-12-14',
    });
    // Incompressible, so the bundle is megabytes: far more than any one range the reader decodes.
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * 1024 * 1024)]);
    await site.call('attachments.add', {
      entityTable: 'activities',
      entityId: activity.id,
      fileName: '签到表.pdf',
      dataBase64: scan.toString('base64'),
    });
    const bundle = await exportFrom(site);
    expect(bundle.bytes.length).toBeGreaterThan(2 * 1024 * 1024);

    let largest = 0;
    const from = Buffer.from.bind(Buffer) as (...args: unknown[]) => Buffer;
    vi.spyOn(Buffer, 'from').mockImplementation(((...args: unknown[]) => {
      const out = from(...args);
      if (typeof args[0] === 'string' && args[1] === 'base64') largest = Math.max(largest, out.length);
      return out;
    }) as typeof Buffer.from);
    const report = await dept.call('sync.inspect', bundleFile(bundle.bytes));
    const done = await dept.call('sync.import', bundleFile(bundle.bytes, report.fingerprint));
    vi.restoreAllMocks();

    expect(report.summary.tables.activities?.new).toBe(1);
    expect(done.summary).toEqual(report.summary);
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(bundle.bytes.length / 2);
    const [held] = await dept.call('attachments.list', {
      entityTable: 'activities',
      entityId: activity.id,
    });
    const read = await dept.call('attachments.read', { id: held!.id });
    expect(Buffer.from(read.dataBase64, 'base64').equals(scan)).toBe(true);
  });
});
