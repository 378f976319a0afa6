import { existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// The UI's files, for both the app:// protocol and the web bridge: one resolver, one MIME table.

/**
 * Maps a URL path to a file inside `root`, or null. Decodes once, then refuses anything that could step
 * outside: `..` segments, backslashes, NUL, drive letters; '/' and unknown routes serve index.html.
 */
export const resolveStatic = (root: string, urlPath: string): string | null => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (/[\\\0]/.test(decoded) || /^\/?[a-zA-Z]:/.test(decoded) || decoded.split('/').some((s) => s === '..'))
    return null;
  const base = resolve(root);
  const target = resolve(base, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (target !== base && !target.startsWith(base + sep)) return null;
  if (existsSync(target) && statSync(target).isFile()) return target;
  // Client-side routes (no extension) fall back to the app shell.
  return extname(decoded) === '' ? resolve(base, 'index.html') : null;
};

export const mimeOf = (file: string): string =>
  MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
