import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeDurably } from '../../files/durable';
import { storageFailure } from '../../storageErrors';

// How a bundle file reaches a target. Each transport writes under a temporary name (flushed to the disk,
// for a folder) and then renames, so a reader of the folder or server (the department's inbox) never sees
// half a bundle; and each treats a file already there with the same size as delivered, so a repeated
// upload costs nothing. Failures come back as Chinese sentences a coordinator can act on; whether to retry
// is the outbox's business.

export class DeliveryError extends Error {
  /** Worth retrying later (network down, server busy) rather than waiting for the person to fix settings. */
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

/** Permission, read-only and a full disk wait for a person; a pulled stick or a busy file may pass. */
const NEEDS_A_PERSON = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

const folderError = (e: unknown): DeliveryError => {
  const code = (e as { code?: string }).code;
  const named = storageFailure(e, '写入目标文件夹');
  const message =
    code === 'ENOENT'
      ? '找不到目标文件夹（U 盘是否已插入、网络共享是否已连接？）'
      : (named?.message ?? `写入目标文件夹失败（${code ?? (e as Error).message}）`);
  return new DeliveryError(message, !NEEDS_A_PERSON.has(code ?? ''));
};

export const deliverToFolder = (dir: string, fileName: string, source: string): 'sent' | 'present' => {
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOENT' });
    const target = join(dir, fileName);
    if (existsSync(target) && statSync(target).size === statSync(source).size) return 'present';
    // Flushed before it takes its name: a stick pulled out after "delivered" still holds the whole bundle.
    writeDurably(target, readFileSync(source));
    return 'sent';
  } catch (e) {
    throw e instanceof DeliveryError ? e : folderError(e);
  }
};

export interface WebDavTarget {
  url: string;
  username: string | null;
  password: string | null;
}

const collectionUrl = (url: string) => (url.endsWith('/') ? url : `${url}/`);

const networkError = (e: unknown): DeliveryError => {
  const cause = (e as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code ?? (e as Error).name;
  if (code === 'ECONNREFUSED')
    return new DeliveryError('无法连接服务器（连接被拒绝），网络恢复后将自动重试', true);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new DeliveryError('找不到服务器地址（网络未连接或地址有误），将自动重试', true);
  if (code === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
    return new DeliveryError('连接服务器超时，将自动重试', true);
  return new DeliveryError(`上传中断（${code}），将自动重试`, true);
};

const httpError = (status: number): DeliveryError => {
  if (status === 401 || status === 403)
    return new DeliveryError(`服务器拒绝了用户名或密码（${status}），请在“发送目标”中检查账号`, false);
  if (status === 404 || status === 409)
    return new DeliveryError(`服务器上找不到目标文件夹（${status}），请检查地址`, false);
  if (status === 507 || status === 413)
    return new DeliveryError(`服务器空间不足或文件过大（${status}）`, false);
  return new DeliveryError(`服务器返回错误（${status}），将自动重试`, true);
};

/** PUT to a hidden part name, then MOVE over the real name: the server never lists a truncated bundle. */
export const deliverToWebDav = async (
  target: WebDavTarget,
  fileName: string,
  data: Buffer,
  timeoutMs = 120_000,
): Promise<'sent' | 'present'> => {
  const base = collectionUrl(target.url);
  const url = new URL(encodeURIComponent(fileName), base).toString();
  const part = new URL(encodeURIComponent(`.${fileName}.part`), base).toString();
  const headers: Record<string, string> = {};
  if (target.username)
    headers.Authorization = `Basic ${Buffer.from(`${target.username}:${target.password ?? ''}`).toString('base64')}`;
  const request = async (u: string, init: RequestInit) => {
    try {
      return await fetch(u, {
        ...init,
        headers: { ...headers, ...init.headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw networkError(e);
    }
  };
  const head = await request(url, { method: 'HEAD' });
  if (head.ok && Number(head.headers.get('content-length')) === data.length) return 'present';
  if (head.status === 401 || head.status === 403) throw httpError(head.status);
  const put = await request(part, {
    method: 'PUT',
    body: new Uint8Array(data),
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  if (!put.ok) throw httpError(put.status);
  const move = await request(part, { method: 'MOVE', headers: { Destination: url, Overwrite: 'T' } });
  if (!move.ok) throw httpError(move.status);
  return 'sent';
};

/** Where the outbox keeps bundle files until every target has them. */
export const outboxFile = (dataDir: string, bundleId: string): string =>
  join(dataDir, 'outbox', `${bundleId}.bfb`);

export const keepForOutbox = (dataDir: string, bundleId: string, bytes: Buffer): void => {
  mkdirSync(join(dataDir, 'outbox'), { recursive: true });
  writeDurably(outboxFile(dataDir, bundleId), bytes);
};

export const dropFromOutbox = (dataDir: string, bundleId: string): void =>
  rmSync(outboxFile(dataDir, bundleId), { force: true });
