import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BangfuApi } from '../../electron/shared/contract';
import { PageBook } from '../../renderer/components/pageBook';

// The ledger and plan stores against a fake preload object: what they ask for, and which answers they keep
// when the user has moved on (another search, another month) before a slow answer arrives.

type Call = { method: string; input: Record<string, unknown> };
const calls: Call[] = [];
const delays: Record<string, number> = {};
let total = 250;

const row = (i: number) => ({ id: `a${i}`, title: `活动 ${i}` });

const fake = {
  async invoke(method: string, input: Record<string, unknown>) {
    calls.push({ method, input });
    const key = String(input.query ?? input.month ?? '');
    await new Promise((r) => setTimeout(r, delays[key] ?? 0));
    switch (method) {
      case 'activities.list': {
        const offset = Number(input.offset ?? 0);
        if (input.query === '培训') return { ok: true, value: { total: 999, rows: [row(999)] } };
        const n = Math.max(0, Math.min(Number(input.limit), total - offset));
        return { ok: true, value: { total, rows: Array.from({ length: n }, (_, i) => row(offset + i)) } };
      }
      case 'plans.get':
        return { ok: true, value: { id: `p-${input.month}`, month: input.month, items: [] } };
      case 'plans.saveItem':
        return { ok: true, value: { id: input.planId, month: 'saved', items: [{ id: 'i1' }] } };
      default:
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
    }
  },
} as unknown as BangfuApi;

let stores: {
  useLedger: typeof import('../../renderer/stores/ledger').useLedger;
  usePlan: typeof import('../../renderer/stores/plan').usePlan;
};

beforeAll(async () => {
  (globalThis as { window?: unknown }).window = { api: fake };
  const [l, p] = await Promise.all([
    import('../../renderer/stores/ledger'),
    import('../../renderer/stores/plan'),
  ]);
  stores = { useLedger: l.useLedger, usePlan: p.usePlan };
});

beforeEach(() => {
  calls.length = 0;
  total = 250;
  for (const k of Object.keys(delays)) delete delays[k];
});

describe('ledger pages (PageBook, behind usePagedRead)', () => {
  it('asks for each page once under a key, and never for the first page twice', () => {
    const book = new PageBook<string>();
    book.setKey('k1');
    expect([book.claim(2), book.claim(2), book.claim(3)]).toEqual([true, false, true]);
    expect(book.answer('k1', 2, ['a200'])).toBe(true);
    expect(book.claim(2)).toBe(false);
    // A failed page may be asked for again.
    book.failed('k1', 3);
    expect(book.claim(3)).toBe(true);
  });

  it('drops a slow page of a search the user has already replaced, and asks again under the new one', () => {
    const book = new PageBook<string>();
    book.setKey('培训');
    expect(book.claim(1)).toBe(true);
    book.setKey('信息技术');
    expect(book.answer('培训', 1, ['old'])).toBe(false);
    expect(book.claim(1)).toBe(true);
    expect(book.answer('信息技术', 1, ['new'])).toBe(true);
  });

  it('asks for nothing before the first page has said which key is shown', () => {
    expect(new PageBook<string>().claim(1)).toBe(false);
  });
});

describe('ledger filters store', () => {
  it('sorts a new column in its natural order and flips the same column', () => {
    const s = stores.useLedger.getState();
    s.sortBy('title');
    expect(stores.useLedger.getState().filters).toMatchObject({ sort: 'title', direction: 'asc' });
    s.sortBy('title');
    expect(stores.useLedger.getState().filters).toMatchObject({ sort: 'title', direction: 'desc' });
    s.sortBy('startDate');
    expect(stores.useLedger.getState().filters).toMatchObject({ sort: 'startDate', direction: 'desc' });
  });
});

describe('plan store', () => {
  it('shows the month last chosen when an earlier month’s answer arrives after it', async () => {
    delays['2023-11'] = 30;
    const s = stores.usePlan.getState();
    s.setMonth('2023-11');
    const slow = s.load('A');
    s.setMonth('2023-12');
    await s.load('A');
    await slow;
    expect(stores.usePlan.getState().plan?.month).toBe('2023-12');
  });

  it('replaces the plan with what the database answers after an item is saved', async () => {
    const s = stores.usePlan.getState();
    s.setMonth('2023-12');
    await s.load('A');
    await s.saveItem(null, { content: '12-15 考核结果研讨会', status: '未开始' });
    expect(calls.at(-1)).toEqual({
      method: 'plans.saveItem',
      input: { content: '12-15 考核结果研讨会', status: '未开始', planId: 'p-2023-12' },
    });
    expect(stores.usePlan.getState().plan?.items).toEqual([{ id: 'i1' }]);
  });
});
