import { BRIDGE_API_PATH, BRIDGE_HEADER, BRIDGE_HEADER_VALUE } from '../electron/shared/bridge';
import type { BangfuApi, Input, Method, Output, Result } from '../electron/shared/contract';

declare global {
  interface Window {
    api?: BangfuApi;
  }
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The web bridge: same API over HTTP; its token travels as the HttpOnly cookie set when the page opened.
 * The bridge header and JSON type are what tell the bridge the call comes from this page (see bridge.ts).
 */
export const bridgeApi = (fetchFn: Fetch): BangfuApi => ({
  async invoke<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
    try {
      const res = await fetchFn(BRIDGE_API_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BRIDGE_HEADER]: BRIDGE_HEADER_VALUE },
        credentials: 'same-origin',
        body: JSON.stringify({ method, input }),
      });
      if (res.status === 401) {
        return {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: '会话已失效：请使用启动时显示的完整地址重新打开。' },
        };
      }
      return (await res.json()) as Result<Output<M>>;
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: '无法连接到本机服务，请确认帮扶台账仍在运行。' },
      };
    }
  },
});

/** Electron's preload object when present, otherwise the bridge. */
export const pickTransport = (win: { api?: BangfuApi }, fetchFn: Fetch): BangfuApi =>
  win.api ?? bridgeApi(fetchFn);

export const api: BangfuApi =
  typeof window === 'undefined'
    ? bridgeApi(() => Promise.reject(new Error('no window')))
    : pickTransport(window, (i, init) => fetch(i, init));

/** Calls a method and returns its value, or throws the typed error for the caller's catch. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
  const res = await api.invoke(method, input);
  if (!res.ok) throw new ApiError(res.error.code, res.error.message, res.error.fields);
  return res.value;
};
