import { create } from 'zustand';
import type { Input, Plan } from '../../electron/shared/contract';
import { call } from '../api';
import { monthOf } from '../features/plans/month';

type ItemValues = Omit<Input<'plans.saveItem'>, 'planId' | 'id'>;

interface PlanState {
  month: string;
  plan: Plan | null;
  /** The agreement and month `plan` belongs to; a stale answer for another pair is dropped. */
  key: string;
  loading: boolean;
  error: string | null;
  setMonth(month: string): void;
  load(agreementId: string): Promise<void>;
  create(agreementId: string, drafter: string): Promise<void>;
  copyUnfinished(agreementId: string, fromMonth: string): Promise<number>;
  saveItem(itemId: string | null, values: ItemValues): Promise<void>;
  deleteItem(itemId: string): Promise<void>;
  submit(by: string): Promise<void>;
  approve(by: string, note: string): Promise<void>;
  sendBack(by: string, note: string): Promise<void>;
}

const keyOf = (agreementId: string, month: string) => `${agreementId}|${month}`;

/** The month being planned. Every write answers with the whole plan, which replaces this copy. */
export const usePlan = create<PlanState>((set, get) => {
  const planId = () => {
    const p = get().plan;
    if (!p) throw new Error('no plan loaded');
    return p.id;
  };
  return {
    month: monthOf(new Date()),
    plan: null,
    key: '',
    loading: false,
    error: null,
    setMonth(month) {
      set({ month });
    },
    async load(agreementId) {
      const key = keyOf(agreementId, get().month);
      set({ loading: true, error: null, ...(get().key === key ? {} : { plan: null, key }) });
      try {
        const plan = await call('plans.get', { agreementId, month: get().month });
        if (get().key === key) set({ plan, loading: false });
      } catch (e) {
        if (get().key === key) set({ error: (e as Error).message, loading: false });
      }
    },
    async create(agreementId, drafter) {
      const plan = await call('plans.create', { agreementId, month: get().month, drafter });
      set({ plan });
    },
    async copyUnfinished(agreementId, fromMonth) {
      const before = get().plan?.items.length ?? 0;
      const plan = await call('plans.copyUnfinished', { agreementId, fromMonth, toMonth: get().month });
      set({ plan });
      return plan.items.length - before;
    },
    async saveItem(itemId, values) {
      set({
        plan: await call('plans.saveItem', {
          ...values,
          planId: planId(),
          ...(itemId ? { id: itemId } : {}),
        }),
      });
    },
    async deleteItem(itemId) {
      set({ plan: await call('plans.deleteItem', { id: itemId }) });
    },
    async submit(by) {
      set({ plan: await call('plans.submit', { id: planId(), by }) });
    },
    async approve(by, note) {
      set({ plan: await call('plans.approve', { id: planId(), by, note }) });
    },
    async sendBack(by, note) {
      set({ plan: await call('plans.return', { id: planId(), by, note }) });
    },
  };
});
