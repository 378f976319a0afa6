import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as domain from '../../../electron/shared/domain';
import { LIMITS, MAX_ATTACHMENT_BYTES } from '../../../electron/shared/limits';
import { activityInput } from '../../../electron/shared/schemas/activities';
import { plainlyValid } from '../../../db/validation/plainlyValid';
import { recordValidator, TABLE_RULES, type RowValues } from '../../../db/sync/validateRecord';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { solidPng } from '../../helpers/images';
import { seed004Year } from '../../helpers/reports';

// Received rows are checked by the API's schemas compiled once (db/validation/plainlyValid.ts), with zod asked
// only for what the compiled walk does not plainly accept. The verdict must be exactly today's: the same
// rows accepted, and the same reason (column and Chinese message) for every row refused. The reference is
// the same module with the compiled walk switched off, so zod alone decides, as before.

type Validate = ReturnType<typeof recordValidator>;

let t: TestApp;
let fast: Validate;
let zodOnly: Validate;
/** Rows written through the API, per synced table: valid starting points for the mutations. */
const held = new Map<string, RowValues[]>();

beforeAll(async () => {
  t = await openTestApp();
  const { agreementId, artTraining } = await seed004Year(t);
  await seedAgreement(t, {
    phases: [
      { name: '第一阶段', startDate: '2021-09-01', endDate: '2022-08-31', notes: '摸底调研' },
      { name: '第二阶段', startDate: '2022-09-01', endDate: '2025-08-31' },
    ],
  });
  const report = await t.call('reports.open', { agreementId, year: 2023, template: 'seed004' });
  await t.call('reports.saveSection', {
    reportId: report.reportId,
    key: 'rules',
    body: '制定了帮扶工作制度。',
  });
  await t.call('outcomes.create', { agreementId, kind: '奖项', title: '省级教学成果奖', level: '省级' });
  await t.call('secondments.create', {
    agreementId,
    person: '林老师',
    direction: '派出',
    startDate: '2023-03-01',
    endDate: '2023-08-31',
    months: 5.5,
  });
  const photo = await t.call('attachments.add', {
    entityTable: 'activities',
    entityId: artTraining.id,
    fileName: '现场照片.png',
    caption: '培训现场',
    dataBase64: solidPng(8, 6).toString('base64'),
  });
  await t.call('reports.addPhoto', {
    reportId: report.reportId,
    sectionKey: 'rules',
    attachmentId: photo.id,
    caption: '培训现场',
  });
  const db = t.raw();
  for (const table of Object.keys(TABLE_RULES))
    held.set(table, db.prepare(`SELECT * FROM "${table}"`).all() as RowValues[]);
  const exists = (table: string, id: string) =>
    db.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`).get(id) !== undefined;
  fast = recordValidator(exists, (_table, id) => id.endsWith('0'));
  vi.doMock('../../../db/validation/plainlyValid', () => ({ plainlyValid: () => null }));
  vi.resetModules();
  const reference = await import('../../../db/sync/validateRecord');
  vi.doUnmock('../../../db/validation/plainlyValid');
  zodOnly = reference.recordValidator(exists, (_table, id) => id.endsWith('0'));
}, 120_000);
afterAll(() => t.close());

const enumValues = Object.values(domain).flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : []));
const long = (n: number, ch: string) => ch.repeat(n);
/** Texts at and beyond every limit, in ASCII, Chinese and characters outside the BMP (two UTF-16 units). */
const texts = Object.values(LIMITS)
  .filter((n) => n <= 5 * LIMITS.text)
  .flatMap((n) => [n - 1, n, n + 1].flatMap((m) => [long(m, 'a'), long(m, '中'), long(m >> 1, '😀')]))
  .concat([long(5 * LIMITS.text + 1, 'b'), ' 中 '.repeat(40)]);
const odd = [
  null,
  undefined,
  '',
  ' ',
  '  \t',
  'x',
  '中文',
  0,
  1,
  2,
  -1,
  0.5,
  1.5,
  0.005,
  12.345,
  99.99,
  100,
  100.5,
  120,
  121,
  1989,
  1990,
  2023,
  2100,
  2101,
  3660,
  10_000,
  10_001,
  10_000_000,
  10_000_001,
  1e11,
  1e13,
  2 ** 53,
  1e300,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '313人',
  '1,000',
  '２５',
  '2500万',
  '第一期',
  'abc',
  '2023',
  '2023-09',
  '2023-13',
  '2018-09',
  '1989',
  '2101',
  '2023-02-28',
  '2023-02-29',
  '2024-02-29',
  '2023-04-31',
  '2023-13-01',
  '2023-1-1',
  ' 2023-05-10 ',
  '2022-12-31',
  '2024-06-30',
  '0000-01-01',
  '9999-12-31',
  'not-a-uuid',
  '0190a5f2-0000-7000-8000-00000000000f',
  '0190a5f2-0000-7000-8000-000000000010',
  'A190A5F2-0000-7000-8000-000000000001',
  '{}',
  '{bad',
  '[]',
  '"x"',
  'null',
  '1',
  '{"items":"图书 200 册"}',
  '{"items":5}',
  '{"competition":"技能大赛","level":"省级","awards":"一等奖"}',
  '{"level":"宇宙级"}',
  '{"applicants":81,"admitted":33,"feeReductionPct":30}',
  '{"applicants":81,"admitted":90}',
  '{"applicants":"81人","admitted":"33"}',
  '{"applicants":1.5}',
  '{"feeReductionPct":101}',
  '{"volunteers":10,"served":-1}',
  '{"schools":3}',
  '{"person":"张三","hostPost":"副校长"}',
  '{"attendees":"全体","decisions":"通过"}',
  '{"x":1}',
  '{"__proto__":{"items":"x"}}',
  '{"constructor":1}',
  `{"items":"${long(LIMITS.text + 1, 'c')}"}`,
  'a/b.png',
  'a\\b',
  'image/png',
  'f'.repeat(64),
  'F'.repeat(64),
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_BYTES + 1,
  ...texts,
  ...enumValues,
];

const tables = [...Object.keys(TABLE_RULES)];
/** Any value seen in any held row of the table, in any column: swaps make ends before starts and the like. */
const seenIn = (table: string) => (held.get(table) ?? []).flatMap((r) => Object.values(r));

const mutation = (table: string, columns: string[]) =>
  fc.record({
    column: fc.constantFrom(...columns),
    value: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...odd) },
      { weight: 2, arbitrary: fc.constantFrom(...(seenIn(table).length ? seenIn(table) : [null])) },
      { weight: 1, arbitrary: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean()) },
    ),
  });

const caseFor = (table: string) => {
  const rows = held.get(table)!;
  const columns = Object.keys(rows[0]!);
  return fc.record({
    table: fc.constant(table),
    base: fc.constantFrom(...rows),
    mutations: fc.array(mutation(table, columns), { maxLength: 3 }),
    // A creation names every column; an edit only some (a held row's old faults must not block it).
    changed: fc.oneof(fc.constant(null), fc.subarray(columns, { minLength: 1 })),
  });
};

describe('compiled validation of received rows', () => {
  it('holds a row for every synced table with API rules, so each table is compared below', () => {
    const empty = Object.entries(TABLE_RULES)
      .filter(([table, rules]) => rules.input && (held.get(table)?.length ?? 0) === 0)
      .map(([table]) => table);
    expect(empty).toEqual([]);
  });

  it('compiles the API schema of every synced table and accepts a plainly valid activity without zod', () => {
    for (const [table, rules] of Object.entries(TABLE_RULES))
      if (rules.input) expect([table, plainlyValid(rules.input) !== null]).toEqual([table, true]);
    const accepts = plainlyValid(activityInput)!;
    const input = {
      agreementId: '0190a5f2-0000-7000-8000-000000000001',
      type: '招生与学历提升',
      title: '幼儿园教师学历提升工程 2023 级招生',
      startDate: '2023-09-01',
      endDate: '2023-09-30',
      teachers: 50,
      amountYuan: 12.34,
      details: { applicants: 81, admitted: 33, feeReductionPct: 30 },
    };
    expect(accepts(input)).toBe(true);
    expect(accepts({ ...input, endDate: '2023-08-31' })).toBe(false);
    expect(accepts({ ...input, details: { applicants: 33, admitted: 81 } })).toBe(false);
  });

  it('accepts every row written through the API, as zod does', () => {
    for (const [table, rows] of held)
      for (const row of rows) {
        const changed = Object.keys(row);
        expect([table, fast(table, row, changed)]).toEqual([table, zodOnly(table, row, changed)]);
      }
  });

  it('gives exactly the verdict and reason zod gives, on valid and mangled rows of every table', () => {
    const withRows = tables.filter((table) => (held.get(table)?.length ?? 0) > 0);
    fc.assert(
      fc.property(fc.oneof(...withRows.map(caseFor)), ({ table, base, mutations, changed }) => {
        const row: RowValues = { ...base };
        for (const { column, value } of mutations) row[column] = value as RowValues[string];
        const names = changed ?? Object.keys(row);
        expect(fast(table, row, names)).toEqual(zodOnly(table, row, names));
      }),
      { numRuns: 6000 },
    );
  });
});
