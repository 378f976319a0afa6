import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../../electron/shared/ipc';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args), send: vi.fn(), on: vi.fn() },
}));

describe('preload', () => {
  beforeEach(async () => {
    exposed.clear();
    vi.resetModules();
    await import('../../../electron/preload/index');
  });

  it('exposes one frozen object, window.api, holding one function', () => {
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as Record<string, unknown>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(typeof api.invoke).toBe('function');
  });

  it('forwards invoke(method, input) on the one channel and nothing else', async () => {
    const api = exposed.get('api') as { invoke: (m: string, i: unknown) => Promise<unknown> };
    await api.invoke('agreements.list', { q: '普宁' });
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNEL, 'agreements.list', { q: '普宁' });
  });
});
