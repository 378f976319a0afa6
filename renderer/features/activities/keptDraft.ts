import type { ActivityDraft } from './activityDraft';

// The activity being typed survives a crash or a reload: while the dialog holds unsaved changes they are
// kept in the window's localStorage, and the next start offers them back. Saving or discarding forgets them.

const KEY = 'bangfu-ledger.activityDraft';

export interface KeptDraft {
  /** The record being edited; null for a new one. */
  id: string | null;
  draft: ActivityDraft;
  at: number;
}

const isKept = (v: unknown): v is KeptDraft =>
  typeof v === 'object' &&
  v !== null &&
  'draft' in v &&
  typeof (v as KeptDraft).draft === 'object' &&
  typeof (v as KeptDraft).draft?.title === 'string' &&
  typeof (v as KeptDraft).draft?.numbers === 'object';

export const keptDraft = (): KeptDraft | null => {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const v: unknown = JSON.parse(raw);
    return isKept(v) ? v : null;
  } catch {
    // Storage refused (private mode) or a value from an older version: nothing to offer.
    return null;
  }
};

export const keepDraft = (kept: KeptDraft | null): void => {
  try {
    if (kept) window.localStorage.setItem(KEY, JSON.stringify(kept));
    else window.localStorage.removeItem(KEY);
  } catch {
    // A full or refused storage only loses the crash copy; the dialog itself still holds the draft.
  }
};
