import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../helpers/db';
import { sectionText } from '../../helpers/reports';

// Seed 002: 天津职业大学 formed the 援和 group alone (two 组长, three 副组长, an office under 王昆).
const tianjinAgreement = async (t: TestApp) => {
  const tianjin = await t.call('institutions.create', { name: '天津职业大学', kind: '高职院校' });
  const hotan = await t.call('institutions.create', { name: '和田职业技术学院', kind: '高职院校' });
  const agreement = await t.call('agreements.create', {
    title: '天津职业大学援建和田职业技术学院项目',
    programType: '援疆',
    deliveryMode: '一对一',
    documentForm: '协议',
    periodStart: '2018',
    periodEnd: '2020',
    status: '执行中',
    parties: [
      { institutionId: tianjin.id, role: '支援方' },
      { institutionId: hotan.id, role: '受援方' },
    ],
    phases: [],
  });
  return { agreementId: agreement.id, tianjin: tianjin.id, hotan: hotan.id };
};

const member = (
  groupKind: '领导小组' | '办公室',
  name: string,
  role: '组长' | '副组长' | '成员' | '办公室主任' | '办公室成员',
  institutionId: string,
) => ({ groupKind, name, role, institutionId });

describe('the report’s leadership-group sentence', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof tianjinAgreement>>;
  beforeEach(async () => {
    t = await openTestApp();
    a = await tianjinAgreement(t);
  });
  afterEach(() => t.close());

  const leadership = async () =>
    sectionText(
      await t.call('reports.open', { agreementId: a.agreementId, year: 2018, template: 'seed004' }),
      'leadership',
    );

  const saveGroup = (members: ReturnType<typeof member>[]) =>
    t.call('groups.saveRevision', {
      agreementId: a.agreementId,
      revisedOn: '2018-09-28',
      approvedBy: '2018年第三十次校长办公会议',
      documentNumber: '津职大〔2018〕45号',
      members,
    });

  it('names both 组长 and all three 副组长, the one side that formed it, the office, the meeting and the date', async () => {
    await saveGroup([
      member('领导小组', '沈江', '组长', a.tianjin),
      member('领导小组', '刘斌', '组长', a.tianjin),
      member('领导小组', '马岩', '副组长', a.tianjin),
      member('领导小组', '樊顺厚', '副组长', a.tianjin),
      member('领导小组', '李树岭', '副组长', a.tianjin),
      member('领导小组', '王昆', '成员', a.tianjin),
      member('办公室', '王昆', '办公室主任', a.tianjin),
      member('办公室', '蔡丽娜', '办公室成员', a.tianjin),
    ]);
    const text = await leadership();
    expect(text).toContain(
      '天津职业大学成立帮扶工作领导小组，由沈江、刘斌任组长，马岩、樊顺厚、李树岭任副组长，领导小组成员共 6 人；办公室主任由王昆担任，办公室成员共 2 人。',
    );
    expect(text).toContain(
      '现行名单于 2018 年 9 月 28 日经2018年第三十次校长办公会议审议通过（津职大〔2018〕45号）',
    );
    expect(text).not.toContain('帮扶双方');
  });

  it('says 帮扶双方 only when members come from both sides', async () => {
    await saveGroup([
      member('领导小组', '沈江', '组长', a.tianjin),
      member('领导小组', '和田院长', '副组长', a.hotan),
    ]);
    expect(await leadership()).toContain('帮扶双方成立帮扶工作领导小组，由沈江任组长，和田院长任副组长');
  });

  it('leaves an empty sub-heading out of print (marked pending) and names the supporting side in the title', async () => {
    const doc = await t.call('reports.open', { agreementId: a.agreementId, year: 2018, template: 'seed004' });
    const leadershipPart = doc.sections.find((s) => s.key === 'leadership')!;
    // No group, no meetings, no visits yet: all three sub-headings wait to be written.
    expect(leadershipPart.paragraphs.map((p) => p.pending)).toEqual([true, true, true]);
    expect(doc.title).toBe('天津职业大学 2018 年援疆工作报告');
    expect(doc.institution).toBe('天津职业大学');
  });
});
