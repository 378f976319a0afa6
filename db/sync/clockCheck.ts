import type { ServiceContext } from '../services/context';
import { decodeHlc } from './hlc';
import { DEPARTMENT_CLOCK } from './returnState';
import { LOCAL_DEVICE_NO } from './triggers';

// A wrong computer clock is the one fault sync cannot mend by itself: say so where the coordinator looks.

const DAY_MS = 24 * 3600 * 1000;
/** Below this the difference is the time a file spent on its way, or an ordinary clock adjustment. */
const TOLERANCE_MS = 10 * 60 * 1000;

const days = (ms: number) => Math.max(1, Math.round(ms / DAY_MS));

const lastOwnStamp = (ctx: ServiceContext): string | null =>
  ctx.store.read.sqlite
    .prepare(`SELECT max(hlc) FROM change_log WHERE device_no = ${LOCAL_DEVICE_NO}`)
    .pluck()
    .get() as string | null;

/** Some of this device's changes carry stamps beyond the receivers' bound: they wait there until restamped. */
export const restampable = (ctx: ServiceContext, now = ctx.store.write.now()): boolean => {
  const last = lastOwnStamp(ctx);
  return last !== null && decodeHlc(last).ms - now > DAY_MS;
};

export const clockWarning = (ctx: ServiceContext, now = ctx.store.write.now()): string | null => {
  const db = ctx.store.read.sqlite;
  const last = lastOwnStamp(ctx);
  if (last) {
    const behind = decodeHlc(last).ms - now;
    if (behind > DAY_MS)
      return (
        `本机上次记录的时间比电脑时钟晚约 ${days(behind)} 天：电脑时钟现在或以前设错了。` +
        '请先核对电脑的日期和时间；若现在的时间是对的，请点击“重新盖时间戳并以新设备身份继续”，否则这些记录在其他电脑上要等到那个日期才会生效'
      );
    if (behind > TOLERANCE_MS) return '电脑时钟比本机上次记录的时间还早：请核对电脑的日期和时间，再继续登记';
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
