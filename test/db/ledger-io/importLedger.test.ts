import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/shared/contract';
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
const DOUBTFUL: Cell[][] = [
  ['乡村教师培训', '培训', '2023-05-10', null, null, -5, null, null, null],
  ['骨干教师研修', '培训', '2023-06-01', null, null, '若干', null, 120, null],
  ['送教下乡', '讲座', '2023-06-20至2023-06-18', null, null, null, null, null, null],
];
const HELD: Cell[][] = [
  ['文艺联欢', '联欢', '2023-07-01', null, null, null, null, null, null],
  [null, '会议', '2023-08-01', '普宁', null, null, null, null, null],
  ['年度总结', '会议', '年底', '普宁', null, null, null, null, null],
];

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
const commit = async (bytes: Buffer, extra: Extra = {}) => {
  const { counts } = await preview(bytes, extra);
  return t.call('ledger.importCommit', {
    ...file(bytes, extra),
    expected: { create: counts.create, update: counts.update },
  });
};
const issues = (p: Awaited<ReturnType<typeof preview>>, key: 'warnings' | 'errors') =>
  Object.fromEntries(p.rows.filter((r) => r[key].length > 0).map((r) => [r.row, r[key]]));

describe('deciding each row', () => {
  it('imports a row whose optional figure is unreadable with that figure empty and a warning, and holds back only a missing title or date or an unknown type', async () => {
    const before = maxSeq(t.raw());
    const p = await preview(await workbook([...GOOD, ...DOUBTFUL, ...HELD]));
    expect(p.counts).toEqual({ total: 9, create: 6, update: 0, same: 0, held: 3, warnings: 3 });
    expect(issues(p, 'warnings')).toEqual({
      6: [{ field: 'teachers', message: '教师人数不能小于 0，该项留空' }],
      7: [
        { field: 'teachers', message: '无法识别“若干”，该项留空' },
        { field: 'satisfactionPct', message: '满意度不能大于 100，该项留空' },
      ],
      8: [{ field: 'endDate', message: '结束日期不能早于开始日期，该项留空' }],
    });
    expect(issues(p, 'errors')).toEqual({
      9: [{ field: 'type', message: '活动类型“联欢”无法识别：请为它选择类型或设定默认类型' }],
      10: [{ field: 'title', message: '缺少活动名称' }],
      11: [{ field: 'startDate', message: '无法识别的日期“年底”（例如 2023-12-14 或 2023年12月14日）' }],
    });
    expect(p.unknownTypes).toEqual([{ text: '联欢', rows: 1 }]);
    expect(p.rows.find((r) => r.row === 3)!.values).toMatchObject({
      startDate: '2023-12-14',
      endDate: '2023-12-18',
      teachers: 50,
      satisfactionPct: 98,
    });
    expect(maxSeq(t.raw())).toBe(before);
  });

  it('maps a remaining type value once for the whole file, and a cell fixed in the preview is what gets written', async () => {
    const bytes = await workbook([
      ...DOUBTFUL,
      ...HELD,
      ['联欢晚会', '联欢', '2023-09-01', null, null, null, null, null, null],
    ]);
    const fixes = [
      { sheet: '2023年台账', row: 3, field: 'teachers' as const, text: '35' },
      { sheet: '2023年台账', row: 8, field: 'startDate' as const, text: '2023-12-28' },
    ];
    const p = await preview(bytes, { typeMap: { 联欢: '志愿服务' }, fixes });
    expect(p.counts).toMatchObject({ create: 6, held: 1 });
    expect(p.rows.find((r) => r.row === 3)!.values.teachers).toBe(35);
    expect(p.rows.find((r) => r.row === 3)!.raw.teachers).toBe('35');
    expect(await commit(bytes, { typeMap: { 联欢: '志愿服务' }, fixes })).toEqual({
      layout: 'activities',
      created: 6,
      updated: 0,
      same: 0,
      held: 1,
    });
    const list = await t.call('activities.list', { sort: 'startDate', direction: 'asc' });
    expect(list.rows.map((a) => [a.title, a.type, a.startDate, a.teachers])).toEqual([
      ['乡村教师培训', '培训', '2023-05-10', 35],
      ['骨干教师研修', '培训', '2023-06-01', null],
      ['送教下乡', '送教讲座', '2023-06-20', null],
      ['文艺联欢', '志愿服务', '2023-07-01', null],
      ['联欢晚会', '志愿服务', '2023-09-01', null],
      ['年度总结', '会议', '2023-12-28', null],
    ]);
  });

  it('follows a column the person set for the whole file: a column taken out is not written, one reassigned fills its new field', async () => {
    const bytes = await workbook([GOOD[0]!]);
    const columns = { 备注: null, 参训教师: 'students' as const };
    const p = await preview(bytes, { columns });
    expect(p.columns.filter((c) => c.header === '备注' || c.header === '参训教师')).toEqual([
      { header: '参训教师', field: 'students', note: null },
      { header: '备注', field: null, note: null },
    ]);
    await commit(bytes, { columns });
    expect((await t.call('activities.list', {})).rows[0]).toMatchObject({
      notes: null,
      teachers: null,
      students: 50,
    });
  });

  it('gives every row the chosen default type when the file has no type column', async () => {
    const bytes = await workbook(
      [
        ['教师座谈', '2023-03-01'],
        ['家访', '2023-03-02'],
      ],
      ['序号', '活动名称', '日期'],
    );
    expect((await preview(bytes)).counts).toMatchObject({ create: 0, held: 2 });
    const p = await preview(bytes, { defaultType: '其他' });
    expect(p.counts).toMatchObject({ create: 2, held: 0 });
    expect(p.rows.map((r) => r.values.type)).toEqual(['其他', '其他']);
  });

  it('writes in one transaction exactly what the preview counted, and refuses when the ledger changed since', async () => {
    const bytes = await workbook(GOOD);
    const stale = (await preview(bytes)).counts;
    const before = maxSeq(t.raw());
    expect(await commit(bytes)).toEqual({ layout: 'activities', created: 3, updated: 0, same: 0, held: 0 });
    const written = changes(t.raw(), before);
    expect(written.filter((c) => c.tbl === 'activities')).toHaveLength(3);
    expect(new Set(written.map((c) => c.tx)).size).toBe(1);
    const res = await t.app.invoke('ledger.importCommit', {
      ...file(bytes),
      expected: { create: stale.create, update: stale.update },
    });
    expect(res).toMatchObject({ ok: false, error: { message: '台账在预览之后有变化：请重新预览后再导入' } });
    expect((await t.call('activities.list', {})).total).toBe(3);
  });
  it('does not reuse the preview’s decisions once the ledger was written to after it', async () => {
    const bytes = await workbook(GOOD);
    const { counts } = await preview(bytes);
    await t.call('activities.create', {
      agreementId,
      type: '会议',
      title: '2023 年基础教育帮扶工作推进会',
      startDate: '2023-03-21',
      place: '普宁市教育局',
    });
    const res = await t.app.invoke('ledger.importCommit', {
      ...file(bytes),
      expected: { create: counts.create, update: counts.update },
    });
    expect(res).toMatchObject({ ok: false, error: { message: '台账在预览之后有变化：请重新预览后再导入' } });
  });
});

