import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServedApp } from '../db/app';
import { openAppInWorker } from '../db/worker/host';
import { BRIDGE_API_PATH, BRIDGE_EVENTS_PATH } from '../electron/shared/bridge';
import type { AppError } from '../electron/shared/errors';
import { MAX_JSON_DEPTH, MAX_REQUEST_BYTES } from '../electron/shared/limits';
import { checkCaller, parseCall, readBody } from './bridge/request';
import { CONTENT_SECURITY_POLICY } from '../electron/main/csp';
import { defaultDataDir, packageVersion } from './data-dir';
import { mimeOf, resolveStatic } from '../electron/main/static-files';
import { chromiumPrinter } from './pdfPrinter';

// The local web bridge: the same API the Electron shell serves over IPC, over HTTP on 127.0.0.1, for the
// browser fallback of `npm start` and for end-to-end tests in Chromium. Every request must carry the
// per-run session token (an HttpOnly cookie, or a Bearer header), and the Host header must be the loopback
// address, so neither other local users' pages nor DNS rebinding can reach the data. The address printed
// at start carries a different, single-use token: the first load trades it for the cookie, so the address
// left in browser history or copied elsewhere opens nothing. API calls must also come from the bridge's
// own page (see bridge/request.ts), so a page on another local port cannot drive the API with the cookie.

export interface BridgeOptions {
  dataDir: string;
  port?: number;
  staticDir?: string;
  appVersion?: string;
  /** An already open app (tests); otherwise the bridge opens its own in a worker thread, and closes it. */
  app?: ServedApp;
  /** Tests lower it; the default is the one the contract's largest input (a bundle) needs. */
  maxBodyBytes?: number;
  /** Closing takes the day's backup when due (default); end-to-end tests' throwaway folders need none. */
  backupAtQuit?: boolean;
}

export interface Bridge {
  /** The start address, with its single-use token. */
  url: string;
  /** The session token the cookie carries (also accepted as a Bearer header). */
  token: string;
  app: ServedApp;
  close(): Promise<void>;
}

const COOKIE = 'bf_token';
const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

const sameToken = (a: string | undefined, b: string): boolean => {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const cookieToken = (req: IncomingMessage): string | undefined =>
  (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === COOKIE)?.[1];

const bearer = (req: IncomingMessage): string | undefined => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
};

const send = (
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
) => {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    ...extra,
  });
  res.end(body);
};

const sendError = (res: ServerResponse, status: number, error: AppError) =>
  send(res, status, JSON.stringify({ ok: false, error }), JSON_TYPE);

const INTERNAL: AppError = { code: 'INTERNAL', message: '本机服务内部错误，操作未完成，请重试' };
const NO_SESSION = '未授权：请使用启动时显示的完整地址（含 token）打开。';
const USED_ADDRESS =
  '此地址无效或已使用过：为安全起见，启动时显示的地址只能打开一次。请回到已打开的页面，或重新启动帮扶台账以获得新地址。';

/**
 * Server-Sent Events: each event the app pushes (progress) as one `data:` frame, until the page closes the
 * stream or the bridge stops. The caller passed the same checks as a call.
 */
const streamEvents = (app: ServedApp, req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.write(': 帮扶台账\n\n');
  const stop = app.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  req.resume();
  res.on('close', stop);
};

export const startBridge = async (opts: BridgeOptions): Promise<Bridge> => {
  const app =
    opts.app ??
    (await openAppInWorker({
      dataDir: opts.dataDir,
      appVersion: opts.appVersion ?? packageVersion(),
      background: true,
      holder: '浏览器版（本机网页服务）',
    }));
  const staticDir = opts.staticDir ?? resolve(import.meta.dirname, '..', 'dist', 'renderer');
  const token = randomBytes(32).toString('hex');
  let launchToken: string | null = randomBytes(32).toString('hex');
  let allowedHosts: Set<string> = new Set();
  let ownOrigins: Set<string> = new Set();
  const limits = { maxBytes: opts.maxBodyBytes ?? MAX_REQUEST_BYTES, maxDepth: MAX_JSON_DEPTH };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => sendError(res, 500, INTERNAL));
  });

  const hasSession = (req: IncomingMessage) =>
    sameToken(cookieToken(req), token) || sameToken(bearer(req), token);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, '拒绝：主机名不符', TEXT);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const given = url.searchParams.get('token');
    if (req.method === 'GET' && given !== null) {
      const first = launchToken !== null && sameToken(given, launchToken);
      if (!first && !hasSession(req)) return send(res, 401, USED_ADDRESS, TEXT);
      if (first) launchToken = null;
      url.searchParams.delete('token');
      return send(res, 303, '', TEXT, {
        location: url.pathname + url.search,
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (!hasSession(req)) return send(res, 401, NO_SESSION, TEXT);
    if (url.pathname === BRIDGE_API_PATH) {
      if (req.method !== 'POST') return send(res, 405, '', TEXT);
      const refused = checkCaller(req, ownOrigins);
      if (refused) return sendError(res, refused.status, refused.error);
      const body = await readBody(req, limits);
      if ('error' in body) return sendError(res, body.status, body.error);
      const call = parseCall(body.text);
      if ('error' in call) return sendError(res, call.status, call.error);
      return send(res, 200, JSON.stringify(await app.invoke(call.method, call.input)), JSON_TYPE);
    }
    if (url.pathname === BRIDGE_EVENTS_PATH) {
      if (req.method !== 'POST') return send(res, 405, '', TEXT);
      const refused = checkCaller(req, ownOrigins);
      if (refused) return sendError(res, refused.status, refused.error);
      return streamEvents(app, req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '', TEXT);
    const file = resolveStatic(staticDir, url.pathname);
    if (!file) return send(res, 404, '未找到', TEXT);
    try {
      return send(res, 200, readFileSync(file), mimeOf(file));
    } catch {
      return send(res, 404, '未找到界面文件：请先运行 npm run build', TEXT);
    }
  };

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  ownOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const printer = chromiumPrinter(`http://127.0.0.1:${port}`, { name: COOKIE, value: token });
  app.setPrinter(printer);

  return {
    url: `http://127.0.0.1:${port}/?token=${launchToken}`,
    token,
    app,
    close: () =>
      new Promise<void>((ok) => {
        app.setPrinter(null);
        void printer.close().finally(() => {
          server.closeAllConnections();
          server.close(() => {
            if (opts.app) ok();
            else if (opts.backupAtQuit === false) void Promise.resolve(app.close()).finally(ok);
            else void app.quit().finally(ok);
          });
        });
      }),
  };
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const dataDir = process.argv[2] ? resolve(process.argv[2]) : defaultDataDir();
  const bridge = await startBridge({ dataDir }).catch((e: unknown) => {
    console.error(`帮扶台账无法启动：${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
  console.log(`帮扶台账已在本机启动 / Bangfu Ledger is running: ${bridge.url}`);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
