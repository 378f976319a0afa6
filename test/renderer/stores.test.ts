import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BangfuApi, Result } from '../../electron/shared/contract';

// The stores reach the API only through renderer/api.ts, which picks window.api when present: a fake
// preload object stands in for the database, so these tests see exactly what the stores send and read.

type Call = { method: string; input: Record<string, unknown> };
const calls: Call[] = [];
let tasks: { id: string; name: string }[] = [];
let agreements: { id: string; title: string; deletedAt: number | null }[] = [];
let refuse: Result<never> | null = null;
const delays: Record<string, number> = {};

const detail = (id: string) => ({
  id,
  title: `协议 ${id}`,
  tasks: id === 'A' ? tasks.map((t) => ({ ...t })) : [],
  groups: [],
  parties: [],
  phases: [],
});

const fake = {
  async invoke(method: string, input: Record<string, unknown>) {
    calls.push({ method, input });
    if (refuse) return refuse;
    const id = String(input.id ?? input.agreementId ?? '');
    await new Promise((r) => setTimeout(r, delays[id] ?? 0));
    switch (method) {
      case 'agreements.get':
        return { ok: true, value: detail(id) };
      case 'tasks.create':
        // The database normalises what it stores; the store must show this, not what it sent.
        tasks.push({ id: `t${tasks.length + 1}`, name: String(input.name).trim() });
        return { ok: true, value: tasks.at(-1) };
      case 'tasks.delete':
        tasks = tasks.filter((t) => t.id !== input.id);
        return { ok: true, value: { id: input.id } };
      case 'agreements.list': {
        const rows = agreements.filter((a) => a.deletedAt === null);
        return { ok: true, value: { rows, total: rows.length } };
      }
      case 'agreements.delete':
      case 'agreements.restore':
        for (const a of agreements)
          if (a.id === input.id) a.deletedAt = method === 'agreements.delete' ? 1 : null;
        return { ok: true, value: { id: input.id } };
      default:
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
    }
  },
} as unknown as BangfuApi;

let stores: {
  useAgreement: typeof import('../../renderer/stores/agreement').useAgreement;
  useAgreementList: typeof import('../../renderer/stores/agreements').useAgreementList;
  ApiError: typeof import('../../renderer/api').ApiError;
};

beforeAll(async () => {
  (globalThis as { window?: unknown }).window = { api: fake };
  const [a, l, api] = await Promise.all([
    import('../../renderer/stores/agreement'),
    import('../../renderer/stores/agreements'),
    import('../../renderer/api'),
  ]);
  stores = { useAgreement: a.useAgreement, useAgreementList: l.useAgreementList, ApiError: api.ApiError };
});

beforeEach(() => {
  calls.length = 0;
  tasks = [];
  agreements = [{ id: 'A', title: '结对帮扶协议', deletedAt: null }];
  refuse = null;
  for (const k of Object.keys(delays)) delete delays[k];
});

const task = {
  name: '  幼儿园教师学历提升工程 ',
  category: '学历提升' as const,
  year: '2023',
  status: '未开始' as const,
};

describe('agreement store', () => {
  it('reads the agreement again after every write, so it shows what the database stored', async () => {
    const s = stores.useAgreement.getState();
    await s.load('A');
    await s.saveTask('A', null, task);
    expect(calls.map((c) => c.method)).toEqual(['agreements.get', 'tasks.create', 'agreements.get']);
    expect(stores.useAgreement.getState().detail?.tasks).toEqual([
      { id: 't1', name: '幼儿园教师学历提升工程' },
    ]);
    await s.removeTask('A', 't1');
    expect(stores.useAgreement.getState().detail?.tasks).toEqual([]);
  });

  it('passes a refusal on with its field messages and leaves the shown agreement as it was', async () => {
    const s = stores.useAgreement.getState();
    await s.load('A');
    const before = stores.useAgreement.getState().detail;
    refuse = {
      ok: false,
      error: { code: 'VALIDATION', message: '有 1 处需要修改', fields: { contact: '电话只能包含数字' } },
    };
    const err = await s.saveTask('A', null, { ...task, contact: '0663-abcd' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(stores.ApiError);
    expect((err as InstanceType<typeof stores.ApiError>).fields).toEqual({ contact: '电话只能包含数字' });
    expect(stores.useAgreement.getState().detail).toBe(before);
    expect(calls.at(-1)?.method).toBe('tasks.create');
  });

  it('shows the agreement last asked for when an earlier, slower answer arrives after it', async () => {
    delays.B = 30;
    const s = stores.useAgreement.getState();
    const slow = s.load('B');
    await s.load('A');
    await slow;
    expect(stores.useAgreement.getState().detail?.id).toBe('A');
  });
});

describe('agreement list store', () => {
  it('deletes as a tombstone and restores for undo, refetching the list each time', async () => {
    const s = stores.useAgreementList.getState();
    await s.refresh();
    expect(stores.useAgreementList.getState().total).toBe(1);
    await s.remove('A');
    expect(stores.useAgreementList.getState()).toMatchObject({ total: 0, rows: [] });
    await s.restore('A');
    expect(stores.useAgreementList.getState().rows.map((r) => r.id)).toEqual(['A']);
    expect(calls.map((c) => c.method)).toEqual([
      'agreements.list',
      'agreements.delete',
      'agreements.list',
      'agreements.restore',
      'agreements.list',
    ]);
  });
});
