import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, OUTCOME_LEVELS } from '../../../electron/shared/domain';
import { LIMITS } from '../../../electron/shared/limits';
import { activityInput } from '../../../electron/shared/schemas/activities';
import { plainlyParsed } from '../../../db/validation/plainlyValid';

// The ledger import takes a row's value from the compiled walk instead of zod when zod plainly accepts the
// row, and writes that value: it must be exactly zod's parsed.data (trimmed texts, empty texts and absent
// figures as null, "313人" read as 313, online defaulted, the details as the type's schema returns them),
// with the same keys in the same order, and the walk must never accept what zod refuses.

const parse = plainlyParsed(activityInput)!;
const agreementId = '0190a5f2-0000-7000-8000-000000000001';

const long = (n: number, ch: string) => ch.repeat(n);
const texts = [LIMITS.title, LIMITS.name, LIMITS.line, LIMITS.text].flatMap((n) =>
  [n - 1, n, n + 1].flatMap((m) => [long(m, 'a'), long(m, '中'), long(m >> 1, '😀')]),
);
const odd = [
  ...[null, undefined, '', ' ', '  \t', '\u3000中\u3000', ' 培训 ', 'x', '中文', true, false, '线上'],
  ...[0, 1, -1, 0.5, 0.005, 12.345, 99.99, 100, 100.5, 3660, 3661, 10_000, 10_001, 10_000_000, 10_000_001],
  ...[1e13, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, '313人', '1,000', '２５', '2500万', 'abc', ' 12 '],
  ...['2023-02-28', '2023-02-29', '2024-02-29', '2023-04-31', '2023-1-1', ' 2023-05-10 ', '2022-12-31'],
  ...['not-a-uuid', 'A190A5F2-0000-7000-8000-000000000001', ...ACTIVITY_TYPES, ...OUTCOME_LEVELS],
  ...texts,
];
const fields = Object.keys(activityInput.shape);
/** Details that fit their type, as the ledger import and forms send them. */
const fitting: Record<string, Record<string, unknown>> = {
  捐赠: { items: ' 图书 200 册 ' },
  技能竞赛指导: { competition: '技能大赛', level: '省级', awards: '' },
  招生与学历提升: { applicants: '81人', admitted: ' 33 ' },
  志愿服务: { volunteers: 10 },
  挂职: { person: ' 张三 ', hostPost: '副校长' },
  会议: { attendees: '全体', decisions: null },
};
const details = [
  {},
  { items: ' 图书 200 册 ' },
  { items: 5 },
  { competition: '技能大赛', level: '省级', awards: '' },
  { level: '宇宙级' },
  { applicants: 81, admitted: 33, feeReductionPct: 30 },
  { applicants: '81人', admitted: ' 33 ' },
  { applicants: 33, admitted: 81 },
  { volunteers: 10, served: -1 },
  { schools: 3 },
  { person: ' 张三 ', hostPost: '副校长' },
  { attendees: '全体', decisions: null },
  { x: 1 },
];

/** A row as readRow builds it (texts, figures, a date, a boolean), then mangled field by field. */
const row = fc
  .record({
    type: fc.constantFrom(...ACTIVITY_TYPES),
    fits: fc.constantFrom(true, true, true, false),
    title: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('  教师培训 ', '送教下乡', '中'.repeat(LIMITS.title)) },
      { weight: 1, arbitrary: fc.string() },
    ),
    startDate: fc.constantFrom('2023-03-01', '2023-12-14', ' 2024-02-29'),
    endDate: fc.constantFrom(undefined, '2024-03-02', '', '2024-12-31', '2023-03-02'),
    online: fc.constantFrom(undefined, true, false),
    teachers: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    amountYuan: fc.option(fc.constantFrom(12.34, 5000, 0.1 + 0.2, 1e8), { nil: undefined }),
    place: fc.option(fc.string(), { nil: undefined }),
    details: fc.constantFrom(...details),
    // Half the rows as read, half with up to three fields replaced by edge values.
    changes: fc.oneof(
      fc.constant([]),
      fc.array(
        fc.record({
          field: fc.oneof(
            { weight: 12, arbitrary: fc.constantFrom(...fields) },
            { weight: 1, arbitrary: fc.constant('unknown') },
          ),
          value: fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...odd) },
            { weight: 1, arbitrary: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean()) },
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    ),
  })
  .map(({ changes, fits, ...base }) => {
    const value: Record<string, unknown> = { agreementId, ...base };
    if (fits) value.details = structuredClone(fitting[base.type] ?? {});
    for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
    for (const { field, value: v } of changes) value[field] = v;
    return value;
  });

/** Both sides on their own copy: the schema's rules replace the output's details in place. */
const compare = (input: Record<string, unknown>) => {
  const copy = structuredClone(input);
  const zod = activityInput.safeParse(input);
  const plain = parse(copy);
  if (plain === null) return false;
  expect(zod.success).toBe(true);
  expect(plain.data).toStrictEqual(zod.data);
  expect(Object.keys(plain.data)).toEqual(Object.keys(zod.data!));
  expect(Object.keys(plain.data.details)).toEqual(Object.keys(zod.data!.details));
  return true;
};

describe('the compiled walk gives zod’s own parsed value', () => {
  it('gives zod’s value for imported rows: trimmed texts, nulls for absent fields, read figures', () => {
    const input = {
      agreementId,
      details: { applicants: '81人', admitted: ' 33 ' },
      type: '招生与学历提升',
      title: '  幼儿园教师学历提升 ',
      startDate: ' 2023-09-01',
      endDate: '',
      teachers: '313人',
      amountYuan: 12.34,
      place: ' ',
    };
    expect(compare(input)).toBe(true);
    expect(parse(input)!.data).toMatchObject({
      title: '幼儿园教师学历提升',
      startDate: '2023-09-01',
      endDate: null,
      place: null,
      online: false,
      teachers: 313,
      details: { applicants: 81, admitted: 33, feeReductionPct: null },
    });
    expect(parse({ ...input, endDate: '2023-08-31' })).toBeNull();
    expect(parse({ ...input, teachers: -5 })).toBeNull();
  });

  it('never accepts what zod refuses, and when it accepts gives exactly zod’s data', () => {
    let accepted = 0;
    fc.assert(
      fc.property(row, (input) => {
        if (compare(input)) accepted++;
      }),
      { numRuns: 4000 },
    );
    // Most generated rows are valid: the comparison above must not pass by refusing everything.
    expect(accepted).toBeGreaterThan(1000);
  });
});
