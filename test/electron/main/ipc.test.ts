import { describe, expect, it, vi } from 'vitest';
import { dispatchIpc, isTrustedSender, registerIpc } from '../../../electron/main/ipc';
import { IPC_CHANNEL } from '../../../electron/shared/ipc';

const api = () => ({ invoke: vi.fn(async () => ({ ok: true as const, value: 'done' })) });

describe('IPC sender check', () => {
  it('trusts only the app’s own top frame', () => {
    expect(isTrustedSender('app://bangfu/index.html', true)).toBe(true);
    expect(isTrustedSender('app://bangfu/index.html', false)).toBe(false);
    expect(isTrustedSender('https://example.com.attacker.com', true)).toBe(false);
    expect(isTrustedSender('app://bangfu.evil/', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });

  it('answers an untrusted sender with a typed refusal and never reaches the API', async () => {
    const a = api();
    const res = await dispatchIpc(
      a,
      { url: 'https://evil.example/', isMainFrame: true },
      'agreements.list',
      {},
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(a.invoke).not.toHaveBeenCalled();
  });

  it('refuses in Chinese, so the page can show the message as it is', async () => {
    const res = await dispatchIpc(api(), { url: 'file:///tmp/x.html', isMainFrame: true }, 'app.status', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers with a typed error, never a rejection, when the API throws', async () => {
    const broken = { invoke: vi.fn(async () => Promise.reject(new Error('disk gone'))) };
    const res = await dispatchIpc(broken, { url: 'app://bangfu/', isMainFrame: true }, 'app.status', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses methods outside the contract', async () => {
    const a = api();
    const res = await dispatchIpc(a, { url: 'app://bangfu/', isMainFrame: true }, 'db.exec', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    for (const bad of [null, 7, { toString: () => 'app.status' }]) {
      expect(await dispatchIpc(a, { url: 'app://bangfu/', isMainFrame: true }, bad, {})).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fields: { method: expect.any(String) } },
      });
    }
    expect(a.invoke).not.toHaveBeenCalled();
  });

  it('registers exactly one channel and forwards trusted calls', async () => {
    const handle = vi.fn();
    const a = api();
    registerIpc({ handle } as never, a);
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]![0]).toBe(IPC_CHANNEL);
    const listener = handle.mock.calls[0]![1] as (e: unknown, m: unknown, i: unknown) => Promise<unknown>;
    const mainFrame = { url: 'app://bangfu/index.html' };
    const event = { senderFrame: mainFrame, sender: { mainFrame } };
    expect(await listener(event, 'app.status', {})).toEqual({ ok: true, value: 'done' });
    expect(a.invoke).toHaveBeenCalledWith('app.status', {});
    const child = { senderFrame: { url: 'app://bangfu/index.html' }, sender: { mainFrame } };
    expect(await listener(child, 'app.status', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    // A frame that is already gone has no URL to trust.
    const gone = { senderFrame: null, sender: { mainFrame } };
    expect(await listener(gone, 'app.status', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(a.invoke).toHaveBeenCalledTimes(1);
  });
});
