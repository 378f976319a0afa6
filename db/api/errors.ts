import { z } from 'zod';
import { AppFailure, type AppError } from '../../electron/shared/errors';
import { actionOf, storageFailure } from '../storageErrors';
import { NOT_OWNER } from '../sync/triggers';

/**
 * Field path -> first message, so a form can put each message beside its input. Collected in a Map and
 * made an object with own properties, so a field named `__proto__` keeps its message like any other.
 */
export const fieldsFromZod = (error: z.ZodError): Record<string, string> => {
  const fields = new Map<string, string>();
  const add = (path: string, message: string) => {
    if (!fields.has(path)) fields.set(path, message);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key].join('.'), `不允许的字段“${key}”`);
      continue;
    }
    add(issue.path.map(String).join('.') || '_', issue.message);
  }
  return Object.fromEntries(fields);
};

export const validationError = (error: z.ZodError): AppError => {
  const fields = fieldsFromZod(error);
  const first = Object.values(fields)[0] ?? '输入有误';
  const count = Object.keys(fields).length;
  return {
    code: 'VALIDATION',
    message: count > 1 ? `有 ${count} 处输入需要修改：${first}等` : first,
    fields,
  };
};

/** Methods that only read: a file missing under them is not a pulled stick where something was written. */
const READS = /\.(list|get|read|status|records|progress|targets|outbox|settings)$/;

/**
 * Anything unexpected becomes a generic message; details go to the log, not to the person. Storage errors
 * (disk full, read-only, locked, device gone) are named, with what to do, for the method's action.
 */
export const toAppError = (e: unknown, log: (e: unknown) => void, method = ''): AppError => {
  if (e instanceof AppFailure) return e.toError();
  if (e instanceof z.ZodError) return validationError(e);
  const storage = storageFailure(e, actionOf(method), !READS.test(method));
  if (storage) return storage.toError();
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return { code: 'VALIDATION', message: '引用的记录不存在或已被删除，请刷新后重试' };
  }
  if (e instanceof Error && e.message === NOT_OWNER) {
    return { code: 'VALIDATION', message: '该记录由其他单位登记，本单位只能查看，不能修改' };
  }
  log(e);
  return { code: 'INTERNAL', message: '操作未能完成，数据未改动。请重试；若仍失败，请联系技术支持。' };
};
