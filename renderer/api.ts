import {
  BRIDGE_API_PATH,
  BRIDGE_EVENTS_PATH,
  BRIDGE_HEADER,
  BRIDGE_HEADER_VALUE,
} from '../electron/shared/bridge';
import type {
  AppEvent,
  AppEventListener,
  BangfuApi,
  Input,
  Method,
  Output,
  Result,
} from '../electron/shared/contract';

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
const CALL_HEADERS = { 'content-type': 'application/json', [BRIDGE_HEADER]: BRIDGE_HEADER_VALUE };

/**
 * The bridge's event stream (Server-Sent Events over a fetch, so it carries the bridge header like a call),
 * open while anyone listens. Each frame's data is one event as JSON.
 */
const bridgeEvents = (fetchFn: Fetch): BangfuApi['onEvent'] => {
  const listeners = new Set<AppEventListener>();
  let abort: AbortController | null = null;
  const deliver = (frame: string) => {
    const data = frame
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    if (!data) return;
    const event = JSON.parse(data) as AppEvent;
    for (const listener of listeners) listener(event);
  };
  const open = async (signal: AbortSignal) => {
    const res = await fetchFn(BRIDGE_EVENTS_PATH, {
      method: 'POST',
      headers: CALL_HEADERS,
      credentials: 'same-origin',
      body: '{}',
      signal,
    });
    if (!res.ok || !res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      pending += value;
      for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
        deliver(pending.slice(0, end));
        pending = pending.slice(end + 2);
      }
    }
  };
  return (listener) => {
    listeners.add(listener);
    if (!abort) {
      abort = new AbortController();
      // Closed by the last listener, or gone with the bridge; calls report a lost bridge themselves.
      open(abort.signal).catch(() => undefined);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        abort?.abort();
        abort = null;
      }
    };
  };
};

export const bridgeApi = (fetchFn: Fetch): BangfuApi => ({
  onEvent: bridgeEvents(fetchFn),
  async invoke<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
    try {
      const res = await fetchFn(BRIDGE_API_PATH, {
        method: 'POST',
        headers: CALL_HEADERS,
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
