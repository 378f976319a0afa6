import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNEL, isMethod, type AppEventListener } from '../shared/contract';
import { EVENT_CHANNEL } from '../shared/ipc';
import type { Result } from '../shared/errors';
import { isAppUrl } from './security';

export interface Invoker {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
}

/** Only our own page, in the top frame, may call the API: not an iframe, not a page navigated elsewhere. */
export const isTrustedSender = (frameUrl: string | undefined, isMainFrame: boolean): boolean =>
  isMainFrame && typeof frameUrl === 'string' && isAppUrl(frameUrl);

export const dispatchIpc = async (
  api: Invoker,
  sender: { url: string | undefined; isMainFrame: boolean },
  method: unknown,
  input: unknown,
): Promise<Result<unknown>> => {
  if (!isTrustedSender(sender.url, sender.isMainFrame)) {
    return { ok: false, error: { code: 'UNAUTHORIZED', message: '拒绝：请求不是来自本程序的窗口' } };
  }
  if (typeof method !== 'string') {
    const message = '操作名称必须是文字';
    return { ok: false, error: { code: 'VALIDATION', message, fields: { method: message } } };
  }
  if (!isMethod(method)) {
    return {
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: `未知的操作：${String(method).slice(0, 60)}` },
    };
  }
  try {
    return await api.invoke(method, input);
  } catch {
    // The API returns results, never throws; if it ever does, the page still gets a typed answer.
    return { ok: false, error: { code: 'INTERNAL', message: '内部错误：操作未完成，请重试或联系管理员' } };
  }
};

/** The one IPC channel. Every contract method goes through it; nothing else is registered. */
export const registerIpc = (ipcMain: Pick<IpcMain, 'handle'>, api: Invoker): void => {
  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    return dispatchIpc(
      api,
      { url: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame },
      method,
      input,
    );
  });
};

/**
 * What the store pushes (progress) goes to the app's own windows on the event channel, the one the preload
 * listens on. A window that is gone, or not showing our page, is skipped.
 */
export const relayEvents = (
  api: { onEvent(listener: AppEventListener): () => void },
  targets: () => Pick<WebContents, 'send' | 'getURL'>[],
): (() => void) =>
  api.onEvent((event) => {
    for (const target of targets()) if (isAppUrl(target.getURL())) target.send(EVENT_CHANNEL, event);
  });
