import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../electron/shared/contract';
import { base64Limit, MAX_BUNDLE_BYTES, MAX_REQUEST_BYTES } from '../../electron/shared/limits';
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
  bridge = await startBridge({ dataDir: join(tmp.dir, 'data'), staticDir: www, maxBodyBytes: 64 * 1024 });
  base = new URL(bridge.url);
});
afterAll(async () => {
  await bridge.close();
  tmp.cleanup();
});

/** What the bridge's own page sends: its origin, the JSON type and the bridge header. */
const own = () => ({
  origin: `http://127.0.0.1:${base.port}`,
  'content-type': 'application/json',
  'x-bangfu-bridge': '1',
  authorization: `Bearer ${bridge.token}`,
});

const invoke = (method: string, input: unknown, headers: Record<string, string> = own()) =>
  send('/api/invoke', { method: 'POST', headers, body: JSON.stringify({ method, input }) });

describe('web bridge', () => {
  it('listens on the loopback address only, with a long random token', () => {
    expect(base.hostname).toBe('127.0.0.1');
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses requests without the token', async () => {
    expect((await send('/')).status).toBe(401);
    const { authorization: _, ...unsigned } = own();
    expect((await invoke('app.status', {}, unsigned)).status).toBe(401);
    expect((await invoke('app.status', {}, { ...unsigned, authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await send('/?token=wrong')).status).toBe(401);
  });

  it('exchanges the start URL’s single-use token for an HttpOnly cookie and drops it from the address', async () => {
    const launch = `/?token=${base.searchParams.get('token')}`;
    expect(base.searchParams.get('token')).not.toBe(bridge.token);
    const first = await send(launch);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await send('/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('帮扶台账');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    // The same address again, from history or copied elsewhere: dead.
    const again = await send(launch);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/已使用过/);
    expect(again.headers['set-cookie']).toBeUndefined();
    // The browser that already holds the cookie just drops the stale token from the address.
    const reopened = await send(launch, { headers: { cookie: cookie.split(';')[0]! } });
    expect(reopened.status).toBe(303);
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
    const garbage = await send('/api/invoke', { method: 'POST', headers: own(), body: '{nope' });
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses API calls not sent by its own page with 403, running nothing', async () => {
    const create = (headers: Record<string, string>) =>
      invoke('institutions.create', { name: '伪造的机构', type: '高职院校' }, headers);
    const { origin: _, ...noOrigin } = own();
    const { 'x-bangfu-bridge': __, ...noHeader } = own();
    const refused = [
      await create(noOrigin),
      await create({ ...own(), origin: 'http://127.0.0.1:1' }),
      await create({ ...own(), origin: 'null' }),
      await create({ ...own(), 'content-type': 'text/plain' }),
      await create({ ...own(), 'content-type': 'application/x-www-form-urlencoded' }),
      await create(noHeader),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect((await send('/api/invoke', { headers: own() })).status).toBe(405);
  });

  it('answers a malformed envelope with a VALIDATION error naming the field, never a 500', async () => {
    for (const body of ['null', '[]', '42', '"x"', '{"method":7}', '{"input":{}}']) {
      const res = await send('/api/invoke', { method: 'POST', headers: own(), body });
      expect(res.status).toBe(400);
      const reply = JSON.parse(res.body) as { ok: boolean; error: { code: string; fields: object } };
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(Object.keys(reply.error.fields).length).toBe(1);
    }
    const proto = await send('/api/invoke', {
      method: 'POST',
      headers: own(),
      body: '{"method":"app.status","input":{"__proto__":{"x":1}}}',
    });
    expect(JSON.parse(proto.body)).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: Object.fromEntries([['__proto__', expect.stringMatching(/不允许/)]]),
      },
    });
  });

  it('refuses deeply nested JSON before parsing it, with a Chinese message', async () => {
    const depth = 1_000_000;
    const body = `{"method":"app.status","input":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const res = await send('/api/invoke', { method: 'POST', headers: own(), body });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/嵌套/) },
    });
    // Brackets inside strings are text, not nesting.
    const text = await invoke('institutions.list', { query: '[{'.repeat(20) });
    expect(text.status).toBe(200);
  });

  it('answers a body over the limit with a Chinese error, not a reset connection', async () => {
    const body = JSON.stringify({ method: 'app.status', input: { pad: 'x'.repeat(200 * 1024) } });
    const res = await send('/api/invoke', { method: 'POST', headers: own(), body });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/请求过大/) },
    });
  });

  it('takes the largest bundle the contract accepts in one body', () => {
    const largest = JSON.stringify({
      method: 'sync.import',
      input: {
        fileName: `${'包'.repeat(251)}.bfb`,
        dataBase64: 'A'.repeat(1),
        confirmFingerprint: 'F'.repeat(100),
      },
    });
    const envelope = Buffer.byteLength(largest) - 1;
    expect(MAX_REQUEST_BYTES).toBeGreaterThanOrEqual(base64Limit(MAX_BUNDLE_BYTES) + envelope);
    expect(contract['sync.import'].input.shape.dataBase64.maxLength).toBe(base64Limit(MAX_BUNDLE_BYTES));
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
