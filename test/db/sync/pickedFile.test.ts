import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { bundleFile, exportFrom, openDepartment } from '../../helpers/sync';

// The screen sends a picked bundle (or a join file) as base64 text and keeps it for 检查 then 导入. The store reads the
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

/** A site activity with a scan attached: incompressible, so a bundle carrying it is megabytes. */
const withScan = async () => {
  const { agreement } = await seedAgreement(site);
  const activity = await site.call('activities.create', {
    agreementId: agreement.id,
    type: '培训',
    title: '教师信息技术应用能力培训',
    startDate: '2023-12-14',
  });
  const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * 1024 * 1024)]);
  await site.call('attachments.add', {
    entityTable: 'activities',
    entityId: activity.id,
    fileName: '签到表.pdf',
    dataBase64: scan.toString('base64'),
  });
  return { activity, scan };
};

/** The most bytes any one base64 decoding gave from now until the spy is restored. */
const watchDecoding = () => {
  const seen = { largest: 0 };
  const from = Buffer.from.bind(Buffer) as (...args: unknown[]) => Buffer;
  vi.spyOn(Buffer, 'from').mockImplementation(((...args: unknown[]) => {
    const out = from(...args);
    if (typeof args[0] === 'string' && args[1] === 'base64')
      seen.largest = Math.max(seen.largest, out.length);
    return out;
  }) as typeof Buffer.from);
  return seen;
};

describe('a bundle picked on the screen', () => {
  it('is checked and imported without its file ever being decoded whole', async () => {
    const { activity, scan } = await withScan();
    const bundle = await exportFrom(site);
    expect(bundle.bytes.length).toBeGreaterThan(2 * 1024 * 1024);

    const decoded = watchDecoding();
    const report = await dept.call('sync.inspect', bundleFile(bundle.bytes));
    const done = await dept.call('sync.import', bundleFile(bundle.bytes, report.fingerprint));
    vi.restoreAllMocks();

    expect(report.summary.tables.activities?.new).toBe(1);
    expect(done.summary).toEqual(report.summary);
    expect(decoded.largest).toBeGreaterThan(0);
    expect(decoded.largest).toBeLessThan(bundle.bytes.length / 2);
    const [held] = await dept.call('attachments.list', {
      entityTable: 'activities',
      entityId: activity.id,
    });
    const read = await dept.call('attachments.read', { id: held!.id });
    expect(Buffer.from(read.dataBase64, 'base64').equals(scan)).toBe(true);
  });

  it('is a join file a new PC previews and joins without decoding it whole', async () => {
    const { activity, scan } = await withScan();
    const file = await site.call('sync.exportJoin', {});
    const size = Buffer.byteLength(file.dataBase64, 'base64');
    expect(size).toBeGreaterThan(2 * 1024 * 1024);
    const pc = await openTestApp({ setup: false });
    try {
      const joinFile = { fileName: file.fileName, dataBase64: file.dataBase64 };
      const decoded = watchDecoding();
      const preview = await pc.call('app.joinPreview', joinFile);
      await pc.call('app.join', { ...joinFile, confirmFingerprint: preview.fingerprint });
      vi.restoreAllMocks();
      expect(decoded.largest).toBeGreaterThan(0);
      expect(decoded.largest).toBeLessThan(size / 2);
      const [held] = await pc.call('attachments.list', { entityTable: 'activities', entityId: activity.id });
      const read = await pc.call('attachments.read', { id: held!.id });
      expect(Buffer.from(read.dataBase64, 'base64').equals(scan)).toBe(true);
    } finally {
      pc.close();
    }
  });
});
