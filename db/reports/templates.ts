import type { ReportTemplate } from '../../electron/shared/domain';
import type { Paragraph } from '../../electron/shared/schemas/reports';
import { eventList, outcomes, taskLines, trainingParagraph } from './activityParagraphs';
import type { Facts } from './facts';
import type { Book } from './figures';
import { funding, routine } from './ledgerParagraphs';
import { leadership } from './leadership';

// The two report shapes the seeds show (DESIGN.md §2): seed 001's three parts with the 汇总表, and seed
// 004's seven parts that follow the province's assessment. A generated part is written from the year's
// records; a narrative part is whatever people write and save.

export type SectionSpec =
  | { key: string; heading: string; kind: 'generated'; write: (facts: Facts, book: Book) => Paragraph[] }
  | { key: string; heading: string; kind: 'narrative' | 'summary' };

const CN_NUMBERS = '一二三四五六七八九十';
const sub = (i: number, text: string): Paragraph => ({
  runs: [{ text: `（${CN_NUMBERS[i]}）${text}` }],
  sub: true,
});

const TEMPLATES: Record<ReportTemplate, SectionSpec[]> = {
  seed001: [
    {
      key: 'progress',
      heading: '一、主要工作进展与成绩',
      kind: 'generated',
      write: (f, b) => [
        sub(0, '加强组织领导，建立健全工作机制'),
        ...leadership(f),
        ...eventList(f, b, '会议', 'meetings.count', '工作会议', '全年召开工作会议 '),
        sub(1, '开展培训与交流'),
        ...trainingParagraph(f, b),
        ...eventList(f, b, '调研对接', 'visits.count', '调研对接', '开展调研对接 '),
        sub(2, '推进帮扶项目'),
        ...taskLines(f, b),
        sub(3, '日常工作与成果'),
        ...routine(f, b),
        ...outcomes(f, b),
      ],
    },
    { key: 'problems', heading: '二、存在问题与不足', kind: 'narrative' },
    { key: 'next', heading: '三、下一阶段工作设想', kind: 'narrative' },
    { key: 'summary', heading: '附件：结对帮扶计划实施情况汇总表', kind: 'summary' },
  ],
  seed004: [
    {
      key: 'leadership',
      heading: '一、组织领导',
      kind: 'generated',
      write: (f, b) => [
        sub(0, '成立帮扶工作领导小组'),
        ...leadership(f),
        sub(1, '召开帮扶工作推进会、研讨会'),
        ...eventList(f, b, '会议', 'meetings.count', '工作会议', '全年召开帮扶工作会议 '),
        sub(2, '开展调研对接活动'),
        ...eventList(f, b, '调研对接', 'visits.count', '调研对接', '全年开展调研对接 '),
      ],
    },
    { key: 'rules', heading: '二、制度建设', kind: 'narrative' },
    { key: 'funding', heading: '三、资金支持', kind: 'generated', write: funding },
    { key: 'routine', heading: '四、平时工作', kind: 'generated', write: routine },
    {
      key: 'tasks',
      heading: '五、帮扶任务落实情况',
      kind: 'generated',
      write: (f, b) => [
        sub(0, '落实帮扶工作计划'),
        ...trainingParagraph(f, b),
        sub(1, '推动年度帮扶项目落地'),
        ...taskLines(f, b),
        ...outcomes(f, b),
      ],
    },
    { key: 'problems', heading: '六、主要困难与问题', kind: 'narrative' },
    { key: 'next', heading: '七、下一步工作设想', kind: 'narrative' },
    { key: 'summary', heading: '附件：结对帮扶计划实施情况汇总表', kind: 'summary' },
  ],
};

export const templateSections = (template: ReportTemplate): SectionSpec[] => TEMPLATES[template];
