import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../db/client';
import { DB_FILE_NAME, KEY_FILE_NAME } from '../../db/paths';
import { installChangeTriggers } from '../../db/sync/triggers';
import { openTestApp, type TestApp } from './db';
import type { Input } from '../../electron/shared/contract';

// A fleet of installations for the convergence property: PCs of colleges and the department, each with a
// wall clock that can be set wrong, databases that can be snapshotted and rolled back, and the paper trail
// of a coordinator (export, carry, import) between them.

export interface Pc {
  name: string;
  college: 'A' | 'B' | 'dept';
  dir: string;
  app: TestApp;
  /** Set when the PC died (replaced): it neither sends nor receives any more. */
  dead: boolean;
  /** How far this PC's clock is off, in ms. */
  skew: number;
  snapshot: string | null;
}

const SENT_FILE = 'sync-sent.json';

export class Fleet {
  readonly pcs: Pc[] = [];
  private made = 0;

  constructor(
    private readonly root: string,
    readonly base: { (): number; advance(ms: number): void },
  ) {}

  private clockOf = (pc: () => { skew: number }) => () => this.base() + pc().skew;

  async open(name: string, college: Pc['college'], dir: string): Promise<Pc> {
    const pc: Omit<Pc, 'app'> & { app?: TestApp } = {
      name,
      college,
      dir,
      dead: false,
      skew: 0,
      snapshot: null,
    };
    pc.app = await openTestApp({ dir, setup: false, wallClock: this.clockOf(() => pc) });
    this.pcs.push(pc as Pc);
    return pc as Pc;
  }

  /** The two colleges' first PCs (A1, B1) and the department, each set up, in folders named after them. */
  async setUpPlaces(): Promise<{ a1: Pc; b1: Pc; dept: Pc }> {
    const place = async (name: string, college: Pc['college'], setup: Input<'app.setup'>) => {
      const pc = await this.open(name, college, join(this.root, name));
      await pc.app.call('app.setup', setup);
      return pc;
    };
    return {
      a1: await place('A1', 'A', {
        mode: 'site',
        siteName: '揭阳职院',
        institution: { name: '揭阳职业技术学院', kind: '高职院校' },
      }),
      b1: await place('B1', 'B', {
        mode: 'site',
        siteName: '普宁职校',
        institution: { name: '普宁市职业技术学校', kind: '中职学校' },
      }),
      dept: await place('D', 'dept', {
        mode: 'department',
        siteName: '教育厅',
        institution: { name: '广东省教育厅', kind: '政府部门' },
      }),
    };
  }

  /** A new folder for a PC that has not been set up yet. */
  freshDir(): string {
    this.made++;
    return join(this.root, `new-${this.made}`);
  }

  live(college?: Pc['college']): Pc[] {
    return this.pcs.filter((p) => !p.dead && p.college !== 'dept' && (!college || p.college === college));
  }

  dept(): Pc {
    return this.pcs.find((p) => p.college === 'dept')!;
  }

  /** A consistent copy of the database (online backup), with the key and the sent-marks as they are now. */
  async takeSnapshot(pc: Pc): Promise<void> {
    const to = join(this.root, `snap-${pc.name}-${++this.made}`);
    mkdirSync(to, { recursive: true });
    const { file } = await pc.app.call('maintenance.backup', {});
    copyFileSync(file, join(to, DB_FILE_NAME));
    for (const f of [KEY_FILE_NAME, SENT_FILE])
      if (existsSync(join(pc.dir, f))) copyFileSync(join(pc.dir, f), join(to, f));
    pc.snapshot = to;
  }

  /**
   * Rolls a PC back to its snapshot: the database file alone (as the corrupt-database message advises), or
   * the whole folder copied in by hand (key and sent-marks as they were then).
   */
  async rollBack(pc: Pc, wholeFolder: boolean): Promise<void> {
    if (!pc.snapshot) return;
    pc.app.close();
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(pc.dir, `${DB_FILE_NAME}${suffix}`), { force: true });
    copyFileSync(join(pc.snapshot, DB_FILE_NAME), join(pc.dir, DB_FILE_NAME));
    if (wholeFolder)
      for (const f of [KEY_FILE_NAME, SENT_FILE]) {
        rmSync(join(pc.dir, f), { force: true });
        if (existsSync(join(pc.snapshot, f))) copyFileSync(join(pc.snapshot, f), join(pc.dir, f));
      }
    pc.app = await openTestApp({ dir: pc.dir, setup: false, wallClock: this.clockOf(() => pc) });
  }

  /** A write the app would refuse (another college's record), made as a build without the check would. */
  async forge(pc: Pc, sql: string, ...params: unknown[]): Promise<void> {
    const s = await openStore(pc.app.app.dbPath, { wallClock: this.clockOf(() => pc) });
    try {
      s.attachClock((await pc.app.call('app.status', {})).deviceId!);
      s.write.sqlite.exec('DROP TRIGGER "bf_activities_owner_update"');
      try {
        s.tx((w) => w.sqlite.prepare(sql).run(...params));
      } finally {
        installChangeTriggers(s.write.sqlite);
      }
    } finally {
      s.close();
    }
  }

  closeAll(): void {
    for (const p of this.pcs) if (!p.dead) p.app.close();
  }

  static copy(from: string, to: string): void {
    cpSync(from, to, { recursive: true });
  }
}
