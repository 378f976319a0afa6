import { createPrivateKey, createPublicKey } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Store } from '../client';
import { readIdentity } from '../services/setup';
import type { Identity } from '../services/context';
import { decodeHlc, HybridLogicalClock, nodeFromDeviceId } from './hlc';
import { fingerprint, generateDeviceKeys } from './identity';
import type { KeyStore } from './keystore';
import { RECOVERY_SETTING } from './returnState';
import { sentSeq } from './sentMark';
import { LOCAL_DEVICE_NO } from './triggers';

// A device identity is used once (DESIGN.md 3.1). When this database is older than what already left the
// machine under its identity (restored from a backup, copied in by hand, moved to a new PC without its key),
// the installation continues as a new device of the same college: the old identity becomes a former self,
// held up to the last change known to be the same everywhere, and its changes after that point are issued
// again under the new identity, keeping their clocks. Whatever the old identity sent beyond that point comes
// back from the department, which sends the new device everything it lacks. No (device, seq) is reused.

export type RotationCause = 'restored' | 'no-key' | 'other-key' | 'department-holds-more';

export interface Rotation {
  identity: Identity;
  previousDeviceId: string;
  /** The old identity's changes kept as they were; those after were issued again under the new identity. */
  keptSeq: number;
  reissued: number;
}

/** Stamps this far ahead of the wall clock were made by a clock set wrong (the receivers' bound). */
const BOUND_MS = 24 * 3600 * 1000;

/**
 * `restamp`: changes stamped beyond the bound ahead of the (now correct) clock are issued again with stamps
 * of now, so they stop waiting at every receiver for a date years away.
 */
export const rotateIdentity = (
  store: Store,
  keyStore: KeyStore,
  keepSeq: number,
  { restamp = false }: { restamp?: boolean } = {},
): Rotation => {
  const old = readIdentity(store.read);
  if (!old) throw new Error('no identity to rotate');
  const keys = generateDeviceKeys();
  const deviceId = uuidv7();
  // The key first: a crash before the commit leaves a key the database does not know, which the next start
  // sees and rotates again; never a database signed for by a key that is gone.
  keyStore.save(keys.privateKeyPem);
  let reissued = 0;
  let kept = 0;
  store.tx((w) => {
    const db = w.sqlite;
    const formerNo = (db.prepare('SELECT max(no) + 1 FROM devices').pluck().get() as number) ?? 2;
    const own = db.prepare('SELECT seq FROM device_state WHERE one = 1').pluck().get() as number;
    kept = Math.min(keepSeq, own);
    db.prepare('UPDATE devices SET no = ?, applied_seq = ?, former_self = 1 WHERE no = ?').run(
      formerNo,
      kept,
      LOCAL_DEVICE_NO,
    );
    db.prepare('UPDATE change_log SET device_no = ? WHERE device_no = ?').run(formerNo, LOCAL_DEVICE_NO);
    db.prepare(
      'INSERT INTO devices (no, device_id, site_id, public_key, enrolled_at) VALUES (?, ?, ?, ?, ?)',
    ).run(LOCAL_DEVICE_NO, deviceId, old.siteId, keys.publicKeyPem, w.now());
    const again = db
      .prepare(
        'SELECT seq, hlc, tx, tbl, row_id, op, data FROM change_log WHERE device_no = ? AND seq > ? ORDER BY seq',
      )
      .all(formerNo, kept) as {
      seq: number;
      hlc: string;
      tx: number;
      tbl: string;
      row_id: string;
      op: string;
      data: string;
    }[];
    const insert = db.prepare(
      'INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const txOf = new Map<number, number>();
    const clock = new HybridLogicalClock(nodeFromDeviceId(deviceId), w.now);
    for (const r of again) {
      reissued++;
      if (!txOf.has(r.tx)) txOf.set(r.tx, reissued);
      const stamp = restamp && decodeHlc(r.hlc).ms - w.now() > BOUND_MS ? clock.now() : r.hlc;
      insert.run(LOCAL_DEVICE_NO, reissued, stamp, txOf.get(r.tx)!, r.tbl, r.row_id, r.op, r.data);
    }
    db.prepare('DELETE FROM change_log WHERE device_no = ? AND seq > ?').run(formerNo, kept);
    db.prepare('UPDATE device_state SET device_id = ?, public_key = ?, seq = ? WHERE one = 1').run(
      deviceId,
      keys.publicKeyPem,
      reissued,
    );
    db.prepare('DELETE FROM settings WHERE key = ?').run(RECOVERY_SETTING);
  });
  store.attachClock(deviceId);
  return {
    identity: { ...old, deviceId, publicKeyPem: keys.publicKeyPem },
    previousDeviceId: old.deviceId,
    keptSeq: kept,
    reissued,
  };
};

/**
 * At start: is this database still the one its identity speaks for? Not when the key is missing or another
 * one, or when more of its changes left this machine than the database holds.
 */
export const rotationCause = (store: Store, keyStore: KeyStore, dataDir: string): RotationCause | null => {
  const id = readIdentity(store.read);
  if (!id) return null;
  const pem = keyStore.load();
  if (!pem) return 'no-key';
  let matches: boolean;
  try {
    const publicKeyPem = createPublicKey(createPrivateKey(pem))
      .export({ type: 'spki', format: 'pem' })
      .toString();
    matches = fingerprint(publicKeyPem) === fingerprint(id.publicKeyPem);
  } catch {
    matches = false;
  }
  if (!matches) return 'other-key';
  const own = store.read.sqlite.prepare('SELECT seq FROM device_state WHERE one = 1').pluck().get() as number;
  return sentSeq(dataDir, id.deviceId) > own ? 'restored' : null;
};
