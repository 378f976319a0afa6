import { ACTIVITY_TYPES, type ActivityType } from '../../../electron/shared/domain';

// The words offices write in a 类型 column (or only in the title), and the activity type each means. The
// longest word a cell contains decides, so 教师培训推进会 is a 会议 and 技能大赛集训 a 技能竞赛指导.

const SYNONYMS: Record<ActivityType, string[]> = {
  培训: [
    '培训',
    '研修',
    '研修班',
    '培训班',
    '培训会',
    '轮训',
    '集训',
    '工作坊',
    '开班',
    '开班仪式',
    '结业',
    '结业典礼',
    '国培',
    '省培',
    '网络研修',
    '专题培训',
    '能力提升班',
    '训练营',
    '进修',
    '学习班',
  ],
  送教讲座: [
    '送教',
    '送培',
    '送培到校',
    '送教下乡',
    '讲座',
    '专题讲座',
    '报告会',
    '专题报告',
    '宣讲',
    '示范课',
    '公开课',
    '观摩课',
    '听评课',
    '听课',
    '评课',
    '教研',
    '教研活动',
    '同课异构',
    '授课',
    '名师课堂',
    '示范教学',
    '送课',
  ],
  调研对接: [
    '调研',
    '对接',
    '考察',
    '走访',
    '访问',
    '参观',
    '回访',
    '督导',
    '视导',
    '交流访问',
    '洽谈',
    '需求调研',
    '入校指导',
    '诊断',
  ],
  会议: [
    '会议',
    '推进会',
    '总结会',
    '交流会',
    '座谈会',
    '座谈',
    '研讨会',
    '研讨',
    '部署会',
    '动员会',
    '启动会',
    '联席会',
    '工作会',
    '例会',
    '论坛',
    '会商',
    '视频会',
    '现场会',
    '汇报会',
    '协调会',
    '碰头会',
    '年会',
  ],
  挂职: ['挂职', '挂任', '派驻', '挂职锻炼', '选派干部'],
  跟岗学习: ['跟岗', '跟岗学习', '跟班', '影子校长', '影子培训', '入校跟岗', '访学'],
  捐赠: ['捐赠', '捐助', '捐款', '捐物', '赠送', '资助', '慰问', '慰问金', '物资', '助学金', '奖学金'],
  技能竞赛指导: ['竞赛', '大赛', '比赛', '技能赛', '技能大赛', '赛前集训', '赛项'],
  志愿服务: ['志愿', '志愿服务', '义诊', '义务', '公益', '三下乡', '社会实践'],
  实习支教: ['支教', '实习', '顶岗', '顶岗实习', '实习支教'],
  招生与学历提升: ['招生', '学历', '学历提升', '升学', '专升本', '成人教育', '函授', '自考', '联合招生'],
  签约: ['签约', '签订', '签署', '签约仪式', '协议签订', '揭牌', '授牌'],
  其他: ['其他', '其它'],
};

const WORDS: [string, ActivityType][] = (Object.entries(SYNONYMS) as [ActivityType, string[]][])
  .flatMap(([type, words]) => words.map((w) => [w, type] as [string, ActivityType]))
  .sort((a, b) => b[0].length - a[0].length);

/** The activity type a cell (or a title) names, or null when it names none. */
export const readActivityType = (text: string): ActivityType | null => {
  const s = text.replace(/\s/g, '');
  if ((ACTIVITY_TYPES as readonly string[]).includes(s)) return s as ActivityType;
  return WORDS.find(([word]) => s.includes(word))?.[1] ?? null;
};

/** 线上 / 线下 and the ways spreadsheets say them; null when the cell says something else. */
export const readOnline = (text: string): boolean | null => {
  const s = text.replace(/\s/g, '').toLowerCase();
  if (
    ['线上', '网络', '在线', '线上直播', '直播', '视频', 'online', '是', 'true', '√', 'y', 'yes'].includes(s)
  )
    return true;
  if (['线下', '现场', '面授', '实地', 'offline', '否', 'false', '×', 'n', 'no'].includes(s)) return false;
  return null;
};
