import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Locale } from '../../electron/shared/domain';
import { AppFailure } from '../../electron/shared/errors';
import type { AppStatus, setupInput } from '../../electron/shared/schemas/app';
import type { ReadDb, WriteDb } from '../client';
import { findInstitutionByName, insertInstitution } from '../repositories/institutions';
import { newId, stampNew } from '../repositories/rows';
import { deviceState, devices, settings, sites } from '../schema';
import { fingerprint, loadOrCreateKeys } from '../sync/identity';
import { LOCAL_DEVICE_NO } from '../sync/triggers';
import { requireIdentity, type Identity, type ServiceContext } from './context';

export const readIdentity = (db: ReadDb | WriteDb): Identity | null => {
  const row = db.orm.select().from(deviceState).where(eq(deviceState.one, 1)).get();
  return row
    ? {
        deviceId: row.deviceId,
        siteId: row.siteId,
        mode: row.mode as Identity['mode'],
        publicKeyPem: row.publicKey,
      }
    : null;
};

const getSetting = (db: ReadDb | WriteDb, key: string): string | null =>
  db.orm.select().from(settings).where(eq(settings.key, key)).get()?.value ?? null;

const putSetting = (w: WriteDb, key: string, value: string) =>
  w.orm
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();

export const appStatus = (ctx: ServiceContext): AppStatus => {
  const r = ctx.store.read;
  const id = ctx.identity();
  const site = id ? r.orm.select().from(sites).where(eq(sites.id, id.siteId)).get() : undefined;
  return {
    initialized: id !== null,
    appVersion: ctx.appVersion,
    schemaVersion: ctx.store.schemaVersion,
    locale: (getSetting(r, 'locale') as Locale | null) ?? 'zh-CN',
    mode: id?.mode ?? null,
    siteId: id?.siteId ?? null,
    siteName: site?.name ?? null,
    institutionId: site?.institutionId ?? null,
    deviceId: id?.deviceId ?? null,
    keyFingerprint: id ? fingerprint(id.publicKeyPem) : null,
    dataPath: ctx.store.path,
  };
};

/**
 * First run: make the device (UUID, Ed25519 keys, gapless counter) and its site. The identity row comes
 * first because the change-log triggers refuse synced writes until it exists.
 */
export const setup = (ctx: ServiceContext, input: z.output<typeof setupInput>): AppStatus => {
  if (ctx.identity()) throw new AppFailure('ALREADY_INITIALIZED', '本设备已完成首次设置');
  const keys = loadOrCreateKeys(ctx.keyStore, null);
  const deviceId = newId();
  const siteId = newId();
  const identity: Identity = { deviceId, siteId, mode: input.mode, publicKeyPem: keys.publicKeyPem };
  ctx.store.tx((w) => {
    const t = w.now();
    w.orm
      .insert(deviceState)
      .values({
        one: 1,
        deviceId,
        siteId,
        mode: input.mode,
        publicKey: keys.publicKeyPem,
        seq: 0,
        createdAt: t,
      })
      .run();
    w.orm
      .insert(devices)
      .values({ no: LOCAL_DEVICE_NO, deviceId, siteId, publicKey: keys.publicKeyPem, enrolledAt: t })
      .run();
    ctx.store.attachClock(deviceId);
    const institution =
      findInstitutionByName(w, input.institution.name) ?? insertInstitution(w, siteId, input.institution);
    w.orm
      .insert(sites)
      .values({
        ...stampNew(w, siteId),
        id: siteId,
        name: input.siteName,
        mode: input.mode,
        institutionId: institution.id,
      })
      .run();
  });
  ctx.setIdentity(identity);
  return appStatus(ctx);
};

export const setLocale = (ctx: ServiceContext, locale: Locale): AppStatus => {
  ctx.store.tx((w) => putSetting(w, 'locale', locale));
  return appStatus(ctx);
};

export const siteOf = (ctx: ServiceContext): string => requireIdentity(ctx).siteId;