describe('recognising rows already imported', () => {
  it('adds nothing on a second import, updates a row corrected in Excel (the preview says 将更新), and keeps two same-titled trainings at different places apart', async () => {
    const twins: Cell[][] = [
      ['班主任能力提升培训', '培训', '2023-10-12', '普宁市第一中学', null, 40, null, null, null],
      ['班主任能力提升培训', '培训', '2023-10-12', '普宁市第二中学', null, 35, null, null, null],
    ];
    const first = await workbook([...GOOD, ...twins]);
    expect(await commit(first)).toMatchObject({ created: 5 });
    expect((await preview(first)).counts).toMatchObject({ create: 0, update: 0, same: 5 });
    expect(await commit(first)).toMatchObject({ created: 0, updated: 0, same: 5 });

    const corrected = await workbook([
      ['教师信息技术应用能力提升培训', ...GOOD[0]!.slice(1)],
      GOOD[1]!,
      [...GOOD[2]!.slice(0, 5), 60, ...GOOD[2]!.slice(6)],
      ...twins,
    ]);
    const p = await preview(corrected);
    expect(p.counts).toMatchObject({ create: 0, update: 2, same: 3 });
    const updates = p.rows.filter((r) => r.status === 'update');
    expect(updates.map((r) => [r.row, r.warnings.at(-1)!.message])).toEqual([
      [3, '将更新已有记录：活动名称'],
      [5, '将更新已有记录：教师人数'],
    ]);
    expect(await commit(corrected)).toMatchObject({ created: 0, updated: 2, same: 3 });
    const all = await t.call('activities.list', { sort: 'startDate', direction: 'asc' });
    expect(all.total).toBe(5);
    expect(all.rows.map((a) => [a.title, a.place, a.teachers])).toEqual([
      ['2023 年基础教育帮扶工作推进会', '普宁市教育局', null],
      ['帮扶普宁市广太镇美育浸润活动教师培训班开班', '广太镇仁美小学', 60],
      ['班主任能力提升培训', '普宁市第一中学', 40],
      ['班主任能力提升培训', '普宁市第二中学', 35],
      ['教师信息技术应用能力提升培训', '线上', 50],
    ]);
  });
});

