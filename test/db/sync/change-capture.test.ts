import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/client';
import {
  changes,
  fixedClock,
  maxSeq,
  openTestApp,
  seedAgreement,
  tempDir,
  type TestApp,
} from '../../helpers/db';
import { join } from 'node:path';

let t: TestApp;
let clock: ReturnType<typeof fixedClock>;
beforeEach(async () => {
  clock = fixedClock();
  t = await openTestApp({ wallClock: clock });
});
afterEach(() => t.close());

const store = () => (t.app as unknown as { dbPath: string }).dbPath;

describe('change capture', () => {
  it('records a raw SQL write made on the app connection, with seq, hlc and owner', async () => {
    const { agreement } = await seedAgreement(t);
    const s = await openStore(store());
    try {
      s.attachClock((await t.call('app.status', {})).deviceId!);
      const before = maxSeq(s.write.sqlite);
      s.write.sqlite.prepare("UPDATE agreements SET status = '已完成' WHERE id = ?").run(agreement.id);
      const recorded = changes(s.write.sqlite, before);
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({
        seq: before + 1,
        tbl: 'agreements',
        row_id: agreement.id,
        op: 'u',
        device_no: 1,
      });
      expect(JSON.parse(recorded[0]!.data)).toEqual({ status: '已完成' });
    } finally {
      s.close();
    }
  });

  it('refuses writes to synced tables from a connection without the app’s functions', async () => {
    const { agreement } = await seedAgreement(t);
    const stray = new Database(store());
    try {
      expect(() =>
        stray.prepare("UPDATE agreements SET status = '已完成' WHERE id = ?").run(agreement.id),
      ).toThrow(/bf_hlc|no such function/);
    } finally {
      stray.close();
    }
  });

  it('refuses synced writes before the device exists', async () => {
    const { dir, cleanup } = tempDir();
    const s = await openStore(join(dir, 'x.sqlite'));
    try {
      expect(() =>
        s.write.sqlite
          .prepare(
            "INSERT INTO institutions (id, created_at, updated_at, owner_site, name, kind) VALUES ('i', 1, 1, 's', 'n', '企业')",
          )
          .run(),
      ).toThrow(/device not initialised/);
    } finally {
      s.close();
      cleanup();
    }
  });

  it('never hard-deletes a synced row', async () => {
    const { agreement } = await seedAgreement(t);
    const s = await openStore(store());
    try {
      expect(() => s.write.sqlite.prepare('DELETE FROM agreements WHERE id = ?').run(agreement.id)).toThrow(
        /never hard-deleted/,
      );
    } finally {
      s.close();
    }
  });

  it('writes a create as one transaction: rows and their change records share one tx group', async () => {
    const before = maxSeq(t.raw());
    const { agreement } = await seedAgreement(t);
    const recorded = changes(t.raw(), before);
    const create = recorded.filter((c) => c.tx === recorded.find((r) => r.row_id === agreement.id)!.tx);
    expect(create.map((c) => c.tbl)).toEqual(['agreements', 'agreement_parties', 'agreement_parties']);
    expect(create.every((c) => c.op === 'i')).toBe(true);
    const seqs = recorded.map((c) => c.seq);
    expect(seqs).toEqual(seqs.map((_, i) => before + 1 + i));
    const insert = JSON.parse(create[0]!.data) as Record<string, unknown>;
    expect(insert).toMatchObject({
      title: agreement.title,
      budget_fen: 21000000,
      owner_site: expect.any(String),
    });
    expect(insert).not.toHaveProperty('id');
  });

  it('records only the changed columns of an update, and nothing for an unchanged save', async () => {
    const { agreement } = await seedAgreement(t);
    const detail = await t.call('agreements.get', { id: agreement.id });
    const input = {
      id: detail.id,
      title: detail.title,
      programType: detail.programType,
      deliveryMode: detail.deliveryMode,
      documentForm: detail.documentForm,
      periodStart: detail.periodStart,
      periodEnd: detail.periodEnd,
      status: detail.status,
      budgetYuan: detail.budgetYuan,
      parties: detail.parties.map((p) => ({
        id: p.id,
        institutionId: p.institutionId,
        role: p.role,
        major: p.major,
      })),
      phases: [],
    };
    const before = maxSeq(t.raw());
    await t.call('agreements.update', input);
    expect(changes(t.raw(), before)).toHaveLength(0);
    clock.advance(60_000);
    await t.call('agreements.update', { ...input, status: '已完成', budgetYuan: 250000.5 });
    const recorded = changes(t.raw(), before);
    expect(recorded).toHaveLength(1);
    expect(Object.keys(JSON.parse(recorded[0]!.data)).sort()).toEqual(['budget_fen', 'status', 'updated_at']);
  });

  it('leaves nothing behind — rows, change records or seq — when a transaction fails midway', async () => {
    const { agreement } = await seedAgreement(t);
    const raw = t.raw();
    const seqBefore = maxSeq(raw);
    const tasksBefore = raw.prepare('SELECT count(*) FROM tasks').pluck().get();
    const counter = () => raw.prepare('SELECT seq FROM device_state').pluck().get();
    const counterBefore = counter();
    const good = { name: '培训', category: '师资培训', year: 2023, status: '进行中' } as const;
    // The second row is valid to the schema but breaks a constraint in the database: the whole batch fails.
    const s = await openStore(store());
    try {
      s.attachClock((await t.call('app.status', {})).deviceId!);
      expect(() =>
        s.tx((w) => {
          w.sqlite
            .prepare(
              `INSERT INTO tasks (id, created_at, updated_at, owner_site, agreement_id, name, category, year, status, sort)
               VALUES ('t-ok', 1, 1, (SELECT site_id FROM device_state), ?, ?, ?, ?, ?, 0)`,
            )
            .run(agreement.id, good.name, good.category, good.year, good.status);
          w.sqlite
            .prepare(
              `INSERT INTO tasks (id, created_at, updated_at, owner_site, agreement_id, name, category, year, status, sort)
               VALUES ('t-bad', 1, 1, (SELECT site_id FROM device_state), 'no-such-agreement', 'x', 'x', 2023, 'x', 1)`,
            )
            .run();
        }),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      s.close();
    }
    expect(maxSeq(raw)).toBe(seqBefore);
    expect(raw.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(tasksBefore);
    expect(counter()).toBe(counterBefore);
  });

  it('keeps seq gapless after a refused write', async () => {
    const { agreement } = await seedAgreement(t);
    const before = maxSeq(t.raw());
    const bad = await t.app.invoke('tasks.create', {
      agreementId: agreement.id,
      name: '',
      category: '师资培训',
      year: 2023,
      status: '进行中',
    });
    expect(bad.ok).toBe(false);
    await t.call('tasks.create', {
      agreementId: agreement.id,
      name: '培训',
      category: '师资培训',
      year: 2023,
      status: '进行中',
    });
    expect(changes(t.raw(), before).map((c) => c.seq)).toEqual([before + 1]);
  });

  it('stamps every change with an increasing hybrid logical clock even when the wall clock stands still', async () => {
    const { agreement } = await seedAgreement(t);
    await t.call('tasks.createBatch', {
      agreementId: agreement.id,
      tasks: Array.from({ length: 30 }, (_, i) => ({
        name: `项目${i}`,
        category: '师资培训',
        year: 2023,
        status: '进行中',
      })),
    });
    const hlcs = changes(t.raw()).map((c) => c.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
  });
});
