import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from './csp';
import { APP_HOST, APP_SCHEME } from './security';
import { mimeOf, resolveStatic } from './static-files';

export const PRIVILEGED_SCHEME = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
};

/**
 * Maps app://bangfu/<path> to a file under rootDir, or null. The raw request is checked before the URL
 * parser normalises it (encoded dots or separators, backslashes, NUL, '..'), then the shared resolver
 * checks the decoded path and that the file sits inside rootDir.
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
  // The URL parser already folded '..' away (and dropped tabs and newlines, so '.\t.' became '..'); refuse
  // the request rather than serve its folded twin.
  if (
    /%2e|%2f|%5c|%00|\\/i.test(rawPath) ||
    [...rawPath].some((c) => c <= ' ' || c === '\u007f') ||
    rawPath.split('/').includes('..')
  )
    return null;
  return resolveStatic(rootDir, url.pathname);
};

// Every response carries the policy, errors included, so no app:// document is ever without it.
const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
};

const notFound = () =>
  new Response('Not found', {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  });

/** The protocol handler body, Electron-free: a Request in, a Response out. The UI's files are read-only. */
export const serveAppRequest = async (rootDir: string, request: Request): Promise<Response> => {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', {
      status: 405,
      headers: { ...SECURITY_HEADERS, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const file = resolveAppPath(rootDir, request.url);
  if (!file) return notFound();
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'content-type': mimeOf(file) },
    });
  } catch {
    return notFound();
  }
};
