import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../electron/shared/errors';
import type { BundleReport, InboxEntry } from '../../electron/shared/schemas/sync';
import { requireIdentity, type ServiceContext } from '../services/context';
import { MAX_BUNDLE_BYTES } from '../../electron/shared/schemas/sync';
import { importBundle, inspectBundle, INBOX_SETTING, readSetting } from './service';

// The department's inbox: a folder (a network share, a directory a WebDAV or cloud client fills) it looks
// at on a timer. Each new or changed .bfb file gets the same dry run as a file picked by hand, and waits
// for a person to apply it. Files are only ever read: imported or refused, they stay where they were.

interface InboxRow {
  path: string;
  size: number;
  mtime: number;
  state: InboxEntry['state'];
  message: string | null;
  report: string | null;
  seen_at: number;
}

const isBundleName = (name: string) => /\.bfb$/i.test(name) && !name.startsWith('.');

export const listInbox = (ctx: ServiceContext): InboxEntry[] => {
  requireIdentity(ctx);
  return (
    ctx.store.read.sqlite
      .prepare('SELECT * FROM inbox_files ORDER BY seen_at DESC LIMIT 500')
      .all() as InboxRow[]
  ).map((r) => ({
    path: r.path,
    fileName: r.path.split(/[\\/]/).pop() ?? r.path,
    state: r.state,
    message: r.message,
    report: r.report ? (JSON.parse(r.report) as BundleReport) : null,
    seenAt: r.seen_at,
  }));
};

const record = (ctx: ServiceContext, row: Omit<InboxRow, 'seen_at'>) =>
  ctx.store.tx((w) =>
    w.sqlite
      .prepare(
        `INSERT INTO inbox_files (path, size, mtime, bundle_id, state, message, report, seen_at)
         VALUES (@path, @size, @mtime, @bundle, @state, @message, @report, @now)
         ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime,
           bundle_id = excluded.bundle_id, state = excluded.state, message = excluded.message,
           report = excluded.report, seen_at = excluded.seen_at`,
      )
      .run({
        ...row,
        bundle: row.report ? (JSON.parse(row.report) as BundleReport).bundleId : null,
        now: w.now(),
      }),
  );

/** Inspects every bundle file that is new or changed since it was last looked at. */
export const scanInbox = async (ctx: ServiceContext): Promise<InboxEntry[]> => {
  if (requireIdentity(ctx).mode !== 'department') return [];
  const folder = readSetting(ctx, INBOX_SETTING);
  if (!folder) return listInbox(ctx);
  let names: string[];
  try {
    names = readdirSync(folder).filter(isBundleName);
  } catch {
    throw new AppFailure('VALIDATION', `无法读取收件文件夹：${folder}（文件夹不存在或无权访问）`);
  }
  const known = ctx.store.read.sqlite.prepare('SELECT size, mtime FROM inbox_files WHERE path = ?');
  for (const name of names) {
    const path = join(folder, name);
    let size: number;
    let mtime: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) continue;
      size = st.size;
      mtime = Math.floor(st.mtimeMs);
    } catch {
      continue;
    }
    const seen = known.get(path) as { size: number; mtime: number } | undefined;
    if (seen && seen.size === size && seen.mtime === mtime) continue;
    if (size > MAX_BUNDLE_BYTES) {
      record(ctx, { path, size, mtime, state: 'refused', message: '同步包过大', report: null });
      continue;
    }
    try {
      const report = await inspectBundle(ctx, readFileSync(path));
      record(ctx, {
        path,
        size,
        mtime,
        state: report.alreadyImported ? 'imported' : 'ready',
        message: null,
        report: JSON.stringify(report),
      });
    } catch (e) {
      record(ctx, { path, size, mtime, state: 'refused', message: (e as Error).message, report: null });
    }
  }
  return listInbox(ctx);
};

/** Applies an inbox file the person confirmed; only files the inbox listed can be named. */
export const importFromInbox = async (
  ctx: ServiceContext,
  path: string,
  confirmFingerprint?: string,
): Promise<BundleReport> => {
  const row = ctx.store.read.sqlite.prepare('SELECT * FROM inbox_files WHERE path = ?').get(path) as
    InboxRow | undefined;
  if (!row) throw new AppFailure('NOT_FOUND', '收件箱中没有该文件，请刷新');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new AppFailure('NOT_FOUND', '该文件已不在收件文件夹中');
  }
  const report = await importBundle(ctx, bytes, confirmFingerprint);
  const st = statSync(path);
  record(ctx, {
    path,
    size: st.size,
    mtime: Math.floor(st.mtimeMs),
    state: 'imported',
    message: null,
    report: JSON.stringify(report),
  });
  return report;
};
