import { createHash } from 'node:crypto';
import { verifyBytes } from '../identity';
import { sha256OfArchive, type ArchiveBytes } from '../../zip/archiveBytes';
import { walkZip, ZipRefused, type ZipLimits } from '../../zip/readZip';
import { canonicalJson } from './canonical';
import {
  isChunkName,
  manifest as manifestSchema,
  MANIFEST,
  readChangeRecord,
  SIGNATURE,
  type ChangeRecord,
  type Manifest,
} from './format';

// Everything a bundle must prove, in the order DESIGN.md gives: a safe archive, a manifest signed by the key
// it names, every entry present with its hash and nothing unlisted (the first pass, `openBundle`); then,
// chunk by chunk as they are used, decryption and well-formed change lines (`readContents`), so that no
// pass holds more than one entry in memory. Each refusal carries a Chinese reason for the person holding
// the file; a refusal in the second pass comes before the caller's transaction commits.

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
  'header-mismatch': '同步包条目的文件头与目录记载不一致（名称或大小），文件可能被改动，已拒绝',
  'directory-data': '同步包的目录条目带有数据，已拒绝',
  'bad-crc': '同步包条目的校验值（CRC）不符：文件已损坏，请重新导出',
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** How to open a sealed bundle: an opener for its manifest, or null when this replica cannot read it. */
export type Unsealer = (manifest: Manifest) => ((name: string, sealed: Buffer) => Buffer) | null;

export interface OpenedBundle {
  manifest: Manifest;
  manifestSha256: string;
  bytes: ArchiveBytes;
  limits: ZipLimits;
  /** Of the archive as it was verified: the second pass reads these bytes and no others. */
  archiveSha256: string;
}

const walk = async (
  bytes: ArchiveBytes,
  limits: ZipLimits,
  visit: (name: string, data: Buffer) => void | Promise<void>,
) => {
  try {
    await walkZip(bytes, limits, visit);
  } catch (e) {
    if (e instanceof ZipRefused) throw new BundleRefused(REASONS[e.problem]);
    throw e;
  }
};

// The first pass is a function of the archive's bytes and the limits alone, and 检查 then 导入 of one file
// would run it twice: the last few verdicts are kept by the archive's hash (its compressed bytes, a
// twentieth of what the pass inflates and hashes), so the import of a file just checked skips it.
const verdicts = new Map<string, { manifest: Manifest; manifestSha256: string }>();
const KEPT_VERDICTS = 4;

/** The first pass: archive rules, manifest and signature, and every entry's size and hash. */
export const openBundle = async (
  bytes: ArchiveBytes,
  limits: ZipLimits = BUNDLE_LIMITS,
): Promise<OpenedBundle> => {
  const archiveSha256 = sha256OfArchive(bytes);
  const key = `${archiveSha256} ${JSON.stringify(limits)}`;
  // Copies in and out: no caller's change to its manifest reaches another's.
  const known = verdicts.get(key);
  if (known) return { ...structuredClone(known), bytes, limits, archiveSha256 };
  const verdict = await firstPass(bytes, limits);
  if (verdicts.size >= KEPT_VERDICTS) verdicts.delete(verdicts.keys().next().value as string);
  verdicts.set(key, structuredClone(verdict));
  return { ...verdict, bytes, limits, archiveSha256 };
};

