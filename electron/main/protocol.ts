import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';
import { APP_HOST, APP_SCHEME } from './security';

export const PRIVILEGED_SCHEME = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/**
 * Maps app://bangfu/<path> to a file under rootDir, or null. The raw path is checked before and after
 * decoding: encoded dots or separators, backslashes, NUL, drive letters and '..' segments are refused, and
 * the resolved file must still sit inside rootDir.
 */
export const resolveAppPath = (rootDir: string, requestUrl: string): string | null => {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (
    url.protocol !== `${APP_SCHEME}:` ||
    url.hostname !== APP_HOST ||
    url.username ||
    url.password ||
    url.port
  )
    return null;
  const rawPath = requestUrl.slice(requestUrl.indexOf(APP_HOST) + APP_HOST.length).split(/[?#]/)[0] ?? '';
  // The URL parser already folded '..' away; refuse the request rather than serve its folded twin.
  if (/%2e|%2f|%5c|%00|\\/i.test(rawPath) || rawPath.split('/').includes('..')) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (/[\\\0]/.test(path) || /^\/?[a-zA-Z]:/.test(path) || path.split('/').includes('..')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path === '/' || path === '' ? '/index.html' : path}`);
  if (!file.startsWith(root + sep)) return null;
  return extname(file) === '' ? resolve(root, 'index.html') : file;
};

export const mimeType = (file: string): string =>
  MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** The protocol handler body, Electron-free: a Request in, a Response out. */
export const serveAppRequest = async (rootDir: string, request: Request): Promise<Response> => {
  const file = resolveAppPath(rootDir, request.url);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': mimeType(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
};
