import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedApp } from '../../db/app';
import type { AppEvent, AppEventListener } from '../../electron/shared/contract';
import { startBridge, type Bridge } from '../../scripts/serve';
import { tempDir } from '../helpers/db';

// The bridge's event stream: progress pushed to the page as Server-Sent Events, asked for under the same
// rules as a call. The app behind it is a stand-in whose events the test sends.

const tmp = tempDir();
const listeners = new Set<AppEventListener>();
const app: ServedApp = {
  invoke: async () => ({ ok: true, value: null }),
  close: () => undefined,
  quit: async () => undefined,
  dataDir: tmp.dir,
  dbPath: join(tmp.dir, 'bangfu-ledger.sqlite'),
  setPrinter: () => undefined,
  onEvent: (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
let bridge: Bridge;
let port: string;

beforeAll(async () => {
  const www = join(tmp.dir, 'www');
  mkdirSync(www);
  writeFileSync(join(www, 'index.html'), '<!doctype html><title>帮扶台账</title>');
  bridge = await startBridge({ dataDir: tmp.dir, staticDir: www, app });
  port = new URL(bridge.url).port;
});
afterAll(async () => {
  await bridge.close();
  tmp.cleanup();
});

const open = (headers: Record<string, string>): Promise<IncomingMessage> =>
  new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/events', method: 'POST', headers }, (res) =>
      ok(res),
    );
    req.on('error', fail);
    req.end('{}');
  });

const own = () => ({
  origin: `http://127.0.0.1:${port}`,
  'content-type': 'application/json',
  'x-bangfu-bridge': '1',
  authorization: `Bearer ${bridge.token}`,
});

describe('web bridge events', () => {
  it('streams each pushed event as one Server-Sent Events frame, and stops listening when the page leaves', async () => {
    const res = await open(own());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await expect.poll(() => listeners.size).toBe(1);
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    const events: AppEvent[] = [
      { type: 'progress', progress: { task: 'import', done: 5000, total: 12000 } },
      { type: 'progress', progress: null },
    ];
    for (const event of events) for (const listener of listeners) listener(event);
    await expect.poll(() => text.split('\n\n').filter((f) => f.startsWith('data: ')).length).toBe(2);
    const frames = text.split('\n\n').filter((f) => f.startsWith('data: '));
    expect(frames.map((f) => JSON.parse(f.slice(6)))).toEqual(events);
    res.destroy();
    await expect.poll(() => listeners.size).toBe(0);
  });

  it('refuses a stream asked for without the session, or from another page', async () => {
    const { authorization: _, ...noSession } = own();
    expect((await open(noSession)).statusCode).toBe(401);
    const { 'x-bangfu-bridge': __, ...noHeader } = own();
    expect((await open(noHeader)).statusCode).toBe(403);
    expect((await open({ ...own(), origin: 'http://127.0.0.1:1' })).statusCode).toBe(403);
    expect(listeners.size).toBe(0);
  });
});
