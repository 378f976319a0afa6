import { z } from 'zod';
import { APP_MODES, INSTITUTION_KINDS, LOCALES } from '../domain';
import { LIMITS, oneOf, optionalText, requiredText } from './common';

export const setupInput = z.strictObject({
  mode: oneOf(APP_MODES, '使用模式'),
  siteName: requiredText('站点名称', LIMITS.name),
  institution: z.strictObject({
    name: requiredText('机构名称', LIMITS.name),
    shortName: optionalText('简称', LIMITS.short),
    kind: oneOf(INSTITUTION_KINDS, '机构类型'),
    region: optionalText('所在地区', LIMITS.short),
  }),
  loadDemo: z.boolean().optional(),
});

export const localeInput = z.strictObject({ locale: oneOf(LOCALES, '界面语言') });

export const appStatus = z.strictObject({
  initialized: z.boolean(),
  appVersion: z.string(),
  schemaVersion: z.number(),
  locale: z.enum(LOCALES),
  mode: z.enum(APP_MODES).nullable(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  institutionId: z.string().nullable(),
  deviceId: z.string().nullable(),
  /** SHA-256 of the raw Ed25519 public key, grouped for reading aloud over the phone. */
  keyFingerprint: z.string().nullable(),
  dataPath: z.string(),
});
export type AppStatus = z.output<typeof appStatus>;

export const demoResult = z.strictObject({ agreementId: z.string(), created: z.boolean() });
