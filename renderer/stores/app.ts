import { create } from 'zustand';
import type { AppStatus, Input, Locale } from '../../electron/shared/contract';
import { call } from '../api';
import { printTargetOf } from '../../electron/shared/print';
import { setLocale } from '../i18n';
import { confirmDiscard, hasUnsaved } from '../components/discard';

export type Route =
  | { page: 'dashboard' }
  | { page: 'reports'; id?: string }
  | { page: 'reportPrint'; id: string }
  | { page: 'planPrint'; agreementId: string; month: string }
  | { page: 'agreements' }
  | { page: 'agreement'; id: string }
  | { page: 'agreementForm'; id?: string }
  | { page: 'plans' }
  | { page: 'ledger' }
  | { page: 'secondments' }
  | { page: 'sync' }
  | { page: 'institutions' }
  | { page: 'settings' };

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

interface AppState {
  status: AppStatus | null;
  loadError: string | null;
  route: Route;
  toasts: Toast[];
  load(): Promise<void>;
  setStatus(status: AppStatus): void;
  /**
   * Shows another page. With unsaved changes on screen it asks first, unless `afterSave` says the page
   * is leaving because it just saved them.
   */
  go(route: Route, opts?: { afterSave?: boolean }): void;
  changeLocale(locale: Locale): Promise<void>;
  /** First run: makes the site, device and key; the shell opens when the returned status says so. */
  setup(input: Input<'app.setup'>): Promise<void>;
  /** Returns the problems found (none: the file is sound). */
  integrityCheck(): Promise<string[]>;
  /** Returns the backup file's path. */
  backup(): Promise<string>;
  toast(text: string, opts?: { kind?: Toast['kind']; action?: Toast['action']; ms?: number }): void;
  dismiss(id: number): void;
}

let nextToast = 1;

/** A printer opens the app on a print view through the address fragment; people start at 协议. */
const initialRoute = (): Route => {
  const target = typeof window === 'undefined' ? null : printTargetOf(window.location.hash);
  if (target?.kind === 'report') return { page: 'reportPrint', id: target.id };
  if (target?.kind === 'plan')
    return { page: 'planPrint', agreementId: target.agreementId, month: target.month };
  return { page: 'agreements' };
};

export const useApp = create<AppState>((set, get) => ({
  status: null,
  loadError: null,
  route: initialRoute(),
  toasts: [],
  async load() {
    try {
      const status = await call('app.status', {});
      setLocale(status.locale);
      set({ status, loadError: null });
    } catch (e) {
      set({ loadError: (e as Error).message });
    }
  },
  setStatus(status) {
    setLocale(status.locale);
    set({ status });
  },
  go(route, opts) {
    if (opts?.afterSave || !hasUnsaved()) set({ route });
    else void confirmDiscard().then((discard) => discard && set({ route }));
  },
  async changeLocale(locale) {
    get().setStatus(await call('settings.setLocale', { locale }));
  },
  async setup(input) {
    get().setStatus(await call('app.setup', input));
  },
  async integrityCheck() {
    const r = await call('maintenance.integrityCheck', {});
    return r.ok ? [] : r.problems;
  },
  async backup() {
    return (await call('maintenance.backup', {})).file;
  },
  toast(text, opts = {}) {
    const id = nextToast++;
    const toast: Toast = {
      id,
      text,
      kind: opts.kind ?? 'info',
      ...(opts.action ? { action: opts.action } : {}),
    };
    set({ toasts: [...get().toasts, toast] });
    setTimeout(() => get().dismiss(id), opts.ms ?? 4000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
