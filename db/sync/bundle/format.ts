import { z } from 'zod';
import { SEAL_ALG } from './seal';

// The bundle file (DESIGN.md section 3): a zip holding manifest.json, manifest.sig (Ed25519 over the exact
// manifest bytes), the change records as numbered chunks changes/000001.ndjson … (one record a line,
// canonical JSON, in clock order, at most CHUNK_RECORDS each) and blobs/<sha256> for attachments. The
// manifest lists every other entry with its size and hash. Chunks, rather than the one changes.ndjson of
// DESIGN.md, let a reader (and decryption, which is per entry) hold one chunk in memory, not the bundle.

export const BUNDLE_FORMAT = 'bangfu-bundle';
export const BUNDLE_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const CHUNK_RECORDS = 5000;
export const chunkName = (n: number) => `changes/${String(n).padStart(6, '0')}.ndjson`;
export const isChunkName = (name: string) => /^changes\/\d{6}\.ndjson$/.test(name);

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
/** Table and column names as the schema spells them; anything else (quotes, spaces, SQL) is not a name. */
export const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);

export const changeRecord = z.strictObject({
  /** Device that made the change. */
  d: uuid,
  /** Its gapless counter. */
  s: z.number().int().positive(),
  /** Hybrid logical clock of the change. */
  h: z.string().regex(/^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}$/),
  /** The seq of the first change of its transaction. */
  x: z.number().int().positive(),
  t: identifier,
  r: uuid,
  /** Insert, update, or n: settled (returned by the department; carries no values, fills its seq). */
  o: z.enum(['i', 'u', 'n']),
  /** Changed columns with their new values. */
  v: z.record(identifier, z.union([z.string(), z.number(), z.null()])),
});
export type ChangeRecord = z.output<typeof changeRecord>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HLC = /^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}$/;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const RECORD_KEYS = 8;
const positiveInt = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

/**
 * `changeRecord.parse` for a parsed JSON line, compiled by hand: a bundle holds one record a line, and zod's
 * general walk was a tenth of an import. What this accepts, zod accepts unchanged (the test for it compares
 * the two); anything else, or a name zod's record would rewrite (`__proto__`), goes to zod for its verdict.
 */
export const readChangeRecord = (value: unknown): ChangeRecord => {
  const r = value as Record<string, unknown> | null;
  if (
    typeof r === 'object' &&
    r !== null &&
    !Array.isArray(r) &&
    Object.keys(r).length === RECORD_KEYS &&
    typeof r.d === 'string' &&
    UUID.test(r.d) &&
    positiveInt(r.s) &&
    typeof r.h === 'string' &&
    HLC.test(r.h) &&
    positiveInt(r.x) &&
    typeof r.t === 'string' &&
    IDENTIFIER.test(r.t) &&
    typeof r.r === 'string' &&
    UUID.test(r.r) &&
    (r.o === 'i' || r.o === 'u' || r.o === 'n') &&
    typeof r.v === 'object' &&
    r.v !== null &&
    !Array.isArray(r.v) &&
    Object.getPrototypeOf(r.v) === Object.prototype
  ) {
    let plain = true;
    for (const [k, v] of Object.entries(r.v as Record<string, unknown>))
      if (
        k === '__proto__' ||
        !IDENTIFIER.test(k) ||
        !(v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
      ) {
        plain = false;
        break;
      }
    // Keys in the schema's order, as zod would give them back (parked and returned records are stored as text).
    if (plain) {
      const { d, s, h, x, t, r: row, o, v } = r as ChangeRecord;
      return { d, s, h, x, t, r: row, o, v };
    }
  }
  return changeRecord.parse(value);
};

export const manifest = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  bundleId: uuid,
  kind: z.enum(['changes', 'return', 'join']),
  siteId: uuid,
  deviceId: uuid,
  publicKey: z.string().max(1000),
  appVersion: z.string().max(50),
  schemaVersion: z.number().int().min(0),
  createdAt: z.number().int(),
  /** Seq range carried per device. */
  ranges: z.array(z.strictObject({ deviceId: uuid, from: z.number().int(), to: z.number().int() })),
  /** What the sender holds per device: the receiver sends back only what is beyond it (and acknowledges). */
  has: z.record(uuid, z.number().int().min(0)),
  counts: z.record(identifier, z.number().int().min(0)),
  records: z.number().int().min(0),
  entries: z.array(
    z.strictObject({ name: z.string().max(255), size: z.number().int().min(0), sha256: hex64 }),
  ),
  /** Present when the entries are sealed to the department (their hashes are of the sealed bytes). */
  encryption: z
    .strictObject({
      alg: z.literal(SEAL_ALG),
      ephemeralKey: z.string().max(1000),
      recipient: z.string().max(100),
    })
    .optional(),
  /** Return bundles: the department's X25519 key, which sites seal their bundles to. */
  encryptionKey: z.string().max(1000).optional(),
  /** Return bundles: the receiving device's changes the department did not accept, with its reasons. */
  returned: z
    .array(
      z.strictObject({
        seq: z.number().int().positive(),
        table: identifier,
        row: uuid,
        reason: z.string().max(500),
      }),
    )
    .max(100_000)
    .optional(),
  /** A college's bundles: identities this installation used before, and the last of their changes it kept. */
  supersedes: z
    .array(z.strictObject({ deviceId: uuid, after: z.number().int().min(0) }))
    .max(1000)
    .optional(),
  /** Return bundles: the newest change of the receiving device the department holds, with its clock. */
  lastOfYours: z
    .strictObject({
      seq: z.number().int().positive(),
      hlc: z.string().regex(/^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}$/),
    })
    .optional(),
  /** Return bundles: the one device they are for; any other device refuses them. */
  to: uuid.optional(),
  /** Join files: the college the new device joins. */
  joinSite: z.strictObject({ siteId: uuid, name: z.string().max(200) }).optional(),
  /** Return bundles: the devices the department knows (college, key, retired), so a college sees its own. */
  directory: z
    .array(
      z.strictObject({
        deviceId: uuid,
        siteId: uuid,
        publicKey: z.string().max(1000),
        retiredAt: z.number().int().nullable(),
      }),
    )
    .max(100_000)
    .optional(),
  /** Return bundles: the oldest app version the department still accepts bundles from. */
  minAppVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .optional(),
});
export type Manifest = z.output<typeof manifest>;
