import { z } from 'zod';
import {
  contract,
  isMethod,
  type Access,
  type Input,
  type Method,
  type Output,
} from '../../electron/shared/contract';
import { AppFailure, type Result } from '../../electron/shared/errors';
import { requireIdentity, type ServiceContext } from '../services/context';
import { toAppError } from './errors';
import { handlers } from './handlers';
import { repairOutput } from './repairOutput';

z.config(z.locales.zhCN());

export type Invoke = (method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * The one dispatcher both transports use: check the method exists, validate the input against the
 * contract (strict: unknown keys refused), run the handler, check the output, and turn every failure
 * into a typed error with a Chinese message. Nothing throws across the boundary.
 */
export const createDispatcher = (ctx: ServiceContext, log: (e: unknown) => void = console.error): Invoke => {
  const gate = new Gate();
  return async (method, input) => {
    if (typeof method !== 'string') {
      const message = '操作名称必须是文字';
      return { ok: false, error: { code: 'VALIDATION', message, fields: { method: message } } };
    }
    if (!isMethod(method)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `未知的操作：${String(method).slice(0, 60)}` },
      };
    }
    const { access } = contract[method];
    await gate.enter(access);
    try {
      return await runSafely(ctx, method, input, log);
    } finally {
      gate.leave(access);
    }
  };
};

/**
 * Who may run beside whom, from each method's `access` in the contract. Bundle imports ('alone') hold one
 * transaction open while they read chunk after chunk; another write meanwhile would land in that
 * transaction, or be lost with its rollback, so writes wait for them, and they for writes under way. Reads
 * use the read-only connection, which sees the last commit, so they go on during an import. 'exclusive'
 * calls (a restore closes and replaces the database file) wait for everything, and everything for them.
 * A call waiting to run alone or exclusively is not overtaken by new ones it excludes, so a stream of them
 * cannot starve it.
 */
export class Gate {
  private readonly running: Record<Access, number> = { read: 0, write: 0, alone: 0, exclusive: 0 };
  private readonly waiting: Record<Access, number> = { read: 0, write: 0, alone: 0, exclusive: 0 };
  private waiters: (() => void)[] = [];

  private blocked(access: Access): boolean {
    const { running: r, waiting: w } = this;
    const sole = r.alone + r.exclusive > 0;
    switch (access) {
      case 'read':
        return r.exclusive + w.exclusive > 0;
      case 'write':
        return sole || w.alone + w.exclusive > 0;
      case 'alone':
        return sole || r.write > 0 || w.exclusive > 0;
      case 'exclusive':
        return sole || r.write + r.read > 0;
    }
  }

  async enter(access: Access): Promise<void> {
    this.waiting[access]++;
    while (this.blocked(access)) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.waiting[access]--;
    this.running[access]++;
  }

  leave(access: Access): void {
    this.running[access]--;
    for (const wake of this.waiters.splice(0)) wake();
  }
}

const runSafely = async (
  ctx: ServiceContext,
  method: Method,
  input: unknown,
  log: (e: unknown) => void,
): Promise<Result<unknown>> => {
  try {
    return { ok: true, value: await run(ctx, method, input, log) };
  } catch (e) {
    return { ok: false, error: toAppError(e, log, method) };
  }
};

const run = async <M extends Method>(
  ctx: ServiceContext,
  method: M,
  input: unknown,
  log: (e: unknown) => void,
) => {
  const spec = contract[method];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) throw parsed.error;
  if (spec.setup === 'required') requireIdentity(ctx);
  const handler = handlers[method] as (c: ServiceContext, i: unknown) => unknown;
  const value = await handler(ctx, parsed.data);
  const checked = spec.output.safeParse(value);
  if (!checked.success) {
    log(checked.error);
    const mended = repairOutput(spec.output, value, checked.error.issues);
    if (mended) return mended.value as Output<M>;
    throw new AppFailure('INTERNAL', '程序返回的数据格式有误，操作结果未显示。请重试或联系技术支持。');
  }
  return checked.data as Output<M>;
};

/** For services that build on other methods (demo data): same validation, failures rethrown. */
export const callThrough =
  (invoke: Invoke) =>
  async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const res = await invoke(method, input);
    if (!res.ok) throw new AppFailure(res.error.code, res.error.message, res.error.fields);
    return res.value as Output<M>;
  };
