import { z } from 'zod';
import { contract, isMethod, type Input, type Method, type Output } from '../../electron/shared/contract';
import { AppFailure, type Result } from '../../electron/shared/errors';
import type { ServiceContext } from '../services/context';
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
    if (UNGATED.has(method)) return runSafely(ctx, method, input, log);
    const exclusive = EXCLUSIVE.has(method);
    await gate.enter(exclusive);
    try {
      return await runSafely(ctx, method, input, log);
    } finally {
      gate.leave(exclusive);
    }
  };
};

/**
 * Bundle imports hold one transaction open while they read chunk after chunk (and report progress between
 * them); any other call running meanwhile would write into that transaction, or lose its write with the
 * import's rollback. So these run alone: they wait for calls under way, and new calls wait for them.
 */
const EXCLUSIVE: ReadonlySet<Method> = new Set([
  'sync.import',
  'sync.inspect',
  'inbox.import',
  'inbox.scan',
  'app.join',
  'sync.recover',
  'backups.restore',
]);
/**
 * Answered even while an import runs: progress is kept in memory, and a PDF only reads its report's row
 * and then waits for the print view, whose own calls pass the gate. A PDF holding the gate deadlocked with
 * the background inbox scan: the scan waited for the PDF, the print view's calls waited behind the scan.
 */
const UNGATED: ReadonlySet<Method> = new Set(['sync.progress', 'reports.pdf', 'reports.planPdf']);

class Gate {
  private running = 0;
  private exclusive = false;
  private waitingExclusive = 0;
  private waiters: (() => void)[] = [];

  async enter(exclusive: boolean): Promise<void> {
    if (exclusive) this.waitingExclusive++;
    // Shared calls also give way to an exclusive one already waiting, so a stream of them cannot starve it.
    while (this.exclusive || (exclusive ? this.running > 0 : this.waitingExclusive > 0))
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (exclusive) {
      this.waitingExclusive--;
      this.exclusive = true;
    }
    this.running++;
  }

  leave(exclusive: boolean): void {
    this.running--;
    if (exclusive) this.exclusive = false;
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
