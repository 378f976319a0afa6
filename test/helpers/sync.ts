import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../db/sync/bundle/canonical';
import { openTestApp, type TestApp } from './db';

// Moving bundles between test installations as a coordinator would: export, inspect, confirm on first
// sight, import.

export const openDepartment = async (opts: { dir?: string } = {}): Promise<TestApp> => {
  const t = await openTestApp({ ...opts, setup: false });
  await t.call('app.setup', {
    mode: 'department',
    siteName: '广东省教育厅职成处',
    institution: { name: '广东省教育厅', kind: '政府部门' },
  });
  return t;
};

export const openSecondSite = async (): Promise<TestApp> => {
  const t = await openTestApp({ setup: false });
  await t.call('app.setup', {
    mode: 'site',
    siteName: '普宁职校',
    institution: { name: '普宁市职业技术学校', kind: '中职学校' },
  });
  return t;
};

export const deviceOf = async (t: TestApp) => (await t.call('app.status', {})).deviceId!;

export const exportFrom = async (
  t: TestApp,
  input: { full?: boolean; to?: string; encrypt?: boolean; deliver?: boolean } = {},
) => {
  const out = await t.call('sync.export', input);
  return { ...out, bytes: Buffer.from(out.dataBase64, 'base64') };
};

export const bundleFile = (bytes: Buffer, confirmFingerprint?: string) => ({
  fileName: '揭阳职院.bfb',
  dataBase64: bytes.toString('base64'),
  ...(confirmFingerprint ? { confirmFingerprint } : {}),
});

/** Imports a bundle, confirming the sender's fingerprint as a person reading it off the report would. */
export const importInto = async (t: TestApp, bytes: Buffer) =>
  t.call('sync.import', bundleFile(bytes, (await t.call('sync.inspect', bundleFile(bytes))).fingerprint));

/** One round: the site's bundle to the department, and the department's answer back. */
export const exchange = async (site: TestApp, dept: TestApp) => {
  const up = await importInto(dept, (await exportFrom(site)).bytes);
  const back = await importInto(site, (await exportFrom(dept, { to: await deviceOf(site) })).bytes);
  return { up, back };
};

/** A new PC joining the college of `maker` with a join file it (or the department, for `siteId`) made. */
export const joinFrom = async (maker: TestApp, siteId?: string, opts: { dir?: string } = {}) => {
  const file = await maker.call('sync.exportJoin', siteId ? { siteId } : {});
  const pc = await openTestApp({ ...opts, setup: false });
  const joinFile = { fileName: file.fileName, dataBase64: file.dataBase64 };
  const preview = await pc.call('app.joinPreview', joinFile);
  await pc.call('app.join', { ...joinFile, confirmFingerprint: preview.fingerprint });
  return { pc, preview };
};

/** Every table's rows, local bookkeeping included: a refused bundle must leave all of it as it was. */
export const wholeDump = (db: Database.Database): string => {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const t of tables)
    for (const row of db.prepare(`SELECT * FROM "${t}"`).iterate()) hash.update(canonicalJson(row));
  return hash.digest('hex');
};
