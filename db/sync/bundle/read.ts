import { createHash } from 'node:crypto';
import { verifyBytes } from '../identity';
import { readZip, ZipRefused, type ZipLimits } from '../../zip/readZip';
import {
  CHANGES,
  changeRecord,
  manifest as manifestSchema,
  MANIFEST,
  SIGNATURE,
  type ChangeRecord,
  type Manifest,
} from './format';

// Everything a bundle must prove before a single change is looked at, in the order DESIGN.md gives: a safe
// archive, a manifest signed by the key it names, every entry present with its hash and nothing unlisted,
// and well-formed change lines. Each refusal carries a Chinese reason for the person holding the file.

export const BUNDLE_LIMITS: ZipLimits = {
  entries: 20_000,
  totalBytes: 1024 * 1024 * 1024,
  ratioFloorBytes: 10 * 1024 * 1024,
  ratio: 200,
};

export class BundleRefused extends Error {}

const REASONS: Record<ZipRefused['problem'], string> = {
  'not-zip': '文件不完整或不是同步包（.bfb）',
  bomb: '同步包疑似压缩炸弹，已拒绝',
  'bad-name': '同步包含有不安全的文件路径',
  duplicate: '同步包含有重复的条目',
  symlink: '同步包含有符号链接',
  'too-many': '同步包的条目数量异常',
};

export interface VerifiedBundle {
  manifest: Manifest;
  manifestSha256: string;
  records: ChangeRecord[];
  blobs: Map<string, Buffer>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** How to open a sealed bundle: an opener for its manifest, or null when this replica cannot read it. */
export type Unsealer = (manifest: Manifest) => ((name: string, sealed: Buffer) => Buffer) | null;

export interface ReadOptions {
  limits?: ZipLimits;
  unseal?: Unsealer;
  /** Checks a sealed bundle's archive, signature and hashes only (the sender reading back its own file). */
  sealedShallow?: boolean;
}

export const readBundle = async (bytes: Buffer, opts: ReadOptions = {}): Promise<VerifiedBundle> => {
  const limits = opts.limits ?? BUNDLE_LIMITS;
  let files: Map<string, Buffer>;
  try {
    files = await readZip(bytes, limits);
  } catch (e) {
    if (e instanceof ZipRefused) throw new BundleRefused(REASONS[e.problem]);
    throw e;
  }
  const manifestBytes = files.get(MANIFEST);
  const signature = files.get(SIGNATURE);
  if (!manifestBytes || !signature) throw new BundleRefused('同步包缺少清单或签名');
  let parsed: Manifest;
  try {
    parsed = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch {
    throw new BundleRefused('同步包清单格式不正确');
  }
  let signed = false;
  try {
    signed = verifyBytes(parsed.publicKey, manifestBytes, signature);
  } catch {
    signed = false;
  }
  if (!signed) throw new BundleRefused('同步包签名无效：文件可能被改动，或不是由所声明的设备生成');

  const listed = new Set(parsed.entries.map((e) => e.name));
  for (const name of files.keys())
    if (name !== MANIFEST && name !== SIGNATURE && !listed.has(name))
      throw new BundleRefused(`同步包含有清单以外的条目：${name}`);
  for (const entry of parsed.entries) {
    const data = files.get(entry.name);
    if (!data) throw new BundleRefused(`同步包缺少条目：${entry.name}`);
    if (data.length !== entry.size || sha256(data) !== entry.sha256)
      throw new BundleRefused(`同步包条目已损坏：${entry.name}`);
  }

  if (parsed.encryption) {
    if (opts.sealedShallow)
      return { manifest: parsed, manifestSha256: sha256(manifestBytes), records: [], blobs: new Map() };
    const open = opts.unseal?.(parsed) ?? null;
    if (!open) throw new BundleRefused('该同步包已加密给教育主管部门，本设备无法读取');
    for (const entry of parsed.entries) {
      try {
        files.set(entry.name, open(entry.name, files.get(entry.name)!));
      } catch {
        throw new BundleRefused('无法解密同步包：它不是加密给本部门的，或内容已被改动');
      }
    }
  }

  const lines = (files.get(CHANGES) ?? Buffer.alloc(0))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  const records = lines.map((line, i) => {
    try {
      return changeRecord.parse(JSON.parse(line));
    } catch {
      throw new BundleRefused(`同步包第 ${i + 1} 条变更格式不正确`);
    }
  });
  if (records.length !== parsed.records) throw new BundleRefused('同步包变更数量与清单不符');

  const blobs = new Map<string, Buffer>();
  for (const [name, data] of files) {
    if (!name.startsWith('blobs/')) continue;
    if (sha256(data) !== name.slice(6)) throw new BundleRefused(`同步包附件与其编号不符：${name}`);
    blobs.set(name.slice(6), data);
  }
  return { manifest: parsed, manifestSha256: sha256(manifestBytes), records, blobs };
};