describe('other files', () => {
  const refused = async (bytes: Buffer, message: string | RegExp, fileName = '台账.xlsx') => {
    const res = await t.app.invoke('ledger.importPreview', file(bytes, { fileName }));
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(message) },
    });
  };
  const ole = (extra: Buffer) =>
    Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), extra]);

  it('reads a CSV saved in UTF-8 or in GBK', async () => {
    const text =
      '活动名称,活动类型,日期,参训教师\n送教下乡,送教,2023/5/10,30人\n"骨干教师培训,第二期",培训,2023年6月1日,20\n';
    for (const bytes of [
      Buffer.from(`\ufeff${text}`, 'utf8'),
      Buffer.from(new TextEncoder().encode(text)),
      gbk(text),
    ]) {
      const p = await preview(bytes, { fileName: '台账.csv' });
      expect(
        p.rows.map((r) => [r.values.title, r.values.type, r.values.startDate, r.values.teachers]),
      ).toEqual([
        ['送教下乡', '送教讲座', '2023-05-10', 30],
        ['骨干教师培训,第二期', '培训', '2023-06-01', 20],
      ]);
    }
  });

  it('reads an .et or .xlsm that WPS saved as a real workbook, and a tab-separated UTF-16 text export', async () => {
    for (const fileName of ['台账.et', '台账.xlsm'])
      expect((await preview(await workbook(GOOD), { fileName })).counts).toMatchObject({
        total: 3,
        create: 3,
      });
    const text = '活动名称\t活动类型\t日期\n送教下乡\t送教\t2023/5/10\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const p = await preview(utf16, { fileName: '台账.csv' });
    expect(p.rows.map((r) => [r.values.title, r.values.type, r.values.startDate])).toEqual([
      ['送教下乡', '送教讲座', '2023-05-10'],
    ]);
  });

  it('refuses an old .xls or .et with the way out, names a password-protected workbook, and refuses non-workbooks and zip bombs', async () => {
    await refused(
      ole(Buffer.from('Workbook', 'utf16le')),
      '这是 Excel 97-2003（.xls）或 WPS（.et）格式的文件，无法直接读取：请在 WPS/Excel 中另存为 .xlsx 后再导入',
      '台账.xls',
    );
    await refused(
      ole(Buffer.from('WpsBook', 'utf16le')),
      /请在 WPS\/Excel 中另存为 \.xlsx 后再导入$/,
      '台账.et',
    );
    await refused(
      ole(Buffer.from('EncryptedPackage', 'utf16le')),
      '该工作簿设有打开密码，无法读取：请先在 WPS/Excel 中取消密码，再另存为 .xlsx 后导入',
    );
    await refused(Buffer.from('序号,活动名称\n1,培训\n'), /不是有效的 Excel 工作簿/);
    await refused(
      makeZip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]),
      /不是有效的 Excel 工作簿/,
    );
    await refused(zipBomb(), /压缩炸弹/);
    await refused(lyingZipBomb(), /压缩炸弹/);
    await refused(await workbook(GOOD), /请选择 Excel/, '台账.pdf');
    await refused(await workbook(GOOD, ['甲', '乙', '丙']), /找不到表头/);
    expect((await t.call('activities.list', {})).total).toBe(0);
  });
});

describe('Excel export', () => {
  it('writes the filtered ledger with the headers the import reads, so the file imports back', async () => {
    await commit(await workbook(GOOD));
    const out = await t.call('ledger.export', { type: '培训', sort: 'startDate', direction: 'asc' });
    expect(out.rows).toBe(2);
    expect(out.fileName).toMatch(/^活动台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out.dataBase64, 'base64') as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('活动名称');
    expect(sheet.getRow(2).getCell(1).value).toBe('帮扶普宁市广太镇美育浸润活动教师培训班开班');

    const other = (await seedAgreement(t, { title: '另一协议' })).agreement.id;
    const back = await t.call('ledger.importPreview', {
      ...file(Buffer.from(out.dataBase64, 'base64')),
      agreementId: other,
    });
    expect(back.counts).toMatchObject({ total: 2, create: 2, held: 0, warnings: 0 });
  });
});

/** GBK bytes of a text, as Excel on Chinese Windows saves a CSV (Node can decode GBK but not encode it). */
const gbk = (text: string): Buffer => {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) table.set(decoder.decode(Buffer.from([hi, lo])), [hi, lo]);
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : table.get(c)!)));
};
