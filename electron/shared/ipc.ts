/** The single IPC channel; the preload forwards nothing else. Its own module so the preload bundles nothing. */
export const IPC_CHANNEL = 'bangfu:invoke';
/** Events the main process pushes to the page (progress of a long task); the preload only listens on it. */
export const EVENT_CHANNEL = 'bangfu:event';
