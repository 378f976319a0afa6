import { create } from 'zustand';
import type { Activity, Input } from '../../electron/shared/contract';
import { call } from '../api';
import { emptyDraft, type ActivityDraft } from '../features/activities/activityDraft';

/** `draft` on an edit: unsaved changes to that record, offered back after a crash or reload. */
export type EditorTarget =
  | { mode: 'new'; draft: ActivityDraft; planItem?: string; restored?: boolean }
  | { mode: 'edit'; id: string; draft?: ActivityDraft };

interface ActivityEditorState {
  target: EditorTarget | null;
  /** Bumped after every saved or deleted activity: lists and plans showing activities refetch on it. */
  version: number;
  openNew(agreementId: string, patch?: Partial<ActivityDraft>, planItem?: string): void;
  /** Reopens a draft kept through a crash or reload, as unsaved changes. */
  reopen(id: string | null, draft: ActivityDraft): void;
  openEdit(id: string): void;
  close(): void;
  save(id: string | null, input: Input<'activities.create'>): Promise<Activity>;
  remove(id: string): Promise<void>;
  restore(id: string): Promise<void>;
  changed(): void;
}

/** One activity dialog for the whole app: opened from the ledger, a plan item, or a duplicate. */
export const useActivityEditor = create<ActivityEditorState>((set, get) => ({
  target: null,
  version: 0,
  openNew(agreementId, patch = {}, planItem) {
    set({
      target: {
        mode: 'new',
        draft: { ...emptyDraft(agreementId), ...patch },
        ...(planItem ? { planItem } : {}),
      },
    });
  },
  reopen(id, draft) {
    set({ target: id ? { mode: 'edit', id, draft } : { mode: 'new', draft, restored: true } });
  },
  openEdit(id) {
    set({ target: { mode: 'edit', id } });
  },
  close() {
    set({ target: null });
  },
  async save(id, input) {
    const saved = id
      ? await call('activities.update', { id, ...input })
      : await call('activities.create', input);
    get().changed();
    return saved;
  },
  async remove(id) {
    await call('activities.delete', { id });
    get().changed();
  },
  async restore(id) {
    await call('activities.restore', { id });
    get().changed();
  },
  changed() {
    set({ version: get().version + 1 });
  },
}));
