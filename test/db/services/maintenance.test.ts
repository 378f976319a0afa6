import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT } from '../../../db/services/maintenance';
import { fixedClock, openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

let t: TestApp;
let clock: ReturnType<typeof fixedClock>;
beforeEach(async () => {
  clock = fixedClock();
  t = await openTestApp({ wallClock: clock });
});
afterEach(() => t.close());

describe('maintenance', () => {
  it('reports a healthy database from the full integrity check', async () => {
    await seedAgreement(t);
    expect(await t.call('maintenance.integrityCheck', {})).toEqual({ ok: true, problems: [] });
  });

  it('makes an online backup that opens, passes integrity_check and holds the data', async () => {
    const { agreement } = await seedAgreement(t);
    const { file, size } = await t.call('maintenance.backup', {});
    expect(size).toBeGreaterThan(0);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT title FROM agreements WHERE id = ?').pluck().get(agreement.id)).toBe(
        agreement.title,
      );
    } finally {
      db.close();
    }
  });

  it(`keeps only the newest ${BACKUPS_KEPT} manual backups`, async () => {
    for (let i = 0; i < BACKUPS_KEPT + 3; i++) {
      clock.advance(60_000);
      await t.call('maintenance.backup', {});
    }
    const files = readdirSync(join(t.dir, 'backups')).filter((f) => f.includes('.manual.'));
    expect(files).toHaveLength(BACKUPS_KEPT);
  });
});
