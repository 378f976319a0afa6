import { useEffect, useLayoutEffect, useRef } from 'react';
import { dialogOpen } from './Dialog';

export type Hotkeys = Partial<Record<'new' | 'save' | 'search', () => void>>;

/** Ctrl/Cmd+N, Ctrl/Cmd+S and "/" (outside text fields), bound while the component is shown. */
export const useHotkeys = (keys: Hotkeys) => {
  const latest = useRef(keys);
  useLayoutEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || dialogOpen()) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = latest.current;
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (mod && e.key.toLowerCase() === 's' && k.save) {
        e.preventDefault();
        k.save();
      } else if (mod && e.key.toLowerCase() === 'n' && k.new) {
        e.preventDefault();
        k.new();
      } else if (e.key === '/' && !typing && !mod && k.search) {
        e.preventDefault();
        k.search();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
};
