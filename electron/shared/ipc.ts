/** The single IPC channel; the preload forwards nothing else. Its own module so the preload bundles nothing. */
export const IPC_CHANNEL = 'bangfu:invoke';
