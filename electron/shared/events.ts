import type { z } from 'zod';
import type { workProgress } from './schemas/sync';

// What the backend pushes to the page without being asked: the progress of the long task under way (a
// bundle or spreadsheet being read or applied), each time it moves, and null when it ends. Electron sends
// them on EVENT_CHANNEL; the web bridge streams them at BRIDGE_EVENTS_PATH.

export type AppEvent = { type: 'progress'; progress: z.output<typeof workProgress> };

export type AppEventListener = (event: AppEvent) => void;
