import { describe, expect, it } from 'vitest';
import { Gate } from '../../../db/api/registry';
import { contract, METHODS, type Access } from '../../../electron/shared/contract';
import { openTestApp } from '../../helpers/db';

// Who runs beside whom, from the access each method declares in the contract.

const settle = () => new Promise((r) => setImmediate(r));

const started = (gate: Gate, access: Access, log: string[], name: string) => {
  const entered = gate.enter(access).then(() => log.push(name));
  return { entered, leave: () => gate.leave(access) };
};

describe('the dispatcher’s gate', () => {
  it('lets reads through while a call runs alone, and holds writes until it leaves', async () => {
    const gate = new Gate();
    const log: string[] = [];
    const importing = started(gate, 'alone', log, 'import');
    await importing.entered;
    const reading = started(gate, 'read', log, 'read');
    const writing = started(gate, 'write', log, 'write');
    await reading.entered;
    await settle();
    expect(log).toEqual(['import', 'read']);
    importing.leave();
    await writing.entered;
    expect(log).toEqual(['import', 'read', 'write']);
  });

  it('starts an exclusive call only when reads and writes are done, and lets nothing in meanwhile', async () => {
    const gate = new Gate();
    const log: string[] = [];
    const reading = started(gate, 'read', log, 'read');
    await reading.entered;
    const restoring = started(gate, 'exclusive', log, 'restore');
    const later = started(gate, 'read', log, 'later read');
    await settle();
    expect(log).toEqual(['read']);
    reading.leave();
    await restoring.entered;
    await settle();
    expect(log).toEqual(['read', 'restore']);
    restoring.leave();
    await later.entered;
    expect(log).toEqual(['read', 'restore', 'later read']);
  });

  it('does not let a stream of writes starve a call waiting to run alone', async () => {
    const gate = new Gate();
    const log: string[] = [];
    const first = started(gate, 'write', log, 'write 1');
    await first.entered;
    const importing = started(gate, 'alone', log, 'import');
    const second = started(gate, 'write', log, 'write 2');
    await settle();
    first.leave();
    await importing.entered;
    await settle();
    expect(log).toEqual(['write 1', 'import']);
    importing.leave();
    await second.entered;
  });
});

describe('rules declared in the contract', () => {
  it('runs bundle imports alone and a restore exclusively; everything else defaults to a write', () => {
    expect(contract['sync.import'].access).toBe('alone');
    expect(contract['inbox.import'].access).toBe('alone');
    expect(contract['backups.restore'].access).toBe('exclusive');
    expect(contract['activities.list'].access).toBe('read');
    expect(contract['activities.create']).toMatchObject({ access: 'write', setup: 'none' });
    for (const m of METHODS) expect(['read', 'write', 'alone', 'exclusive']).toContain(contract[m].access);
  });

  it('refuses a method that needs setup before its handler runs, with the Chinese explanation', async () => {
    const t = await openTestApp({ setup: false });
    try {
      const required = METHODS.filter((m) => contract[m].setup === 'required');
      expect(required).toContain('institutions.list');
      for (const m of ['institutions.list', 'agreements.list', 'sync.settings'] as const)
        expect(await t.app.invoke(m, {})).toMatchObject({ ok: false, error: { code: 'NOT_INITIALIZED' } });
    } finally {
      t.close();
    }
  });
});
