import { existsSync, readFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { AppFailure } from '../../../electron/shared/errors';
import type { DeliveryTarget, OutboxEntry, TargetInput } from '../../../electron/shared/schemas/delivery';
import type { WriteDb } from '../../client';
import { requireIdentity, type ServiceContext } from '../../services/context';
import {
  DeliveryError,
  deliverToFolder,
  deliverToWebDav,
  dropFromOutbox,
  keepForOutbox,
  outboxFile,
} from './transports';

// The outbox (DESIGN.md section 3, delivery): each exported bundle waits here for each enabled target until
// it has arrived, retried with growing pauses. Nothing is concluded from a file being absent somewhere; a
// bundle leaves the outbox only when every target has confirmed it.

interface TargetRow {
  id: string;
  kind: 'folder' | 'webdav';
  label: string;
  location: string;
  username: string | null;
  enabled: number;
}

const FIRST_PAUSE_MS = 30_000;
const LONGEST_PAUSE_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min … up to an hour between tries. */
export const pauseAfter = (attempts: number): number =>
  Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.max(0, attempts - 1));

const targetRows = (ctx: ServiceContext) =>
  ctx.store.read.sqlite.prepare('SELECT * FROM delivery_targets ORDER BY created_at').all() as TargetRow[];

export const listTargets = (ctx: ServiceContext): DeliveryTarget[] => {
  requireIdentity(ctx);
  return targetRows(ctx).map((t) => ({
    id: t.id,
    kind: t.kind,
    label: t.label,
    location: t.location,
    username: t.username,
    enabled: t.enabled === 1,
    hasPassword: t.kind === 'webdav' && ctx.secrets.get(t.id) !== null,
  }));
};

export const saveTarget = (ctx: ServiceContext, input: TargetInput): DeliveryTarget[] => {
  requireIdentity(ctx);
  const id = input.id ?? uuidv7();
  const db = ctx.store.read.sqlite;
  if (input.id && !db.prepare('SELECT 1 FROM delivery_targets WHERE id = ?').get(input.id))
    throw new AppFailure('NOT_FOUND', '该发送目标不存在或已删除');
  // The password goes to the keychain first: a target is never saved pointing at a secret that failed.
  if (input.kind === 'webdav' && input.password) ctx.secrets.set(id, input.password);
  if (input.kind === 'folder') ctx.secrets.delete(id);
  ctx.store.tx((w) => {
    w.sqlite
      .prepare(
        `INSERT INTO delivery_targets (id, kind, label, location, username, enabled, created_at)
         VALUES (@id, @kind, @label, @location, @username, @enabled, @now)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, label = excluded.label,
           location = excluded.location, username = excluded.username, enabled = excluded.enabled`,
      )
      .run({
        id,
        kind: input.kind,
        label: input.label,
        location: input.location,
        username: input.kind === 'webdav' ? (input.username ?? null) : null,
        enabled: input.enabled ? 1 : 0,
        now: w.now(),
      });
    // New settings deserve a try now, not after the back-off earned by the old ones.
    w.sqlite
      .prepare("UPDATE outbox SET next_at = ? WHERE target_id = ? AND state <> 'delivered'")
      .run(w.now(), id);
  });
  return listTargets(ctx);
};

export const removeTarget = (ctx: ServiceContext, id: string): DeliveryTarget[] => {
  requireIdentity(ctx);
  // Only an id that exists reaches the password store, which accepts only the ids the app made.
  if (!ctx.store.read.sqlite.prepare('SELECT 1 FROM delivery_targets WHERE id = ?').get(id))
    throw new AppFailure('NOT_FOUND', '该发送目标不存在或已删除');
  ctx.store.tx((w) => {
    w.sqlite.prepare("DELETE FROM outbox WHERE target_id = ? AND state <> 'delivered'").run(id);
    w.sqlite.prepare('DELETE FROM delivery_targets WHERE id = ?').run(id);
  });
  ctx.secrets.delete(id);
  sweepFiles(ctx);
  return listTargets(ctx);
};

/** The targets a new bundle goes to; none is refused, so an export asked to deliver can check first. */
export const enabledTargets = (ctx: ServiceContext): TargetRow[] => {
  const targets = targetRows(ctx).filter((t) => t.enabled === 1);
  if (targets.length === 0)
    throw new AppFailure('VALIDATION', '尚未设置发送目标：请先在“发送目标”中添加文件夹或 WebDAV 服务器');
  return targets;
};

/**
 * Puts a freshly exported bundle in the outbox for every enabled target: its file first, flushed to the
 * disk; then `record`, inside the transaction that records the export, adds one entry per target. If that
 * transaction fails, `discard` takes the file back, so no half of an export is left behind.
 */
