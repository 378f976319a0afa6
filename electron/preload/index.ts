import { contextBridge, ipcRenderer } from 'electron';
import type { BangfuApi } from '../shared/contract';
import { IPC_CHANNEL } from '../shared/ipc';

// One function, typed from the contract; no raw ipcRenderer, no channel argument.
const api = Object.freeze({
  invoke: (method, input) => ipcRenderer.invoke(IPC_CHANNEL, method, input),
} satisfies BangfuApi);

contextBridge.exposeInMainWorld('api', api);
