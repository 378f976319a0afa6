import { createHash } from 'node:crypto';
import yazl from 'yazl';
import { signBytes } from '../identity';
import { canonicalJson } from './canonical';
import { chunkName, CHUNK_RECORDS, MANIFEST, SIGNATURE, type ChangeRecord, type Manifest } from './format';
import { SEAL_ALG, sealerTo } from './seal';

/** What the caller states; the writer adds what it counts (records, ranges, counts, entries, encryption). */
export type ManifestHeader = Omit<Manifest, 'entries' | 'records' | 'encryption' | 'ranges' | 'counts'>;

/** The department's encryption key, when the bundle is to be sealed to it. */
export interface SealTo {
  publicKeyPem: string;
  fingerprint: string;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Entries carry a fixed time: the same content always zips to the same bytes.
const MTIME = new Date(Date.UTC(2020, 0, 1));

/**
 * Writes a signed bundle from records taken one at a time (a database cursor, for the largest exports):
 * chunks of changes and the attachments they name as they come, then the manifest listing every entry's
 * hash, then its signature. Memory holds one chunk and the compressed output, not every record.
 */
export const writeBundle = async (
  header: ManifestHeader,
  records: Iterable<ChangeRecord>,
  blob: (sha256: string) => Buffer | null,
  privateKeyPem: string,
  sealTo?: SealTo,
): Promise<{ bytes: Buffer; manifest: Manifest }> => {
  const zip = new yazl.ZipFile();
  const output: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => output.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(output)));
  });
  const sealer = sealTo ? sealerTo(sealTo.publicKeyPem, header.bundleId) : null;
  const entries: Manifest['entries'] = [];
  const add = (name: string, plain: Buffer) => {
    const data = sealer ? sealer.seal(name, plain) : plain;
    entries.push({ name, size: data.length, sha256: sha256(data) });
    // Sealed entries were deflated before sealing; compressing ciphertext again only costs time.
    zip.addBuffer(data, name, { mtime: MTIME, mode: 0o100644, compress: !sealer });
  };

  const ranges = new Map<string, { deviceId: string; from: number; to: number }>();
  const counts: Record<string, number> = {};
  const blobsAdded = new Set<string>();
  let total = 0;
  let chunks = 0;
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    add(chunkName(++chunks), Buffer.from(lines.join(''), 'utf8'));
    lines = [];
  };
  for (const r of records) {
    lines.push(`${canonicalJson(r)}\n`);
    total++;
    const range = ranges.get(r.d);
    if (range) {
      range.from = Math.min(range.from, r.s);
      range.to = Math.max(range.to, r.s);
    } else ranges.set(r.d, { deviceId: r.d, from: r.s, to: r.s });
    counts[r.t] = (counts[r.t] ?? 0) + 1;
    const sha = r.t === 'attachments' ? r.v.sha256 : undefined;
    if (typeof sha === 'string' && !blobsAdded.has(sha)) {
      const data = blob(sha);
      if (data) {
        blobsAdded.add(sha);
        add(`blobs/${sha}`, data);
      }
    }
    if (lines.length >= CHUNK_RECORDS) flush();
  }
  flush();

  const manifest: Manifest = {
    ...header,
    ...(sealer && sealTo
      ? { encryption: { alg: SEAL_ALG, ephemeralKey: sealer.ephemeralKey, recipient: sealTo.fingerprint } }
      : {}),
    ranges: [...ranges.values()],
    counts,
    records: total,
    entries,
  };
  const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
  zip.addBuffer(manifestBytes, MANIFEST, { mtime: MTIME, mode: 0o100644 });
  zip.addBuffer(signBytes(privateKeyPem, manifestBytes), SIGNATURE, { mtime: MTIME, mode: 0o100644 });
  zip.end();
  return { bytes: await done, manifest };
};
