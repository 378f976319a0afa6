import { create } from 'zustand';
import type { AgreementDetail, Input } from '../../electron/shared/contract';
import { call } from '../api';

type TaskValues = Omit<Input<'tasks.create'>, 'agreementId'>;

interface AgreementState {
  detail: AgreementDetail | null;
  error: string | null;
  /** Fetches one agreement and shows it; returns it for a form to start its draft from. */
  load(id: string): Promise<AgreementDetail | null>;
  saveGroup(input: Input<'groups.saveRevision'>): Promise<void>;
  saveTask(agreementId: string, taskId: string | null, values: TaskValues): Promise<void>;
  removeTask(agreementId: string, taskId: string): Promise<void>;
  restoreTask(agreementId: string, taskId: string): Promise<void>;
}

let generation = 0;

/**
 * The agreement being looked at, with its group revisions and tasks. Every write is followed by a fresh
 * read: the database decides what was saved (ordering, normalised values), never this copy.
 */
export const useAgreement = create<AgreementState>((set, get) => ({
  detail: null,
  error: null,
  async load(id) {
    const mine = ++generation;
    // A different agreement: drop the old one so its data never shows under the new title.
    if (get().detail?.id !== id) set({ detail: null, error: null });
    try {
      const detail = await call('agreements.get', { id });
      if (mine === generation) set({ detail, error: null });
      return detail;
    } catch (e) {
      if (mine === generation) set({ error: (e as Error).message });
      return null;
    }
  },
  async saveGroup(input) {
    await call('groups.saveRevision', input);
    await get().load(input.agreementId);
  },
  async saveTask(agreementId, taskId, values) {
    if (taskId) await call('tasks.update', { id: taskId, ...values });
    else await call('tasks.create', { agreementId, ...values });
    await get().load(agreementId);
  },
  async removeTask(agreementId, taskId) {
    await call('tasks.delete', { id: taskId });
    await get().load(agreementId);
  },
  async restoreTask(agreementId, taskId) {
    await call('tasks.restore', { id: taskId });
    await get().load(agreementId);
  },
}));
