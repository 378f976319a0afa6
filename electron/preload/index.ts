import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppEvent, BangfuApi } from '../shared/contract';
import { EVENT_CHANNEL, IPC_CHANNEL } from '../shared/ipc';

// One object, typed from the contract; no raw ipcRenderer, no channel argument. Calls go out on one
// channel; pushed events come in on one other, and the page sees only the event, never the IPC object.
const api = Object.freeze({
  invoke: (method, input) => ipcRenderer.invoke(IPC_CHANNEL, method, input),
  onEvent: (listener) => {
    const forward = (_e: IpcRendererEvent, event: AppEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
} satisfies BangfuApi);

contextBridge.exposeInMainWorld('api', api);
