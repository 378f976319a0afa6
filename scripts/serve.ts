import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openApp, type AppHandle } from '../db/app';
import { CONTENT_SECURITY_POLICY } from '../electron/main/csp';
import { defaultDataDir, packageVersion } from './data-dir';
import { mimeOf, resolveStatic } from '../electron/main/static-files';
import { chromiumPrinter } from './pdfPrinter';

// The local web bridge: the same API the Electron shell serves over IPC, over HTTP on 127.0.0.1, for the
// browser fallback of `npm start` and for end-to-end tests in Chromium. Every request must carry the
// per-run token (cookie set from the first ?token= URL, or a Bearer header), and the Host header must be
// the loopback address, so neither other local users' pages nor DNS rebinding can reach the data.

export interface BridgeOptions {
  dataDir: string;
  port?: number;
  staticDir?: string;
  appVersion?: string;
  /** An already open app (tests); otherwise the bridge opens and closes its own. */
  app?: AppHandle;
}

export interface Bridge {
  url: string;
  token: string;
  app: AppHandle;
  close(): Promise<void>;
}

const COOKIE = 'bf_token';
const MAX_BODY = 16 * 1024 * 1024;

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

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });

export const startBridge = async (opts: BridgeOptions): Promise<Bridge> => {
  const app =
    opts.app ??
    (await openApp({
      dataDir: opts.dataDir,
      appVersion: opts.appVersion ?? packageVersion(),
      background: true,
    }));
  const staticDir = opts.staticDir ?? resolve(import.meta.dirname, '..', 'dist', 'renderer');
  const token = randomBytes(32).toString('hex');
  let allowedHosts: Set<string> = new Set();

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, '内部错误', 'text/plain; charset=utf-8'));
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts.has(req.headers.host ?? ''))
      return send(res, 421, '拒绝：主机名不符', 'text/plain; charset=utf-8');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const given = url.searchParams.get('token');
    if (req.method === 'GET' && given !== null && sameToken(given, token)) {
      url.searchParams.delete('token');
      return send(res, 303, '', 'text/plain', {
        location: url.pathname + url.search,
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (!sameToken(cookieToken(req), token) && !sameToken(bearer(req), token)) {
      return send(
        res,
        401,
        '未授权：请使用启动时显示的完整地址（含 token）打开。',
        'text/plain; charset=utf-8',
      );
    }
    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, '', 'text/plain');
      let call: { method?: unknown; input?: unknown };
      try {
        call = JSON.parse(await readBody(req)) as typeof call;
      } catch {
        return send(
          res,
          400,
          JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '请求格式不正确' } }),
          'application/json',
        );
      }
      const result = await app.invoke(String(call.method), call.input);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '', 'text/plain');
    const file = resolveStatic(staticDir, url.pathname);
    if (!file) return send(res, 404, '未找到', 'text/plain; charset=utf-8');
    try {
      return send(res, 200, readFileSync(file), mimeOf(file));
    } catch {
      return send(res, 404, '未找到界面文件：请先运行 npm run build', 'text/plain; charset=utf-8');
    }
  };

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const printer = chromiumPrinter(`http://127.0.0.1:${port}`, { name: COOKIE, value: token });
  app.setPrinter(printer);

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    app,
    close: () =>
      new Promise<void>((ok) => {
        app.setPrinter(null);
        void printer.close().finally(() => {
          server.closeAllConnections();
          server.close(() => {
            if (!opts.app) app.close();
            ok();
          });
        });
      }),
  };
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const dataDir = process.argv[2] ? resolve(process.argv[2]) : defaultDataDir();
  const bridge = await startBridge({ dataDir });
  console.log(`帮扶台账已在本机启动 / Bangfu Ledger is running: ${bridge.url}`);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
