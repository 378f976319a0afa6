import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, IPC_CHANNEL } from '../../../electron/shared/ipc';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));
const on = vi.fn();
const removeListener = vi.fn();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    send: vi.fn(),
    on: (...args: unknown[]) => on(...args),
    removeListener: (...args: unknown[]) => removeListener(...args),
  },
}));

describe('preload', () => {
  beforeEach(async () => {
    exposed.clear();
    on.mockClear();
    vi.resetModules();
    await import('../../../electron/preload/index');
  });

  it('exposes one frozen object, window.api, holding two functions: call and listen', () => {
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as Record<string, unknown>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api)).toEqual(['invoke', 'onEvent']);
    expect(typeof api.invoke).toBe('function');
  });

  it('hands the page only the pushed event, never the IPC event, and stops listening when asked', () => {
    const api = exposed.get('api') as { onEvent: (l: (e: unknown) => void) => () => void };
    const seen: unknown[] = [];
    const stop = api.onEvent((e) => seen.push(e));
    const [[channel, forward]] = on.mock.calls as unknown as [[string, (...a: unknown[]) => void]];
    expect(channel).toBe(EVENT_CHANNEL);
    const event = { type: 'progress', progress: null };
    forward({ sender: 'ipc internals' }, event);
    expect(seen).toEqual([event]);
    stop();
    expect(removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, forward);
  });

  it('forwards invoke(method, input) on the one channel and nothing else', async () => {
    const api = exposed.get('api') as { invoke: (m: string, i: unknown) => Promise<unknown> };
    await api.invoke('agreements.list', { q: '普宁' });
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNEL, 'agreements.list', { q: '普宁' });
  });
});
