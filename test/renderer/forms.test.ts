import { describe, expect, it } from 'vitest';
import { contract } from '../../electron/shared/contract';
import { ApiError, bridgeApi, pickTransport } from '../../renderer/api';
import { rowErrors, toFailure } from '../../renderer/components/form';
import { draftFrom, emptyDraft, toInput } from '../../renderer/features/agreements/agreementDraft';
import { listInput } from '../../renderer/stores/agreements';

const SELF = '0192f3a4-b5c6-7d8e-9f01-23456789abcd';
const OTHER = '0192f3a4-b5c6-7d8e-9f01-23456789abce';

describe('agreement form', () => {
  it('starts with this site’s institution as the supporter and an empty receiver', () => {
    const d = emptyDraft(SELF);
    expect(d.parties.map((p) => [p.role, p.institutionId])).toEqual([
      ['支援方', SELF],
      ['受援方', ''],
    ]);
  });

  it('sends what was typed, which the API schema accepts and normalises', () => {
    const d = {
      ...emptyDraft(SELF),
      title: '结对帮扶协议',
      programType: '结对帮扶' as const,
      periodStart: '2021',
      periodEnd: '2025',
      budgetYuan: '210000',
    };
    d.parties[1]!.institutionId = OTHER;
    const parsed = contract['agreements.create'].input.parse(toInput(d));
    expect(parsed.budgetYuan).toBe(210000);
    expect(parsed.policyBasis).toBeNull();
  });

  it('round-trips a saved agreement through the draft, keeping row ids so edits update rows', () => {
    const input = toInput(
      draftFrom({
        id: 'a',
        title: 'T',
        programType: '援疆',
        deliveryMode: '组团式',
        documentForm: '任务书',
        documentNumber: null,
        signedDate: null,
        periodStart: '2018-09',
        periodEnd: '2020-02',
        status: '已完成',
        budgetYuan: 12.5,
        updatedAt: 1,
        createdAt: 1,
        policyBasis: null,
        goals: null,
        clauses: null,
        hostOffice: '合作教育办公室',
        notes: null,
        parties: [
          { id: 'p1', institutionId: SELF, institutionName: 'x', role: '支援方', major: '护理', sort: 0 },
        ],
        phases: [
          { id: 'h1', name: '一期', startDate: '2018-09-01', endDate: '2019-08-31', notes: null, sort: 0 },
        ],
        groups: [],
        tasks: [],
      }),
    );
    expect(input.budgetYuan).toBe('12.5');
    expect(input.parties[0]).toEqual({ id: 'p1', institutionId: SELF, role: '支援方', major: '护理' });
    expect(input.phases[0]).toMatchObject({ id: 'h1', notes: '' });
  });

  it('puts row errors under their row and a banner line above the form', () => {
    const fields = { 'members.2.phone': '电话只能包含数字', 'members.0.name': '请填写姓名', title: 'x' };
    expect(rowErrors(fields, 'members', 2)).toEqual({ phone: '电话只能包含数字' });
    expect(toFailure(new ApiError('VALIDATION', '有 3 处', fields), '请修改标注的字段')).toEqual({
      fields,
      message: '请修改标注的字段',
    });
    expect(toFailure(new ApiError('NOT_FOUND', '协议不存在'), '…')).toEqual({
      fields: {},
      message: '协议不存在',
    });
  });
});

describe('agreement list filters', () => {
  it('leaves out empty choices and passes a year only when it is four digits', () => {
    const base = {
      query: ' 普宁 ',
      programType: '' as const,
      status: '' as const,
      year: '202',
      sort: 'title' as const,
      direction: 'asc' as const,
      offset: 50,
    };
    expect(listInput(base)).toEqual({
      query: '普宁',
      sort: 'title',
      direction: 'asc',
      limit: 50,
      offset: 50,
    });
    expect(listInput({ ...base, year: '2023', status: '执行中' })).toMatchObject({
      year: 2023,
      status: '执行中',
    });
    expect(contract['agreements.list'].input.safeParse(listInput(base)).success).toBe(true);
  });
});

describe('API transport', () => {
  it('uses Electron’s preload object when present, else the web bridge', async () => {
    const preload = { invoke: async () => ({ ok: true as const, value: 'ipc' }) };
    expect(pickTransport({ api: preload } as never, () => Promise.reject(new Error('unused')))).toBe(preload);
    const calls: [string, RequestInit][] = [];
    const fetchFn = async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return new Response(JSON.stringify({ ok: true, value: 'bridge' }));
    };
    const res = await pickTransport({}, fetchFn).invoke('app.status', {});
    expect(res).toEqual({ ok: true, value: 'bridge' });
    expect(calls[0]![0]).toBe('/api/invoke');
    expect(JSON.parse(String(calls[0]![1].body))).toEqual({ method: 'app.status', input: {} });
  });

  it('marks every bridge call with the JSON type and the bridge header the bridge requires', async () => {
    const calls: RequestInit[] = [];
    const api = bridgeApi(async (_url, init) => {
      calls.push(init);
      return new Response(JSON.stringify({ ok: true, value: null }));
    });
    await api.invoke('app.status', {});
    expect(calls[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-bangfu-bridge': '1',
    });
  });

  it('turns a dead bridge or an expired token into a Chinese error result', async () => {
    const down = bridgeApi(() => Promise.reject(new Error('ECONNREFUSED')));
    expect(await down.invoke('app.status', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/无法连接/) },
    });
    const expired = bridgeApi(async () => new Response('', { status: 401 }));
    expect(await expired.invoke('app.status', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
  });
});
