import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useApp } from '../stores/app';
import { dialogOpen } from './Dialog';
import { PageBook } from './pageBook';

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

export interface Read<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Reads what `key` names (null: nothing to read yet). An answer to an older key, arriving after a newer
 * one was asked for, is dropped, so a slow reply never replaces a fresh one. The data shown stays until the
 * next answer arrives, so a page does not flash empty while it reloads.
 */
export const useRead = <T>(key: string | null, read: () => Promise<T>): Read<T> => {
  const latest = useRef(read);
  useLayoutEffect(() => {
    latest.current = read;
  });
  const [round, setRound] = useState(0);
  // `answered` names the request the shown data (or error) answers; until it is the current one, loading.
  const [state, setState] = useState<{ data: T | null; error: string | null; answered: string | null }>({
    data: null,
    error: null,
    answered: null,
  });
  const request = key === null ? null : `${round}\u0000${key}`;
  useEffect(() => {
    if (request === null) return;
    let live = true;
    latest.current().then(
      (data) => live && setState({ data, error: null, answered: request }),
      (e: Error) => live && setState((s) => ({ ...s, error: e.message, answered: request })),
    );
    return () => {
      live = false;
    };
  }, [request]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return {
    data: state.data,
    error: state.error,
    loading: request !== null && state.answered !== request,
    reload,
  };
};

/**
 * Runs a person's action (save, export, delete): `busy` names the one running, its failure shows as an
 * error toast and stays in `error`, and `done` may say what happened in a toast.
 */
export const useAction = () => {
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T>(
      name: string,
      action: () => Promise<T>,
      done?: (value: T) => string | null,
    ): Promise<T | null> => {
      setBusy(name);
      setError(null);
      try {
        const value = await action();
        const message = done?.(value);
        if (message) toast(message);
        return value;
      } catch (e) {
        const message = (e as Error).message;
        setError(message);
        toast(message, { kind: 'error', ms: 8000 });
        return null;
      } finally {
        setBusy(null);
      }
    },
    [toast],
  );
  return { busy, error, run };
};

export interface PagedRead<T> {
  total: number | null;
  /** Pages by index, as far as they have arrived. */
  pages: Record<number, T[]>;
  error: string | null;
  reload: () => void;
  /** Asks for a page scrolled into view (once per key). */
  ensure: (page: number) => void;
}

/**
 * `useRead` for a list read a page at a time: the first page answers `key` (and says the total); later
 * pages are asked for as they scroll into view, each once per key.
 */
export const usePagedRead = <T>(
  key: string,
  readPage: (page: number) => Promise<{ rows: T[]; total: number }>,
): PagedRead<T> => {
  const latest = useRef(readPage);
  useLayoutEffect(() => {
    latest.current = readPage;
  });
  const [round, setRound] = useState(0);
  const full = `${round}\u0000${key}`;
  const first = useRead(full, () => readPage(0).then((answer) => ({ ...answer, key: full })));
  const book = useRef(new PageBook<T>());
  // What has arrived, for rendering (the book, a ref, decides what to ask for and what to drop).
  const [held, setHeld] = useState<{ key: string | null; pages: Record<number, T[]> }>({
    key: null,
    pages: {},
  });
  const [pageError, setPageError] = useState<string | null>(null);
  const shownKey = first.data?.key ?? null;
  useLayoutEffect(() => {
    book.current.setKey(shownKey);
  }, [shownKey]);
  const ensure = useCallback((page: number) => {
    const b = book.current;
    const k = b.current;
    if (page === 0 || k === null || !b.claim(page)) return;
    latest.current(page).then(
      ({ rows }) => {
        if (b.answer(k, page, rows))
          setHeld((h) => ({ key: k, pages: { ...(h.key === k ? h.pages : {}), [page]: rows } }));
      },
      (e: Error) => {
        b.failed(k, page);
        if (b.current === k) setPageError(e.message);
      },
    );
  }, []);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return {
    total: first.data?.total ?? null,
    // Pages held for a previous key are not shown under the new one.
    pages: first.data ? { ...(held.key === shownKey ? held.pages : {}), 0: first.data.rows } : {},
    error: first.error ?? pageError,
    reload,
    ensure,
  };
};
