import { describe, expect, it } from 'vitest';
import { contract } from '../../electron/shared/contract';
import {
  draftOf,
  emptyDraft,
  toInput,
  visibleNumbers,
} from '../../renderer/features/activities/activityDraft';
import {
  activityDateFor,
  dayOf,
  formatRate,
  isMonth,
  monthOf,
  shiftMonth,
} from '../../renderer/features/plans/month';
import { filterInput, initialFilters, pageInput } from '../../renderer/stores/ledger';

const AGREEMENT = '0192f3a4-b5c6-7d8e-9f01-23456789abcd';

const december = () => ({
  ...emptyDraft(AGREEMENT),
  type: '培训' as const,
  title: '教师信息技术应用能力培训',
  startDate: '2023-12-14',
  endDate: '2023-12-18',
  online: true,
  platform: '腾讯会议',
  place: '揭阳职院',
});

describe('activity form', () => {
  it('sends the December training as typed, which the API schema accepts with numbers parsed', () => {
    const d = december();
    d.numbers.teachers = '50';
    d.numbers.instructorCount = '6';
    const parsed = contract['activities.create'].input.parse(toInput(d));
    expect(parsed).toMatchObject({ teachers: 50, instructorCount: 6, online: true, platform: '腾讯会议' });
    expect(parsed.students).toBeNull();
  });

  it('shows a type’s own figures and never hides one that holds a value', () => {
    const d = { ...december(), type: '捐赠' as const };
    expect(visibleNumbers(d)).toEqual(['beneficiarySchools', 'amountYuan']);
    d.numbers.teachers = '12';
    expect(visibleNumbers(d)).toEqual(['teachers', 'beneficiarySchools', 'amountYuan']);
  });

  it('sends only the chosen type’s details, and no platform for an on-site activity', () => {
    const d = {
      ...december(),
      type: '捐赠' as const,
      online: false,
      details: { items: '电脑 20 台', competition: '从竞赛类型留下的值' },
    };
    const input = toInput(d);
    expect(input.details).toEqual({ items: '电脑 20 台' });
    expect(input.platform).toBe('');
    expect(contract['activities.create'].input.safeParse(input).success).toBe(true);
  });

  it('lets the server name each bad figure in Chinese', () => {
    const d = december();
    d.numbers.teachers = '-5';
    d.numbers.satisfactionPct = '120';
    const r = contract['activities.create'].input.safeParse(toInput(d));
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(['teachers: 教师人数不能小于 0', 'satisfactionPct: 满意度不能大于 100']);
  });

  it('turns a stored activity back into a draft that saves unchanged', () => {
    const stored = contract['activities.create'].input.parse({
      ...toInput({ ...december(), details: {} }),
      teachers: 50,
    });
    const activity = {
      ...stored,
      id: AGREEMENT,
      taskId: null,
      planItemId: null,
      evidenceCount: 0,
      updatedAt: 0,
    };
    const again = contract['activities.create'].input.parse(toInput(draftOf(activity)));
    expect(again).toEqual(stored);
  });
});

describe('months', () => {
  it('steps across year ends both ways', () => {
    expect(shiftMonth('2023-12', 1)).toBe('2024-01');
    expect(shiftMonth('2024-01', -1)).toBe('2023-12');
    expect(shiftMonth('2023-06', -18)).toBe('2021-12');
    expect(isMonth('2023-13')).toBe(false);
    expect(isMonth('2023-12')).toBe(true);
  });

  it('names the local calendar day in China, not the UTC one eight hours behind', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      expect(dayOf(new Date('2023-12-13T16:30:00Z'))).toBe('2023-12-14');
      expect(monthOf(new Date('2023-12-31T16:05:00Z'))).toBe('2024-01');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('starts an activity from a plan item on its planned date, else on the month’s first day', () => {
    expect(activityDateFor('2023-12', '2023-12-14')).toBe('2023-12-14');
    expect(activityDateFor('2023-12', null)).toBe('2023-12-01');
  });

  it('shows the completion rate as a percentage, and a dash when nothing is planned', () => {
    expect(formatRate(0.5)).toBe('50%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('ledger filters', () => {
  it('leaves out empty choices and dates still being typed', () => {
    expect(filterInput(initialFilters)).toEqual({ sort: 'startDate', direction: 'desc' });
    const f = {
      ...initialFilters,
      type: '培训' as const,
      from: '2023-12',
      to: '2023-12-31',
      department: ' 继续教育学院 ',
      evidence: 'no' as const,
      query: ' 信息技术 ',
    };
    expect(filterInput(f)).toEqual({
      type: '培训',
      to: '2023-12-31',
      department: '继续教育学院',
      hasEvidence: false,
      query: '信息技术',
      sort: 'startDate',
      direction: 'desc',
    });
    expect(contract['activities.list'].input.safeParse(pageInput(f, 3)).success).toBe(true);
    expect(pageInput(f, 3)).toMatchObject({ limit: 100, offset: 300 });
  });
});
