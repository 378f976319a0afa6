import { createHash } from 'node:crypto';
import yazl from 'yazl';
import { signBytes } from '../identity';
import { canonicalJson } from './canonical';
import { CHANGES, MANIFEST, SIGNATURE, type ChangeRecord, type Manifest } from './format';
import { SEAL_ALG, sealerTo } from './seal';

export type ManifestHeader = Omit<Manifest, 'entries' | 'records' | 'encryption'>;

/** The department's encryption key, when the bundle is to be sealed to it. */
export interface SealTo {
  publicKeyPem: string;
  fingerprint: string;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Entries carry a fixed time: the same content always zips to the same bytes.
const MTIME = new Date(Date.UTC(2020, 0, 1));

const zipBuffers = (files: [string, Buffer][]): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    for (const [name, data] of files) zip.addBuffer(data, name, { mtime: MTIME, mode: 0o100644 });
    zip.end();
  });

/** Writes a signed bundle: changes and blobs first, then the manifest listing their hashes, then its signature. */
export const writeBundle = async (
  header: ManifestHeader,
  records: ChangeRecord[],
  blobs: Map<string, Buffer>,
  privateKeyPem: string,
  sealTo?: SealTo,
): Promise<{ bytes: Buffer; manifest: Manifest }> => {
  const changes = Buffer.from(records.map((r) => `${canonicalJson(r)}\n`).join(''), 'utf8');
  let files: [string, Buffer][] = [
    [CHANGES, changes],
    ...[...blobs].map(([hash, data]): [string, Buffer] => [`blobs/${hash}`, data]),
  ];
  const sealer = sealTo ? sealerTo(sealTo.publicKeyPem, header.bundleId) : null;
  if (sealer) files = files.map(([name, data]) => [name, sealer.seal(name, data)]);
  const manifest: Manifest = {
    ...header,
    ...(sealer && sealTo
      ? { encryption: { alg: SEAL_ALG, ephemeralKey: sealer.ephemeralKey, recipient: sealTo.fingerprint } }
      : {}),
    records: records.length,
    entries: files.map(([name, data]) => ({ name, size: data.length, sha256: sha256(data) })),
  };
  const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
  const signature = signBytes(privateKeyPem, manifestBytes);
  const bytes = await zipBuffers([[MANIFEST, manifestBytes], [SIGNATURE, signature], ...files]);
  return { bytes, manifest };
};
