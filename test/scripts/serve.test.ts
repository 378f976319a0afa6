import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../scripts/serve';
import { tempDir } from '../helpers/db';

let bridge: Bridge;
let base: URL;
const tmp = tempDir();

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http rather than fetch, so tests can send a forged Host header.
const send = (
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> =>
  new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port: base.port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          ok({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', fail);
    if (opts.body) req.write(opts.body);
    req.end();
  });

beforeAll(async () => {
  const www = join(tmp.dir, 'www');
  mkdirSync(join(www, 'assets'), { recursive: true });
  writeFileSync(join(www, 'index.html'), '<!doctype html><title>帮扶台账</title>');
  writeFileSync(join(www, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'secret');
  bridge = await startBridge({ dataDir: join(tmp.dir, 'data'), staticDir: www });
  base = new URL(bridge.url);
});
afterAll(async () => {
  await bridge.close();
  tmp.cleanup();
});

const invoke = (
  method: string,
  input: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${bridge.token}` },
) =>
  send('/api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ method, input }),
  });

describe('web bridge', () => {
  it('listens on the loopback address only, with a long random token', () => {
    expect(base.hostname).toBe('127.0.0.1');
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses requests without the token', async () => {
    expect((await send('/')).status).toBe(401);
    expect((await invoke('app.status', {}, {})).status).toBe(401);
    expect((await invoke('app.status', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await send('/?token=wrong')).status).toBe(401);
  });

  it('exchanges the start URL’s token for an HttpOnly cookie and drops it from the address', async () => {
    const first = await send(`/?token=${bridge.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await send('/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('帮扶台账');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('refuses a forged Host header (DNS rebinding)', async () => {
    const res = await send('/', {
      headers: { host: 'evil.example:80', authorization: `Bearer ${bridge.token}` },
    });
    expect(res.status).toBe(421);
  });

  it('serves the same API as IPC, with typed errors', async () => {
    const ok = JSON.parse((await invoke('app.status', {})).body) as {
      ok: boolean;
      value: { initialized: boolean };
    };
    expect(ok).toMatchObject({ ok: true, value: { initialized: false } });
    const bad = JSON.parse((await invoke('agreements.create', { title: '' })).body) as {
      ok: boolean;
      error: { code: string };
    };
    expect(bad).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/VALIDATION|NOT_INITIALIZED/) },
    });
    const garbage = await send('/api/invoke', {
      method: 'POST',
      headers: { authorization: `Bearer ${bridge.token}` },
      body: '{nope',
    });
    expect(garbage.status).toBe(400);
  });

  it('never serves a file outside the UI folder', async () => {
    const auth = { authorization: `Bearer ${bridge.token}` };
    expect((await send('/assets/app.js', { headers: auth })).status).toBe(200);
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const res = await send(path, { headers: auth });
      expect(res.body).not.toContain('secret');
    }
  });
});