export const stageForOutbox = (ctx: ServiceContext, bundleId: string, fileName: string, bytes: Buffer) => {
  const targets = enabledTargets(ctx);
  keepForOutbox(ctx.dataDir, bundleId, bytes);
  return {
    count: targets.length,
    record: (w: WriteDb) => {
      const add = w.sqlite.prepare(
        `INSERT OR IGNORE INTO outbox (bundle_id, target_id, file_name, state, next_at, created_at)
         VALUES (?, ?, ?, 'waiting', ?, ?)`,
      );
      for (const t of targets) add.run(bundleId, t.id, fileName, w.now(), w.now());
    },
    discard: () => dropFromOutbox(ctx.dataDir, bundleId),
  };
};

/** Bundle files no longer waiting for any target are removed from the outbox folder. */
const sweepFiles = (ctx: ServiceContext) => {
  const done = ctx.store.read.sqlite
    .prepare(
      `SELECT bundle_id FROM outbox GROUP BY bundle_id
       HAVING sum(state <> 'delivered') = 0`,
    )
    .pluck()
    .all() as string[];
  for (const id of done) dropFromOutbox(ctx.dataDir, id);
};

interface OutboxRow {
  id: number;
  bundle_id: string;
  target_id: string;
  file_name: string;
  state: string;
  attempts: number;
  next_at: number;
  last_error: string | null;
  delivered_at: number | null;
  created_at: number;
}

export const listOutbox = (ctx: ServiceContext): OutboxEntry[] => {
  requireIdentity(ctx);
  const labels = new Map(targetRows(ctx).map((t) => [t.id, t.label]));
  return (
    ctx.store.read.sqlite
      .prepare('SELECT * FROM outbox ORDER BY created_at DESC, id DESC LIMIT 200')
      .all() as OutboxRow[]
  ).map((r) => ({
    id: r.id,
    bundleId: r.bundle_id,
    fileName: r.file_name,
    target: labels.get(r.target_id) ?? '—',
    state: r.state as OutboxEntry['state'],
    attempts: r.attempts,
    nextAt: r.state === 'delivered' ? null : r.next_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
  }));
};

/**
 * Tries every entry that is due (or all waiting ones when `all`), one at a time. Called by the app's timer,
 * by the person's 立即发送, and when the window sees the network come back.
 */
export const deliverDue = async (
  ctx: ServiceContext,
  opts: { all?: boolean } = {},
): Promise<OutboxEntry[]> => {
  requireIdentity(ctx);
  const now = ctx.store.write.now();
  const due = ctx.store.read.sqlite
    .prepare(
      `SELECT * FROM outbox WHERE state <> 'delivered' AND (? OR next_at <= ?) ORDER BY created_at, id`,
    )
    .all(opts.all ? 1 : 0, now) as OutboxRow[];
  const targets = new Map(targetRows(ctx).map((t) => [t.id, t]));
  for (const entry of due) {
    const target = targets.get(entry.target_id);
    if (!target || target.enabled !== 1) continue;
    const file = outboxFile(ctx.dataDir, entry.bundle_id);
    let error: string | null = null;
    let transient = true;
    try {
      if (!existsSync(file)) throw new DeliveryError('发件箱中的同步包文件已丢失，请重新导出', false);
      if (target.kind === 'folder') deliverToFolder(target.location, entry.file_name, file);
      else
        await deliverToWebDav(
          { url: target.location, username: target.username, password: ctx.secrets.get(target.id) },
          entry.file_name,
          readFileSync(file),
        );
    } catch (e) {
      error =
        e instanceof DeliveryError || e instanceof AppFailure
          ? e.message
          : `发送失败：${(e as Error).message}`;
      transient = !(e instanceof DeliveryError) || e.transient;
    }
    const at = ctx.store.write.now();
    ctx.store.tx((w) => {
      if (error === null)
        w.sqlite
          .prepare(
            "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?",
          )
          .run(at, entry.id);
      // A setting to fix (password, path) is 'failed' and shown as needing attention, yet still retried:
      // someone may fix it on the server's side.
      else
        w.sqlite
          .prepare('UPDATE outbox SET state = ?, attempts = ?, next_at = ?, last_error = ? WHERE id = ?')
          .run(
            transient ? 'retrying' : 'failed',
            entry.attempts + 1,
            at + pauseAfter(entry.attempts + 1),
            error,
            entry.id,
          );
    });
  }
  sweepFiles(ctx);
  return listOutbox(ctx);
};
