import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

// ExcelJS costs every process that loads it about 27 MB (the store's worker, an import's child), so it is
// loaded when a workbook is first written, not when the store opens.

const excel = vi.hoisted(() => ({ loaded: false }));
vi.mock('exceljs', async () => {
  excel.loaded = true;
  return vi.importActual('exceljs');
});

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
}, 60_000);
afterAll(() => t.close());

describe('ExcelJS on demand', () => {
  it('is not loaded to open the store and keep the ledger, and is loaded to write a workbook', async () => {
    const { agreement } = await seedAgreement(t);
    await t.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '教师信息技术应用能力培训',
      startDate: '2023-12-14',
    });
    await t.call('activities.list', { sort: 'startDate', direction: 'asc', limit: 20, offset: 0 });
    expect(excel.loaded).toBe(false);
    const out = await t.call('ledger.export', { sort: 'startDate', direction: 'asc' });
    expect(excel.loaded).toBe(true);
    expect(out.rows).toBeGreaterThan(0);
    expect(Buffer.from(out.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  }, 60_000);
});
