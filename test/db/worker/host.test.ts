import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type ServedApp } from '../../../db/app';
import { openAppInWorker } from '../../../db/worker/host';
import type { KeyStore } from '../../../db/sync/keystore';
import type { SecretStore } from '../../../db/sync/secrets';
import type { AppEvent, Input, Method, Output } from '../../../electron/shared/contract';
import { AppFailure, type AppError } from '../../../electron/shared/errors';
import { fixedClock, openTestApp, tempDir } from '../../helpers/db';

// The store in a worker thread, as both shells now run it: calls, answers, pushed progress, and the asks
// the worker makes of the host (key store, secrets, clock, log, printer) across the thread boundary.

const opened: ServedApp[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const clean of cleanups.splice(0)) clean();
});

const inWorker = async (opts: Partial<Parameters<typeof openAppInWorker>[0]> = {}) => {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const app = await openAppInWorker({ dataDir: tmp.dir, appVersion: '0.0.0-test', ...opts });
  opened.push(app);
  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const res = await app.invoke(method, input);
    if (!res.ok) throw new Error(`${method} failed: ${JSON.stringify(res.error)}`);
    return res.value as Output<M>;
  };
  return { app, call, dir: tmp.dir };
};

const SITE = {
  mode: 'site' as const,
  siteName: '揭阳职院',
  institution: { name: '揭阳职业技术学院', kind: '高职院校' as const },
};

/** Kept on the host's thread, as Electron's safeStorage stores must be. */
const hostKeyStore = () => {
  const saved: string[] = [];
  const store: KeyStore = {
    protection: 'os-keychain',
    load: () => saved.at(-1) ?? null,
    save: (pem) => void saved.push(pem),
  };
  return { store, saved };
};

const hostSecrets = () => {
  const kept = new Map<string, string>();
  const store: SecretStore = {
    protection: 'os-keychain',
    get: (name) => kept.get(name) ?? null,
    set: (name, value) => void kept.set(name, value),
    delete: (name) => void kept.delete(name),
  };
  return { store, kept };
};

