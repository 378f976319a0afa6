import type { App, Session, Shell, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bangfu';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const parse = (raw: string): URL | null => {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
};

/** Only our own pages: parsed, compared by part, so "app://bangfu.evil" or "app://x@bangfu" never pass. */
export const isAppUrl = (raw: string): boolean => {
  const url = parse(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.port === ''
  );
};

/**
 * Links a person clicks may open in the system browser, but only plain web addresses: returns the parsed,
 * re-serialised address (what the browser will see), or null.
 */
export const externalWebUrl = (raw: string): string | null => {
  const url = parse(raw);
  return url !== null &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === ''
    ? url.href
    : null;
};

export const isExternalWebUrl = (raw: string): boolean => externalWebUrl(raw) !== null;

/** Wires the refusals into one window's contents: no navigation away, no new windows, no webviews. */
export const hardenContents = (contents: WebContents, shell: Pick<Shell, 'openExternal'>): void => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalWebUrl(url);
    if (external) void shell.openExternal(external).catch(() => undefined);
    return { action: 'deny' };
  });
};

/** The app asks for no device permission (camera, location, notifications...): refuse them all. */
export const denyPermissions = (
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
) => {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
};

export const hardenApp = (app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>): void => {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, shell));
};
