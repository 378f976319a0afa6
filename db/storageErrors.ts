import { AppFailure, type ErrorCode } from '../electron/shared/errors';

// What the disk or the operating system refused, said in words a person can act on: the disk is full, the
// folder is read-only, another program holds the file, the USB stick was pulled. One table for every
// place that writes (records, attachments, exports, backups, delivery, imports), used by the API's error
// mapping, so each of them names the cause and what to do instead of "操作未能完成".

interface Cause {
  code: ErrorCode;
  /** Completes "{action}未完成：…". */
  says: string;
}

const FULL: Cause = {
  code: 'STORAGE',
  says: '磁盘空间已满。请删除不需要的文件、清空回收站，或换到空间充足的磁盘后重试。',
};
const NO_PERMISSION: Cause = {
  code: 'STORAGE',
  says: '没有写入权限（文件夹或文件被设为只读、或属于其他用户）。请检查文件夹权限，或换一个可写的位置后重试。',
};
const READ_ONLY: Cause = {
  code: 'STORAGE',
  says: '磁盘或文件夹是只读的（例如 U 盘的写保护开关已打开、光盘或只读的网络共享）。请解除只读后重试。',
};
const IN_USE: Cause = {
  code: 'CONFLICT',
  says: '文件正被其他程序占用（例如杀毒软件、网盘同步或 Excel）。请关闭占用它的程序，稍后重试。',
};
const DEVICE: Cause = {
  code: 'STORAGE',
  says: '读写磁盘时出错，U 盘或移动硬盘可能已被拔出，或磁盘已损坏。请重新插好设备后重试。',
};
const IN_THE_WAY: Cause = {
  code: 'STORAGE',
  says: '目标位置已有一个同名的文件，挡住了要建立的文件夹。请移走或改名这个文件后重试。',
};
const MISSING: Cause = {
  code: 'STORAGE',
  says: '找不到目标位置：U 盘可能已被拔出，或文件夹已被移动、改名。请检查位置后重试。',
};

const BY_CODE: Record<string, Cause> = {
  SQLITE_FULL: FULL,
  ENOSPC: FULL,
  EDQUOT: FULL,
  SQLITE_CANTOPEN: NO_PERMISSION,
  SQLITE_PERM: NO_PERMISSION,
  EACCES: NO_PERMISSION,
  EPERM: NO_PERMISSION,
  SQLITE_READONLY: READ_ONLY,
  EROFS: READ_ONLY,
  SQLITE_BUSY: IN_USE,
  SQLITE_LOCKED: IN_USE,
  EBUSY: IN_USE,
  ETXTBSY: IN_USE,
  SQLITE_IOERR: DEVICE,
  EIO: DEVICE,
  ENXIO: DEVICE,
  ENODEV: DEVICE,
  EEXIST: IN_THE_WAY,
  ENOENT: MISSING,
  ENOTDIR: MISSING,
};

/** The cause for an error's code; SQLite's extended codes (SQLITE_IOERR_WRITE …) count as their base. */
const causeOf = (code: string): Cause | undefined =>
  BY_CODE[code] ?? BY_CODE[code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')];

/**
 * A typed failure for a storage error, or null when `e` is not one. ENOENT counts only when it names a
 * place being written (a pulled stick, a moved folder): `writing` says so, since a missing file read
 * elsewhere means something else.
 */
export const storageFailure = (e: unknown, action: string, writing = true): AppFailure | null => {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (!writing && (code === 'ENOENT' || code === 'ENOTDIR')) return null;
  const cause = causeOf(code);
  if (!cause) return null;
  const path = (e as { path?: unknown }).path;
  const where = typeof path === 'string' ? `（位置：${path}）` : '';
  return new AppFailure(cause.code, `${action}未完成：${cause.says}${where}`);
};

/** What a method does, for the message's lead-in ("添加附件未完成：…"). */
export const actionOf = (method: string): string => {
  if (method === 'attachments.add') return '添加附件';
  if (method === 'maintenance.backup' || method.startsWith('backups.')) return '备份';
  if (method === 'delivery.run') return '发送';
  if (/^(sync\.import|inbox\.import|ledger\.import)/.test(method)) return '导入';
  if (/(export|pdf|Pdf)$/.test(method)) return '导出';
  return '保存';
};