const firstPass = async (
  bytes: ArchiveBytes,
  limits: ZipLimits,
): Promise<{ manifest: Manifest; manifestSha256: string }> => {
  let manifestBytes: Buffer | undefined;
  let signature: Buffer | undefined;
  const found = new Map<string, { size: number; sha256: string }>();
  await walk(bytes, limits, (name, data) => {
    if (name === MANIFEST) manifestBytes = data;
    else if (name === SIGNATURE) signature = data;
    else found.set(name, { size: data.length, sha256: sha256(data) });
  });
  if (!manifestBytes || !signature) throw new BundleRefused('同步包缺少清单或签名');
  let parsed: Manifest;
  try {
    parsed = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch {
    throw new BundleRefused('同步包清单格式不正确');
  }
  // The signature covers these exact bytes; one meaning must have one spelling, or two readers could differ.
  if (!Buffer.from(canonicalJson(parsed), 'utf8').equals(manifestBytes))
    throw new BundleRefused('同步包清单不是规范格式（多余的空白、重复或改写的字段），文件可能被改动，已拒绝');
  let signed = false;
  try {
    signed = verifyBytes(parsed.publicKey, manifestBytes, signature);
  } catch {
    signed = false;
  }
  if (!signed) throw new BundleRefused('同步包签名无效：文件可能被改动，或不是由所声明的设备生成');

  const listed = new Set(parsed.entries.map((e) => e.name));
  for (const name of found.keys())
    if (!listed.has(name)) throw new BundleRefused(`同步包含有清单以外的条目：${name}`);
  for (const entry of parsed.entries) {
    const got = found.get(entry.name);
    if (!got) throw new BundleRefused(`同步包缺少条目：${entry.name}`);
    if (got.size !== entry.size || got.sha256 !== entry.sha256)
      throw new BundleRefused(`同步包条目已损坏：${entry.name}`);
    if (!isChunkName(entry.name) && !/^blobs\/[0-9a-f]{64}$/.test(entry.name))
      throw new BundleRefused(`同步包含有无法识别的条目：${entry.name}`);
  }
  return { manifest: parsed, manifestSha256: sha256(manifestBytes) };
};

export interface ContentVisitor {
  /** Each record as it is parsed, in the order the sender wrote them (clock order). */
  change(record: ChangeRecord): void;
  /** After each chunk: how many of the manifest's records have been handed over. */
  progress?(done: number, total: number): void;
  blob?(sha256: string, data: Buffer): void;
}

/**
 * The second pass: each chunk decrypted (when sealed) and parsed, handed to the visitor, and dropped. The
 * entries were hashed in the first pass and are not hashed again: these are the very archive bytes that
 * pass verified (their hash is checked first), inflating them gives the same entries, and each entry's
 * CRC is checked again as it is inflated.
 */
export const readContents = async (
  opened: OpenedBundle,
  visitor: ContentVisitor,
  unseal?: Unsealer,
): Promise<void> => {
  const m = opened.manifest;
  const open = m.encryption ? (unseal?.(m) ?? null) : (_name: string, data: Buffer) => data;
  if (!open) throw new BundleRefused('该同步包已加密给教育主管部门，本设备无法读取');
  if (sha256OfArchive(opened.bytes) !== opened.archiveSha256) throw new BundleRefused(REASONS['bad-crc']);
  let done = 0;
  let line = 0;
  const counts: Record<string, number> = {};
  const ranges = new Map<string, { from: number; to: number }>();
  await walk(opened.bytes, opened.limits, (name, raw) => {
    if (name === MANIFEST || name === SIGNATURE) return;
    let data: Buffer;
    try {
      data = open(name, raw);
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new BundleRefused(REASONS.bomb);
      throw new BundleRefused('无法解密同步包：它不是加密给本部门的，或内容已被改动');
    }
    if (name.startsWith('blobs/')) {
      const sha = name.slice(6);
      if (sha256(data) !== sha) throw new BundleRefused(`同步包附件与其编号不符：${name}`);
      visitor.blob?.(sha, data);
      return;
    }
    // One line at a time, handed over at once: records die young instead of a chunk's worth surviving.
    // Lines are cut in the bytes (a newline byte is never inside a UTF-8 character) and decoded one by
    // one: decoding a whole chunk of Chinese text as one string was three times slower.
    for (let at = 0; at < data.length;) {
      const newline = data.indexOf(0x0a, at);
      const end = newline === -1 ? data.length : newline;
      const lineText = data.toString('utf8', at, end);
      at = end + 1;
      if (lineText === '') continue;
      line++;
      let record: ChangeRecord;
      try {
        record = readChangeRecord(JSON.parse(lineText));
      } catch {
        throw new BundleRefused(`同步包第 ${line} 条变更格式不正确`);
      }
      if (++done > m.records) throw new BundleRefused('同步包变更数量与清单不符');
      counts[record.t] = (counts[record.t] ?? 0) + 1;
      const range = ranges.get(record.d);
      if (range) {
        range.from = Math.min(range.from, record.s);
        range.to = Math.max(range.to, record.s);
      } else ranges.set(record.d, { from: record.s, to: record.s });
      visitor.change(record);
    }
    visitor.progress?.(done, m.records);
  });
  if (done !== m.records) throw new BundleRefused('同步包变更数量与清单不符');
  if (canonicalJson(counts) !== canonicalJson(m.counts))
    throw new BundleRefused('同步包各表的变更数量与清单不符');
  const declared = new Map(m.ranges.map((r) => [r.deviceId, r]));
  if (
    declared.size !== m.ranges.length ||
    declared.size !== ranges.size ||
    [...ranges].some(([d, r]) => declared.get(d)?.from !== r.from || declared.get(d)?.to !== r.to)
  )
    throw new BundleRefused('同步包各设备的变更序号范围与清单不符');
};

export interface VerifiedBundle {
  manifest: Manifest;
  manifestSha256: string;
  records: ChangeRecord[];
  blobs: Map<string, Buffer>;
}

/** Both passes into memory: for small bundles, tests and the benchmark's verification figure. */
export const readBundle = async (
  bytes: Buffer,
  opts: { limits?: ZipLimits; unseal?: Unsealer } = {},
): Promise<VerifiedBundle> => {
  const opened = await openBundle(bytes, opts.limits);
  const records: ChangeRecord[] = [];
  const blobs = new Map<string, Buffer>();
  await readContents(
    opened,
    {
      change: (r) => records.push(r),
      blob: (sha, data) => blobs.set(sha, data),
    },
    opts.unseal,
  );
  return { manifest: opened.manifest, manifestSha256: opened.manifestSha256, records, blobs };
};
