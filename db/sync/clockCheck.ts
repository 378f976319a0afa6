import type { ServiceContext } from '../services/context';
import { decodeHlc } from './hlc';
import { DEPARTMENT_CLOCK } from './returnState';
import { LOCAL_DEVICE_NO } from './triggers';

// A wrong computer clock is the one fault sync cannot mend by itself: say so where the coordinator looks.

const DAY_MS = 24 * 3600 * 1000;
/** Below this the difference is the time a file spent on its way, or an ordinary clock adjustment. */
const TOLERANCE_MS = 10 * 60 * 1000;

const days = (ms: number) => Math.max(1, Math.round(ms / DAY_MS));

export const clockWarning = (ctx: ServiceContext, now = ctx.store.write.now()): string | null => {
  const db = ctx.store.read.sqlite;
  const last = db
    .prepare(
      `SELECT max(hlc) FROM change_log
       WHERE device_no IN (SELECT no FROM devices WHERE no = ${LOCAL_DEVICE_NO} OR former_self = 1)`,
    )
    .pluck()
    .get() as string | null;
  if (last) {
    const behind = decodeHlc(last).ms - now;
    if (behind > TOLERANCE_MS)
      return behind >= DAY_MS
        ? `电脑时钟比本机上次记录的时间早约 ${days(behind)} 天：请核对电脑的日期和时间，再继续登记`
        : '电脑时钟比本机上次记录的时间还早：请核对电脑的日期和时间，再继续登记';
  }
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(DEPARTMENT_CLOCK) as
    string | undefined;
  if (raw) {
    const { createdAt, seenAt } = JSON.parse(raw) as { createdAt: number; seenAt: number };
    // A return bundle is made before it is read, so the department's time can only be earlier than ours.
    const lag = createdAt - seenAt;
    if (lag > DAY_MS)
      return `电脑时钟比教育主管部门慢约 ${days(lag)} 天（以最近一次回执包的生成时间为准）：请核对电脑的日期和时间`;
  }
  return null;
};
