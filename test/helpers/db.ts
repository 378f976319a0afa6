import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openApp, type AppHandle } from '../../db/app';
import type { Input, Method, Output } from '../../electron/shared/contract';

export const tempDir = (prefix = 'bangfu-test-'): { dir: string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

/** A wall clock that only moves when told, so timestamps in assertions are exact. */
export const fixedClock = (start = Date.UTC(2026, 0, 5, 8, 0, 0)) => {
  let t = start;
  const clock = () => t;
  clock.advance = (ms: number) => {
    t += ms;
  };
  return clock;
};

export interface TestApp {
  app: AppHandle;
  dir: string;
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  raw(): Database.Database;
  close(): void;
}

/** Calls through an app's one dispatcher and returns the value, or throws with the typed error. */
export const caller =
  (app: Pick<AppHandle, 'invoke'>): TestApp['call'] =>
  async (method, input) => {
    const res = await app.invoke(method, input);
    if (!res.ok) throw new Error(`${method} failed: ${JSON.stringify(res.error)}`);
    return res.value as never;
  };

export const openTestApp = async (
  opts: { dir?: string; wallClock?: () => number; setup?: boolean } = {},
): Promise<TestApp> => {
  const tmp = opts.dir ? null : tempDir();
  const dir = opts.dir ?? tmp!.dir;
  const app = await openApp({
    dataDir: dir,
    appVersion: '0.0.0-test',
    log: () => undefined,
    ...(opts.wallClock ? { wallClock: opts.wallClock } : {}),
  });
  const opened: Database.Database[] = [];
  const t: TestApp = {
    app,
    dir,
    call: caller(app),
    raw() {
      const db = new Database(app.dbPath, { readonly: true });
      opened.push(db);
      return db;
    },
    close() {
      for (const db of opened) db.close();
      app.close();
      tmp?.cleanup();
    },
  };
  if (opts.setup !== false) {
    await t.call('app.setup', {
      mode: 'site',
      siteName: '揭阳职院',
      institution: {
        name: '揭阳职业技术学院',
        shortName: '揭阳职院',
        kind: '高职院校',
        region: '广东省揭阳市',
      },
    });
  }
  return t;
};

export const seedAgreement = async (
  t: Pick<TestApp, 'call'>,
  overrides: Partial<Input<'agreements.create'>> = {},
) => {
  const supporter = (await t.call('institutions.list', { query: '揭阳职业技术学院' }))[0]!;
  const receiver = await t.call('institutions.create', {
    name: '普宁市教育局',
    kind: '教育局',
    region: '广东省普宁市',
  });
  const agreement = await t.call('agreements.create', {
    title: '结对帮扶协议（2021—2025 年）',
    programType: '基础教育帮扶',
    deliveryMode: '一对一',
    documentForm: '协议',
    periodStart: '2021',
    periodEnd: '2025',
    status: '执行中',
    budgetYuan: 210000,
    parties: [
      { institutionId: supporter.id, role: '支援方' },
      { institutionId: receiver.id, role: '受援方' },
    ],
    phases: [],
    ...overrides,
  });
  return { agreement, supporter, receiver };
};

export interface ChangeRow {
  device_no: number;
  seq: number;
  hlc: string;
  tx: number;
  tbl: string;
  row_id: string;
  op: string;
  data: string;
}

export const changes = (db: Database.Database, afterSeq = 0): ChangeRow[] =>
  db.prepare('SELECT * FROM change_log WHERE seq > ? ORDER BY seq').all(afterSeq) as ChangeRow[];

export const maxSeq = (db: Database.Database): number =>
  (db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number) ?? 0;

/** Registers closing after each test: `track(app)` returns the app, closed once the test is over. */
export const closedAfterEach = () => {
  const open: TestApp[] = [];
  afterEach(() => {
    for (const t of open.splice(0)) t.close();
  });
  return <T extends TestApp>(t: T): T => {
    open.push(t);
    return t;
  };
};
