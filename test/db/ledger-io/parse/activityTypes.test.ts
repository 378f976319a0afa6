import { describe, expect, it } from 'vitest';
import { readActivityType, readOnline } from '../../../../db/ledger-io/parse/activityTypes';

describe('activity types from the words offices use', () => {
  it('maps the loose words to types, the longest word deciding', () => {
    const cases: [string, string | null][] = [
      ['研修班', '培训'],
      ['开班仪式', '培训'],
      ['推进会', '会议'],
      ['总结会', '会议'],
      ['交流会', '会议'],
      ['教师培训推进会', '会议'],
      ['教研活动', '送教讲座'],
      ['听评课', '送教讲座'],
      ['示范课', '送教讲座'],
      ['送培到校', '送教讲座'],
      ['慰问', '捐赠'],
      ['技能大赛集训', '技能竞赛指导'],
      ['技能竞赛指导', '技能竞赛指导'],
      ['签约仪式', '签约'],
      ['顶岗实习', '实习支教'],
      ['影子校长跟岗', '跟岗学习'],
      ['专升本辅导', '招生与学历提升'],
      ['实地考察', '调研对接'],
      ['联欢', null],
    ];
    for (const [text, type] of cases) expect([text, readActivityType(text)]).toEqual([text, type]);
  });

  it('reads 线上 / 线下 and refuses anything else', () => {
    expect(readOnline('线上')).toBe(true);
    expect(readOnline('腾讯会议')).toBeNull();
    expect(readOnline('现场')).toBe(false);
  });
});