describe('the store in a worker thread', () => {
  it('answers calls, keeping the device key and saved passwords in the host’s stores', async () => {
    const keys = hostKeyStore();
    const secrets = hostSecrets();
    const { call } = await inWorker({ keyStore: keys.store, secrets: secrets.store });
    const status = await call('app.setup', SITE);
    expect(status).toMatchObject({ initialized: true, mode: 'site', siteName: '揭阳职院' });
    expect(keys.saved).toHaveLength(1);
    expect(keys.saved[0]).toContain('PRIVATE KEY');
    const [target] = await call('delivery.saveTarget', {
      kind: 'webdav',
      label: '教育厅 WebDAV',
      location: 'https://dav.example.cn/bangfu',
      username: 'jieyang',
      password: '口令-123',
    });
    expect([...secrets.kept.entries()]).toEqual([[target!.id, '口令-123']]);
    expect(target!.hasPassword).toBe(true);
  });

  it('passes a host store’s refusal back as the same typed error', async () => {
    const refusing: KeyStore = {
      protection: 'os-keychain',
      load: () => null,
      save: () => {
        throw new AppFailure('INTERNAL', '系统密钥环不可用，无法加密保存本设备的私钥');
      },
    };
    const { app } = await inWorker({ keyStore: refusing });
    expect(await app.invoke('app.setup', SITE)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '系统密钥环不可用，无法加密保存本设备的私钥' },
    });
  });

  it('stamps with the host’s clock and reports to the host’s log', async () => {
    const clock = fixedClock(Date.UTC(2026, 2, 1, 9, 30));
    const logged: AppError[] = [];
    const { call } = await inWorker({ wallClock: clock, log: (e) => logged.push(e) });
    await call('app.setup', SITE);
    const before = await call('backups.list', {});
    expect(before.lastScheduledAt).toBeNull();
    await call('backups.runScheduled', {});
    expect((await call('backups.list', {})).lastScheduledAt).toBe(Date.UTC(2026, 2, 1, 9, 30));
    expect(logged).toEqual([]);
  });

  it('prints PDFs with the host’s printer, and says so when the host has none', async () => {
    const { app, call } = await inWorker();
    await call('app.setup', SITE);
    const [supporter] = await call('institutions.list', {});
    const receiver = await call('institutions.create', { name: '普宁市教育局', kind: '教育局' });
    const agreement = await call('agreements.create', {
      title: '结对帮扶协议（2021—2025 年）',
      programType: '基础教育帮扶',
      deliveryMode: '一对一',
      documentForm: '协议',
      periodStart: '2021',
      periodEnd: '2025',
      status: '执行中',
      parties: [
        { institutionId: supporter!.id, role: '支援方' },
        { institutionId: receiver.id, role: '受援方' },
      ],
      phases: [],
    });
    const key = { agreementId: agreement.id, month: '2026-03' };
    await call('plans.create', key);
    const refused = await app.invoke('reports.planPdf', key);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    const targets: unknown[] = [];
    app.setPrinter({
      print: async (target) => {
        targets.push(target);
        return new TextEncoder().encode('%PDF-1.7 计划');
      },
    });
    const pdf = await call('reports.planPdf', key);
    expect(targets).toEqual([{ kind: 'plan', ...key }]);
    expect(Buffer.from(pdf.dataBase64, 'base64').toString()).toBe('%PDF-1.7 计划');
    app.setPrinter({
      print: async () => {
        throw new AppFailure('INTERNAL', '打印超时：打印页面没有在规定时间内准备好');
      },
    });
    expect(await app.invoke('reports.planPdf', key)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: '打印超时：打印页面没有在规定时间内准备好' },
    });
  });

  it('answers reads during a long import from the last commit, holds writes until it ends, and pushes its progress in order', async () => {
    const site = await openTestApp();
    cleanups.push(() => site.close());
    const [supporter] = await site.call('institutions.list', {});
    const receiver = await site.call('institutions.create', { name: '普宁市教育局', kind: '教育局' });
    const { id: agreementId } = await site.call('agreements.create', {
      title: '结对帮扶协议',
      programType: '基础教育帮扶',
      deliveryMode: '一对一',
      documentForm: '协议',
      periodStart: '2021',
      periodEnd: '2025',
      status: '执行中',
      parties: [
        { institutionId: supporter!.id, role: '支援方' },
        { institutionId: receiver.id, role: '受援方' },
      ],
      phases: [],
    });
    // Three chunks of activities, so the import yields between them.
    for (let i = 0; i < 12; i++) {
      const activities = Array.from({ length: 1000 }, (_, j) => ({
        agreementId,
        type: '培训' as const,
        title: `教师培训（第${i * 1000 + j + 1}期）`,
        startDate: '2023-12-14',
      }));
      await site.call('activities.createBatch', { activities });
    }
    const bundle = await site.call('sync.export', {});
    const { app: dept, call } = await inWorker();
    await call('app.setup', {
      mode: 'department',
      siteName: '教育厅',
      institution: { name: '广东省教育厅', kind: '政府部门' },
    });
    const file = { fileName: 'site.bfb', dataBase64: bundle.dataBase64 };
    const { fingerprint } = await call('sync.inspect', file);

    const events: AppEvent[] = [];
    const order: string[] = [];
    let midway: () => void = () => undefined;
    const reachedMidway = new Promise<void>((resolve) => (midway = resolve));
    dept.onEvent((event) => {
      events.push(event);
      if (event.progress && event.progress.done > 0 && event.progress.done < event.progress.total) midway();
    });
    const importing = call('sync.import', { ...file, confirmFingerprint: fingerprint }).then((r) => {
      order.push('import');
      return r;
    });
    await reachedMidway;
    const writing = call('institutions.create', { name: '和田地区职业技术学院', kind: '高职院校' }).then(() =>
      order.push('write'),
    );
    const during = await call('activities.list', {});
    order.push('read');
    const report = await importing;
    await writing;

    expect(order).toEqual(['read', 'import', 'write']);
    expect(during.total).toBe(0);
    expect(report.summary.new).toBe(bundle.records);
    expect((await call('activities.list', {})).total).toBe(12_000);
    const progress = events.map((e) => e.progress);
    expect(progress.at(-1)).toBeNull();
    const moving = progress.filter((p) => p !== null && p.task === 'import');
    expect(moving.length).toBeGreaterThan(2);
    expect(new Set(moving.map((p) => p!.total))).toEqual(new Set([bundle.records]));
    const done = moving.map((p) => p!.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  }, 480_000);

  it('rejects with the store’s own typed Chinese error when the worker cannot open the database', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    writeFileSync(join(tmp.dir, 'bangfu-ledger.sqlite'), '这不是数据库文件，而是一段文字。'.repeat(10));
    const refused = openAppInWorker({ dataDir: tmp.dir, appVersion: '0.0.0-test' });
    await expect(refused).rejects.toBeInstanceOf(AppFailure);
    await expect(refused).rejects.toMatchObject({ code: 'DB_CORRUPT' });
  });

  it('closes in order: calls after closing are refused, and the folder opens again at once', async () => {
    const { app, call, dir } = await inWorker({ background: true });
    await call('app.setup', SITE);
    opened.splice(opened.indexOf(app), 1);
    // Quitting takes the day's backup first, then closes the store and releases the folder.
    await app.quit();
    expect(readdirSync(join(dir, 'backups')).some((f) => f.includes('.auto.'))).toBe(true);
    expect(await app.invoke('app.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const again = await openApp({ dataDir: dir, appVersion: '0.0.0-test' });
    again.close();
    expect(existsSync(join(dir, 'bangfu-ledger.lock'))).toBe(false);
  });

  it('answers every waiting and later call with a typed Chinese error when the worker stops', async () => {
    const app = await openAppInWorker({
      dataDir: '/nowhere',
      appVersion: '0.0.0-test',
      workerFile: join(import.meta.dirname, '../../helpers/stoppingWorker.mjs'),
    });
    const waiting = await Promise.all([app.invoke('app.status', {}), app.invoke('agreements.list', {})]);
    for (const res of [...waiting, await app.invoke('app.status', {})]) {
      expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect((res as { error: AppError }).error.message).toContain('数据服务意外停止');
    }
    await app.close();
  });
});
