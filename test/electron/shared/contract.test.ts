import { describe, expect, it } from 'vitest';
import { contract, isMethod } from '../../../electron/shared/contract';
import { fieldsFromZod } from '../../../db/api/errors';

const SUPPORTER = '0192f3a4-b5c6-7d8e-9f01-23456789abcd';
const RECEIVER = '0192f3a4-b5c6-7d8e-9f01-23456789abce';

const validAgreement = () => ({
  title: '结对帮扶协议（2021—2025 年）',
  programType: '基础教育帮扶',
  deliveryMode: '一对一',
  documentForm: '协议',
  periodStart: '2021',
  periodEnd: '2025',
  status: '执行中',
  budgetYuan: '210000',
  parties: [
    { institutionId: SUPPORTER, role: '支援方' },
    { institutionId: RECEIVER, role: '受援方' },
  ],
  phases: [],
});

const refusal = (input: unknown, method: keyof typeof contract = 'agreements.create') => {
  const r = contract[method].input.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? {} : fieldsFromZod(r.error);
};

describe('agreement input schema', () => {
  it('accepts the seed 004 agreement and normalises numeric text and empty fields', () => {
    const r = contract['agreements.create'].input.safeParse({ ...validAgreement(), policyBasis: '' });
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.data.budgetYuan).toBe(210000);
      expect(r.data.policyBasis).toBeNull();
    }
  });

  it('refuses an empty title with a Chinese message on the title field', () => {
    expect(refusal({ ...validAgreement(), title: '   ' }).title).toBe('请填写协议标题');
  });

  it('refuses an end year before the start year', () => {
    expect(refusal({ ...validAgreement(), periodStart: '2025', periodEnd: '2021' }).periodEnd).toBe(
      '结束年份不能早于起始年份',
    );
  });

  it('still reports the period even when other fields are wrong too', () => {
    const f = refusal({ ...validAgreement(), title: '', periodStart: '2025', periodEnd: '2021' });
    expect(f.title).toBeDefined();
    expect(f.periodEnd).toBe('结束年份不能早于起始年份');
  });

  it('refuses a negative budget and a budget that is not a number', () => {
    expect(refusal({ ...validAgreement(), budgetYuan: -5 }).budgetYuan).toBe('预算不能为负数');
    expect(refusal({ ...validAgreement(), budgetYuan: '-5' }).budgetYuan).toBe('预算不能为负数');
    expect(refusal({ ...validAgreement(), budgetYuan: 'abc' }).budgetYuan).toBe('预算必须是数字');
    expect(refusal({ ...validAgreement(), budgetYuan: 1.234 }).budgetYuan).toMatch(/两位小数/);
  });

  it('refuses a 100 kB title', () => {
    expect(refusal({ ...validAgreement(), title: 'x'.repeat(100_000) }).title).toMatch(/不能超过 200 个字/);
  });

  it('refuses an unknown program type and unknown keys', () => {
    expect(refusal({ ...validAgreement(), programType: '援月' }).programType).toBe('请选择有效的帮扶类型');
    expect(refusal({ ...validAgreement(), sneaky: 1 }).sneaky).toMatch(/不允许的字段/);
  });

  it('needs a supporter and a receiver, and one supporter only for 一对一', () => {
    expect(refusal({ ...validAgreement(), parties: [] }).parties).toMatch(/支援方和一个受援方/);
    const three = [
      ...validAgreement().parties,
      { institutionId: '0192f3a4-b5c6-7d8e-9f01-23456789abcf', role: '支援方' },
    ];
    expect(refusal({ ...validAgreement(), parties: three }).parties).toMatch(/组团式/);
    expect(
      contract['agreements.create'].input.safeParse({
        ...validAgreement(),
        deliveryMode: '组团式',
        parties: three,
      }).success,
    ).toBe(true);
  });

  it('refuses a phase that ends before it starts, and impossible dates', () => {
    const phase = { name: '第一阶段', startDate: '2022-03-01', endDate: '2021-12-31' };
    expect(refusal({ ...validAgreement(), phases: [phase] })['phases.0.endDate']).toMatch(/不能早于/);
    const bad = { name: '第一阶段', startDate: '2023-02-30', endDate: '2023-03-01' };
    expect(refusal({ ...validAgreement(), phases: [bad] })['phases.0.startDate']).toMatch(/不是有效日期/);
  });
});

describe('other input schemas', () => {
  it('refuses a phone number with letters in a leadership group member', () => {
    const input = {
      agreementId: SUPPORTER,
      revisedOn: '2023-06-13',
      members: [{ groupKind: '领导小组', name: '罗恢远', role: '组长', phone: '0663-abc' }],
    };
    expect(refusal(input, 'groups.saveRevision')['members.0.phone']).toMatch(/只能包含数字/);
  });

  it('refuses an unknown institution kind', () => {
    expect(refusal({ name: '某学校', kind: '大学' }, 'institutions.create').kind).toBe(
      '请选择有效的机构类型',
    );
  });

  it('bounds task numbers and years', () => {
    const task = {
      agreementId: SUPPORTER,
      name: '培训',
      category: '师资培训',
      year: '20x3',
      status: '进行中',
    };
    expect(refusal(task, 'tasks.create').year).toBe('年度必须是数字');
    expect(refusal({ ...task, year: 1800 }, 'tasks.create').year).toMatch(/1990/);
    expect(refusal({ ...task, year: 2023, budgetYuan: -1 }, 'tasks.create').budgetYuan).toBe(
      '预算不能为负数',
    );
  });

  it('caps a batch at 1,000 rows', () => {
    const row = { name: '培训', category: '师资培训', year: 2023, status: '进行中' };
    const f = refusal(
      { agreementId: SUPPORTER, tasks: Array.from({ length: 1001 }, () => row) },
      'tasks.createBatch',
    );
    expect(f.tasks).toMatch(/1000/);
  });

  it('knows its own methods and nothing else', () => {
    expect(isMethod('agreements.create')).toBe(true);
    expect(isMethod('constructor')).toBe(false);
    expect(isMethod('__proto__')).toBe(false);
    expect(isMethod(42)).toBe(false);
  });
});
