import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../helpers/db';

let t: TestApp;
afterEach(() => t.close());

describe('API dispatcher', () => {
  beforeEach(async () => {
    t = await openTestApp({ setup: false });
  });

  it('answers an unknown method with a typed error instead of throwing', async () => {
    expect(await t.app.invoke('db.exec', { sql: 'DROP TABLE agreements' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await t.app.invoke('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it('refuses writes before first-run setup with a Chinese explanation', async () => {
    const res = await t.app.invoke('institutions.create', { name: '揭阳职业技术学院', kind: '高职院校' });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'NOT_INITIALIZED', message: expect.stringMatching(/首次设置/) },
    });
  });

  it('sets up the device once: site, institution, key fingerprint', async () => {
    const status = await t.call('app.setup', {
      mode: 'department',
      siteName: '省教育厅职教处',
      institution: { name: '广东省教育厅', kind: '政府部门' },
    });
    expect(status).toMatchObject({
      initialized: true,
      mode: 'department',
      siteName: '省教育厅职教处',
      locale: 'zh-CN',
    });
    expect(status.keyFingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const again = await t.app.invoke('app.setup', {
      mode: 'site',
      siteName: 'x',
      institution: { name: 'y', kind: '企业' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });
  });

  it('keeps the private key out of the database, in a file only its owner can read', async () => {
    await t.call('app.setup', {
      mode: 'site',
      siteName: '揭阳职院',
      institution: { name: '揭阳职业技术学院', kind: '高职院校' },
    });
    const { statSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const keyFile = join(t.dir, 'device-key.pem');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const pem = readFileSync(keyFile, 'utf8');
    const body = pem.split('\n')[1]!;
    const dump = t.raw().prepare('SELECT group_concat(public_key) FROM device_state').pluck().get() as string;
    expect(dump).toMatch(/PUBLIC KEY/);
    expect(readFileSync(t.app.dbPath).includes(body)).toBe(false);
  });

  it('switches the interface language and remembers it', async () => {
    await t.call('app.setup', {
      mode: 'site',
      siteName: '揭阳职院',
      institution: { name: '揭阳职业技术学院', kind: '高职院校' },
    });
    expect((await t.call('settings.setLocale', { locale: 'en' })).locale).toBe('en');
    expect((await t.call('app.status', {})).locale).toBe('en');
    expect(await t.app.invoke('settings.setLocale', { locale: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('loads the seed 004 demo through the API, once', async () => {
    await t.call('app.setup', {
      mode: 'site',
      siteName: '揭阳职院',
      institution: { name: '揭阳职业技术学院', kind: '高职院校' },
      loadDemo: true,
    });
    const page = await t.call('agreements.list', { query: '普宁' });
    expect(page.total).toBe(1);
    const detail = await t.call('agreements.get', { id: page.rows[0]!.id });
    expect(detail.tasks.map((x) => x.name)).toContain('幼儿园教师学历提升工程');
    expect(detail.groups[0]).toMatchObject({ revisedOn: '2023-06-13' });
    expect(detail.groups[0]!.members.find((m) => m.role === '组长')!.name).toBe('罗恢远');
    const december = await t.call('plans.get', { agreementId: detail.id, month: '2023-12' });
    expect(december!.progress).toEqual({ planned: 2, done: 1, completionRate: 0.5 });
    expect((await t.call('plans.get', { agreementId: detail.id, month: '2023-04' }))!.status).toBe('已审核');
    const found = await t.call('activities.list', { query: '信息技术' });
    expect(found.rows.map((a) => [a.title, a.teachers, a.endDate])).toEqual([
      ['教师信息技术应用能力培训', 50, '2023-12-18'],
    ]);
    expect((await t.call('activities.list', {})).total).toBe(10);
    expect(await t.call('demo.load', {})).toEqual({ agreementId: detail.id, created: false });
    expect((await t.call('institutions.list', {})).map((i) => i.name).sort()).toEqual(
      ['揭阳职业技术学院', '普宁市教育局'].sort(),
    );
  });
});
