import { resolve } from 'node:path';
import { openApp } from '../db/app';
import { DEMO_AGREEMENT_TITLE } from '../db/services/demo';
import { defaultDataDir, packageVersion } from './data-dir';

// `npm run demo [dataDir]`: loads seed 004 into the same database `npm start` opens, through the API. On a
// fresh database it first sets this device up as the supporting college of that agreement.

const dataDir = process.argv[2] ? resolve(process.argv[2]) : defaultDataDir();
const app = await openApp({
  dataDir,
  appVersion: packageVersion(),
  holder: '示例数据载入（npm run demo）',
}).catch((e: unknown) => {
  // Most often the app itself has the folder open: its message says which process and what to do.
  console.error(`载入示例数据失败：${(e as Error).message}`);
  process.exit(1);
});
try {
  const status = await app.invoke('app.status', {});
  if (status.ok && !(status.value as { initialized: boolean }).initialized) {
    const setup = await app.invoke('app.setup', {
      mode: 'site',
      siteName: '揭阳职院',
      institution: {
        name: '揭阳职业技术学院',
        shortName: '揭阳职院',
        kind: '高职院校',
        region: '广东省揭阳市',
      },
    });
    if (!setup.ok) throw new Error(setup.error.message);
    console.log('已按示例完成首次设置：揭阳职业技术学院（站点模式）。');
  }
  const res = await app.invoke('demo.load', {});
  if (!res.ok) throw new Error(res.error.message);
  const { created } = res.value as { created: boolean };
  console.log(
    created
      ? `已载入示例数据「${DEMO_AGREEMENT_TITLE}」到 ${dataDir}`
      : `示例数据「${DEMO_AGREEMENT_TITLE}」已存在，未重复载入（${dataDir}）`,
  );
} catch (e) {
  console.error(`载入示例数据失败：${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  app.close();
}
