import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../scripts/serve';
import { openTestApp, tempDir, type TestApp } from '../helpers/db';
import { launchChromium } from '../helpers/browser';

// Issue 13, item 1: a page served from another port of 127.0.0.1 is the same site as the bridge, so the
// browser sends it the bridge's SameSite=Strict cookie. It must still not be able to run anything.

let browser: Browser;
/** A browser that opened the app, so it holds the session cookie. */
let context: BrowserContext;
let t: TestApp;
let bridge: Bridge;
let evil: Server;
let evilUrl: string;
const tmp = tempDir();

beforeAll(async () => {
  browser = await launchChromium();
  t = await openTestApp();
  const www = join(tmp.dir, 'www');
  mkdirSync(www, { recursive: true });
  writeFileSync(join(www, 'index.html'), '<!doctype html><title>帮扶台账</title>');
  bridge = await startBridge({ dataDir: t.dir, staticDir: www, app: t.app });
  evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>另一个本机网页</title><iframe name="sink"></iframe>');
  });
  await new Promise<void>((ok) => evil.listen(0, '127.0.0.1', ok));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(bridge.url);
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await page.close();
});
afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await new Promise((ok) => evil?.close(ok));
  t?.close();
  tmp.cleanup();
});

const institutionNames = async () =>
  (await t.call('institutions.list', {})).map((i) => i.name).filter((n) => n.includes('伪造'));

const create = (name: string) =>
  JSON.stringify({ method: 'institutions.create', input: { name, kind: '高职院校' } });

/** The same browser on a page from another local port. */
const attacker = async (): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(evilUrl);
  return page;
};

describe('the web bridge against pages on other local ports', () => {
  it('runs nothing sent by a no-cors text/plain fetch, a text/plain form post or an image ping', async () => {
    const page = await attacker();
    const api = new URL('/api/invoke', bridge.url).href;
    await page.evaluate(
      async ({ api, body }) => {
        await fetch(api, {
          method: 'POST',
          mode: 'no-cors',
          credentials: 'include',
          headers: { 'content-type': 'text/plain' },
          body,
        });
      },
      { api, body: create('fetch 伪造的机构') },
    );
    await page.evaluate(
      ({ api, name }) =>
        new Promise<void>((done) => {
          // A text/plain form sends `name=value`: the name holds the JSON, the value closes a dummy key.
          const form = document.createElement('form');
          Object.assign(form, { method: 'POST', action: api, enctype: 'text/plain', target: 'sink' });
          const field = document.createElement('input');
          field.name = `{"method":"institutions.create","input":{"name":"${name}","kind":"高职院校"},"x":"`;
          field.value = '"}';
          form.append(field);
          document.body.append(form);
          document.querySelector('iframe')!.addEventListener('load', () => done(), { once: true });
          form.submit();
        }),
      { api, name: '表单伪造的机构' },
    );
    await page.evaluate(
      ({ api, body }) =>
        new Promise<void>((done) => {
          const img = new Image();
          img.onload = img.onerror = () => done();
          img.src = `${api}?body=${encodeURIComponent(body)}`;
        }),
      { api, body: create('图片伪造的机构') },
    );
    // A fetch with the bridge's header needs a preflight, which the bridge never grants.
    const preflighted = await page.evaluate(
      async ({ api, body }) => {
        try {
          await fetch(api, {
            method: 'POST',
            credentials: 'include',
            headers: { 'content-type': 'application/json', 'x-bangfu-bridge': '1' },
            body,
          });
          return 'sent';
        } catch {
          return 'blocked';
        }
      },
      { api, body: create('预检伪造的机构') },
    );
    expect(preflighted).toBe('blocked');
    expect(await institutionNames()).toEqual([]);
    await page.close();
  });

  it('still runs the calls the bridge’s own page makes', async () => {
    const page = await context.newPage();
    await page.goto(new URL('/', bridge.url).href);
    const reply = await page.evaluate(
      async (body) =>
        (
          await fetch('/api/invoke', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-bangfu-bridge': '1' },
            body,
          })
        ).json() as Promise<{ ok: boolean }>,
      create('本页面登记的机构（非伪造）'),
    );
    expect(reply).toMatchObject({ ok: true });
    expect(await institutionNames()).toEqual(['本页面登记的机构（非伪造）']);
    await page.close();
  });
});
