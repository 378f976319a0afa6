import { useEffect, useRef } from 'react';
import { create } from 'zustand';

// Nothing typed is lost without asking: every form with unsaved changes registers here while it is dirty;
// closing its dialog (Esc, ×, 取消, a click beside it), leaving its page by the sidebar, or reloading the
// window first asks whether to discard them.

const unsaved = new Set<symbol>();

/** Whether any form on screen holds changes not yet saved. */
export const hasUnsaved = (): boolean => unsaved.size > 0;

interface DiscardState {
  answer: ((discard: boolean) => void) | null;
  ask(): Promise<boolean>;
}

export const useDiscard = create<DiscardState>((set, get) => ({
  answer: null,
  ask: () =>
    new Promise<boolean>((resolve) => {
      // A second question while one is open is answered "keep editing": the first one decides.
      get().answer?.(false);
      set({
        answer: (discard) => {
          set({ answer: null });
          resolve(discard);
        },
      });
    }),
}));

/** Asks when `dirty`; resolves true when there is nothing to lose or the person chose to discard it. */
export const confirmDiscard = (dirty: boolean = hasUnsaved()): Promise<boolean> =>
  dirty ? useDiscard.getState().ask() : Promise.resolve(true);

/** Registers a form's unsaved changes for as long as it has them. */
export const useUnsaved = (dirty: boolean) => {
  const me = useRef(Symbol('form'));
  useEffect(() => {
    const key = me.current;
    if (!dirty) return;
    unsaved.add(key);
    return () => {
      unsaved.delete(key);
    };
  }, [dirty]);
};

/** Reloading or closing the window with unsaved changes asks the browser's own question. */
export const useBeforeUnload = () => {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (hasUnsaved()) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
};
