import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/shared/contract';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { workbook, type Cell } from '../../helpers/workbook';

// The preview lists a page of rows at a time (problems first); the person pages through all of them and
// can fix a cell on any page, and the commit writes what the pages showed.

let t: TestApp;
let agreementId: string;
beforeEach(async () => {
  t = await openTestApp();
  agreementId = (await seedAgreement(t)).agreement.id;
});
afterEach(() => t.close());

type Extra = Partial<Omit<Input<'ledger.importPreview'>, 'agreementId' | 'dataBase64'>>;
const file = (bytes: Buffer, extra: Extra = {}) => ({
  agreementId,
  fileName: '2023年帮扶台账.xlsx',
  dataBase64: bytes.toString('base64'),
  ...extra,
});
const preview = (bytes: Buffer, extra: Extra = {}) => t.call('ledger.importPreview', file(bytes, extra));

describe('the preview’s pages', () => {
  it('lists every row a page at a time with the held ones first, and a cell fixed on a later page is what gets written', async () => {
    const rows: Cell[][] = Array.from({ length: 2500 }, (_, i) => [
      `送教培训第${i + 1}期`,
      '培训',
      `2023-05-${String(1 + (i % 28)).padStart(2, '0')}`,
      '揭阳',
      null,
      10,
      4,
      null,
      null,
    ]);
    // Excel row 7 (a title row and the header come first) has no title: held, so listed first.
    rows[4]![0] = null;
    const bytes = await workbook(rows);

    const first = await preview(bytes);
    expect(first.rowsFrom).toBe(0);
    expect(first.rows).toHaveLength(1000);
    expect(first.rows[0]).toMatchObject({ row: 7, status: 'held' });
    expect(first.counts).toMatchObject({ total: 2500, create: 2499, held: 1 });
    const second = await preview(bytes, { rowsFrom: 1000 });
    const third = await preview(bytes, { rowsFrom: 2000 });
    expect([second.rowsFrom, third.rowsFrom]).toEqual([1000, 2000]);
    expect(third.rows).toHaveLength(500);
    expect(third.counts).toEqual(first.counts);
    const listed = [...first.rows, ...second.rows, ...third.rows].map((r) => r.row);
    expect(new Set(listed).size).toBe(2500);
    // Past the end: the last page.
    expect((await preview(bytes, { rowsFrom: 99_000 })).rowsFrom).toBe(2000);

    const last = third.rows.at(-1)!;
    expect(last).toMatchObject({ row: 2502, values: { title: '送教培训第2500期' } });
    const fixes = [{ sheet: last.sheet, row: last.row, field: 'title' as const, text: '送教培训（结业）' }];
    const fixed = await preview(bytes, { fixes, rowsFrom: 2000 });
    expect(fixed.rows.at(-1)).toMatchObject({ row: 2502, values: { title: '送教培训（结业）' } });

    const result = await t.call('ledger.importCommit', {
      ...file(bytes, { fixes }),
      expected: { create: fixed.counts.create, update: fixed.counts.update },
    });
    expect(result).toMatchObject({ created: 2499, held: 1 });
    const written = await t.call('activities.list', { query: '送教培训（结业）' });
    expect(written.rows.map((a) => a.title)).toEqual(['送教培训（结业）']);
  }, 180_000);
});
