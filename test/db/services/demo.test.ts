import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { zhCN } from '../../../renderer/i18n/zh-CN';
import { openTestApp, type TestApp } from '../../helpers/db';

// Issue 14, item 13: the first-run option says exactly what the demo loads: which agreement, between whom,
// and the year of its records.

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(() => t.close());

describe('the demo data', () => {
  it('loads the agreement, parties and year its first-run label names, in both languages', async () => {
    const { agreementId } = await t.call('demo.load', {});
    const agreement = await t.call('agreements.get', { id: agreementId });
    const names = agreement.parties.map((p) => [p.role, p.institutionName]);
    expect(names).toEqual([
      ['支援方', '揭阳职业技术学院'],
      ['受援方', '普宁市教育局'],
    ]);
    expect(await t.call('dashboard.years', {})).toEqual([2023]);
    expect(agreement.tasks.length).toBeGreaterThan(0);
    expect((await t.call('activities.list', {})).total).toBeGreaterThan(0);

    const zh = zhCN.setup.loadDemo;
    for (const text of [agreement.title, '揭阳职业技术学院', '普宁市教育局', '2023 年'])
      expect(zh).toContain(text);
    expect(en.setup.loadDemo).toMatch(
      new RegExp(`${agreement.periodStart}.${agreement.periodEnd}\\).*\\b2023\\b`),
    );
  });
});
