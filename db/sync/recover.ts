import { AppFailure } from '../../electron/shared/errors';
import type { Store } from '../client';
import { requireIdentity, type ServiceContext } from '../services/context';
import type { KeyStore } from './keystore';
import { acknowledgedOf, readRecovery } from './returnState';
import { rotateIdentity, rotationCause, type Rotation, type RotationCause } from './rotate';

// When and how an installation moves to a new identity: on its own at start when the database is plainly
// older than what it sent (or has lost its key), and on the coordinator's request when the department has
// shown it holds more of this device's changes than the database does.

const ROTATION_SETTING = 'sync.rotation';

/** The last time this installation continued under a new identity, for the Sync page to say so. */
export const identityChange = (
  ctx: ServiceContext,
): { cause: RotationCause; previousDeviceId: string; at: number } | null => {
  const raw = ctx.store.read.sqlite
    .prepare('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(ROTATION_SETTING) as string | undefined;
  return raw ? (JSON.parse(raw) as { cause: RotationCause; previousDeviceId: string; at: number }) : null;
};

const note = (store: Store, r: Rotation, cause: RotationCause) =>
  store.tx((w) =>
    w.sqlite
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(ROTATION_SETTING, JSON.stringify({ cause, previousDeviceId: r.previousDeviceId, at: w.now() })),
  );

/** At start, before anything is written: returns the rotation made, if the database needed one. */
export const rotateIfStale = (store: Store, keyStore: KeyStore, dataDir: string): Rotation | null => {
  const cause = rotationCause(store, keyStore, dataDir);
  if (!cause) return null;
  const own = store.read.sqlite.prepare('SELECT seq FROM device_state WHERE one = 1').pluck().get() as number;
  // Everything in a restored or moved database was made before it was copied: the same as what was sent.
  const r = rotateIdentity(store, keyStore, own);
  note(store, r, cause);
  return r;
};

/**
 * 以新设备身份继续: changes up to the last acknowledgement this database saw are the department's too; those
 * after it may have been made after a restore and are issued again under the new identity, so none is lost.
 */
export const recoverIdentity = (ctx: ServiceContext, { restamp }: { restamp?: boolean | undefined }) => {
  const me = requireIdentity(ctx);
  if (me.mode !== 'site') throw new AppFailure('VALIDATION', '只有学校的设备需要以新设备身份继续');
  const keep = readRecovery(ctx)?.acknowledged ?? acknowledgedOf(ctx.store.read.sqlite, me.deviceId);
  const r = rotateIdentity(ctx.store, ctx.keyStore, keep, { restamp: restamp === true });
  note(ctx.store, r, 'department-holds-more');
  ctx.setIdentity(r.identity);
  return {
    deviceId: r.identity.deviceId,
    previousDeviceId: r.previousDeviceId,
    keptSeq: r.keptSeq,
    reissued: r.reissued,
  };
};
