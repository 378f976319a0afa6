import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../electron/shared/schemas/ledgerImport';
import { changes, maxSeq, openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { workbook, type Cell } from '../../helpers/workbook';
import { lyingZipBomb, makeZip, zipBomb } from '../../helpers/zip';

const GOOD: Cell[][] = [
  [
    '教师信息技术应用能力培训',
    '培训',
    '2023.12.14-18',
    '线上',
    '信息工程系',
    '50人',
    40,
    '98%',
    '6 位专家授课',
  ],
  [
    '2023 年基础教育帮扶工作推进会',
    '会议',
    new Date(Date.UTC(2023, 2, 21)),
    '普宁市教育局',
    '帮扶办',
    null,
    null,
    null,
    null,
  ],
  [
    '帮扶普宁市广太镇美育浸润活动教师培训班开班',
    '培训班',
    '2023年4月20日',
    '广太镇仁美小学',
    null,
    58,
    null,
    null,
    null,
  ],
];
const BAD: Cell[][] = [
  ['乡村教师培训', '培训', '2023-05-10', null, null, -5, null, null, null],
  ['骨干教师研修', '培训', '2023-06-01', null, null, 20, null, 120, null],
  ['送教下乡', '讲座', '2023-06-20至2023-06-18', null, null, null, null, null, null],
  ['文艺联欢', '联欢', '2023-07-01', null, null, null, null, null, null],
  [null, '会议', '2023-08-01', '普宁', null, null, null, null, null],
];

let t: TestApp;
let agreementId: string;
beforeEach(async () => {
  t = await openTestApp();
  agreementId = (await seedAgreement(t)).agreement.id;
});
afterEach(() => t.close());

const file = (bytes: Buffer, fileName = '2023年帮扶台账.xlsx') => ({
  agreementId,
  fileName,
  dataBase64: bytes.toString('base64'),
});

const preview = (bytes: Buffer, fileName?: string) => t.call('ledger.importPreview', file(bytes, fileName));
const commit = (bytes: Buffer, mapping: ImportPreview['mapping']) =>
  t.call('ledger.importCommit', { ...file(bytes), mapping });

describe('Excel import', () => {
  it('finds the headers under a title row, maps them, and shows each bad row’s errors in Chinese, writing nothing', async () => {
    const bytes = await workbook([...GOOD, ...BAD]);
    const before = maxSeq(t.raw());
    const p = await preview(bytes);
    expect(p.headerRow).toBe(2);
    expect(p.mapping).toMatchObject({
      title: 1,
      type: 2,
      startDate: 3,
      place: 4,
      teachers: 6,
      hours: 7,
      notes: 9,
    });
    expect(p.counts).toEqual({ total: 8, valid: 3, errors: 5, duplicates: 0 });
    const errors = Object.fromEntries(
      p.rows.filter((r) => r.status === 'error').map((r) => [r.row, r.errors]),
    );
    expect(errors).toEqual({
      6: [{ field: 'teachers', message: '教师人数不能小于 0' }],
      7: [{ field: 'satisfactionPct', message: '满意度不能大于 100' }],
      8: [{ field: 'endDate', message: '结束日期不能早于开始日期' }],
      9: [{ field: 'type', message: '活动类型“联欢”无法识别' }],
      10: [{ field: 'title', message: '请填写活动名称' }],
    });
    expect(p.rows[0]!.values).toMatchObject({
      title: '教师信息技术应用能力培训',
      startDate: '2023.12.14-18',
    });
    expect(maxSeq(t.raw())).toBe(before);
    expect((await t.call('activities.list', {})).total).toBe(0);
  });

  it('imports the valid rows in one transaction, searchable at once, and a second import of the file adds nothing', async () => {
    const bytes = await workbook([...GOOD, ...BAD]);
    const { mapping } = await preview(bytes);
    const before = maxSeq(t.raw());
    expect(await commit(bytes, mapping)).toEqual({ imported: 3, duplicates: 0, errors: 5 });
    const written = changes(t.raw(), before);
    expect(written.filter((c) => c.tbl === 'activities')).toHaveLength(3);
    expect(new Set(written.map((c) => c.tx)).size).toBe(1);
    expect(JSON.parse(written[0]!.data)).toHaveProperty('import_key');

    const found = await t.call('activities.list', { query: '信息技术' });
    expect(
      found.rows.map((a) => [
        a.title,
        a.startDate,
        a.endDate,
        a.online,
        a.teachers,
        a.hours,
        a.satisfactionPct,
      ]),
    ).toEqual([['教师信息技术应用能力培训', '2023-12-14', '2023-12-18', false, 50, 40, 98]]);
    expect((await t.call('activities.list', { query: '美育' })).rows[0]).toMatchObject({
      type: '培训',
      teachers: 58,
    });

    const again = await preview(bytes);
    expect(again.counts).toEqual({ total: 8, valid: 0, errors: 5, duplicates: 3 });
    expect(await commit(bytes, mapping)).toEqual({ imported: 0, duplicates: 3, errors: 5 });
    expect((await t.call('activities.list', {})).total).toBe(3);
  });

  it('imports a row again once its earlier copy is deleted, and counts a row repeated within the file once', async () => {
    const bytes = await workbook([GOOD[0]!, GOOD[0]!]);
    const { mapping, counts } = await preview(bytes);
    expect(counts).toMatchObject({ valid: 1, duplicates: 1 });
    await commit(bytes, mapping);
    const [row] = (await t.call('activities.list', {})).rows;
    await t.call('activities.delete', { id: row!.id });
    expect(await commit(bytes, mapping)).toMatchObject({ imported: 1 });
  });

  it('follows a mapping the user changed: an unmapped column is not imported, and a remapped re-import adds nothing', async () => {
    const bytes = await workbook([GOOD[0]!]);
    const { mapping } = await preview(bytes);
    const p = await t.call('ledger.importPreview', {
      ...file(bytes),
      mapping: { ...mapping, notes: null, teachers: null },
    });
    expect(p.rows[0]!.values).not.toHaveProperty('notes');
    await commit(bytes, { ...mapping, notes: null, teachers: null });
    expect((await t.call('activities.list', {})).rows[0]).toMatchObject({
      notes: null,
      teachers: null,
      hours: 40,
    });
    // The same file mapped as first guessed is still the same activities.
    expect((await preview(bytes)).counts).toMatchObject({ valid: 0, duplicates: 1 });
  });

  it('refuses a file that is not a workbook, a zip without workbook parts, and zip bombs, honest or lying', async () => {
    const refused = async (bytes: Buffer, message: RegExp, fileName?: string) => {
      const res = await t.app.invoke('ledger.importPreview', file(bytes, fileName));
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(message) },
      });
    };
    await refused(Buffer.from('序号,活动名称\n1,培训\n'), /不是有效的 Excel 工作簿/);
    await refused(
      makeZip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]),
      /不是有效的 Excel 工作簿/,
    );
    await refused(zipBomb(), /压缩炸弹/);
    await refused(lyingZipBomb(), /压缩炸弹/);
    await refused(await workbook(GOOD), /请选择 \.xlsx 格式/, '台账.xls');
    await refused(await workbook(GOOD, ['甲', '乙', '丙']), /找不到表头/);
    expect((await t.call('activities.list', {})).total).toBe(0);
  });
});

describe('Excel export', () => {
  it('writes the filtered ledger with the headers the import reads, so the file imports back', async () => {
    const bytes = await workbook(GOOD);
    await commit(bytes, (await preview(bytes)).mapping);
    const out = await t.call('ledger.export', { type: '培训', sort: 'startDate', direction: 'asc' });
    expect(out.rows).toBe(2);
    expect(out.fileName).toMatch(/^活动台账-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out.dataBase64, 'base64') as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('活动名称');
    expect(sheet.getRow(2).getCell(1).value).toBe('帮扶普宁市广太镇美育浸润活动教师培训班开班');
    expect(sheet.rowCount).toBe(3);

    const other = (await seedAgreement(t, { title: '另一协议' })).agreement.id;
    const back = await t.call('ledger.importPreview', {
      ...file(Buffer.from(out.dataBase64, 'base64')),
      agreementId: other,
    });
    expect(back.counts).toEqual({ total: 2, valid: 2, errors: 0, duplicates: 0 });
    expect((await t.call('ledger.export', { query: '信息技术' })).rows).toBe(1);
  });
});
