import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../helpers/db';
import { figureSources, SEED004_HEADINGS, seed004Year, sectionText } from '../../helpers/reports';
import { exchange, openDepartment } from '../../helpers/sync';

describe('annual report model, seed 004 template', () => {
  let t: TestApp;
  let year: Awaited<ReturnType<typeof seed004Year>>;
  beforeEach(async () => {
    t = await openTestApp();
    year = await seed004Year(t);
  });
  afterEach(() => t.close());

  const open = () =>
    t.call('reports.open', { agreementId: year.agreementId, year: 2023, template: 'seed004' });

  it('states the seed report’s figures, each task with what its activities achieved', async () => {
    const doc = await open();
    expect(doc.sections.map((s) => s.heading)).toEqual(SEED004_HEADINGS);
    expect(doc.title).toBe('揭阳职业技术学院 2023 年基础教育帮扶工作报告');
    const tasks = sectionText(doc, 'tasks');
    expect(tasks).toContain(
      '教师信息技术应用能力培训。线上培训 1 期，共 5 天，培训教师 50 人次，主讲教师 6 名。',
    );
    expect(tasks).toContain('教师能力素养培训。培训 1 期，共 1 天，培训教师 58 人次。');
    expect(tasks).toContain('开展师范生实习支教。实习支教学生 118 人。');
    expect(tasks).toContain('幼儿园教师学历提升工程。报名 81 人，录取 33 人，学费减免 30%。');
    expect(tasks).toContain('全年开展培训 3 期，培训教师 108 人次，累计 7 天，其中线上 1 期、50 人次。');
    expect(sectionText(doc, 'funding')).toContain('2023 年帮扶支出预算共 21 万元，已登记支出 0 元。');
    expect(sectionText(doc, 'funding')).toContain('学历提升项目报名 81 人，录取 33 人，学费减免 30%。');
    const leadership = sectionText(doc, 'leadership');
    expect(leadership).toContain('由罗恢远');
    expect(leadership).toContain('全年召开帮扶工作会议 4 次：3 月 21 日，2023 年基础教育帮扶工作推进会');
    expect(leadership).toContain('全年开展调研对接 2 次');
    // The December plan has one of two items done, April all four: five of six.
    expect(sectionText(doc, 'routine')).toContain('计划事项 6 项，已完成 5 项，完成率 83.3%');
  });

  it('links each figure to the records it was counted from', async () => {
    const doc = await open();
    const teachers = doc.figures['year.training.teachers']!;
    expect(teachers.value).toBe(108);
    const sources = await figureSources(t, doc, 'year.training.teachers');
    expect(teachers.sources).toBe(sources.length);
    const titles = sources.map((r) => r.title).sort();
    // The 美育 training recorded no teachers, so it is not among the sources of the teachers trained.
    expect(titles).toEqual(['教师信息技术应用能力培训', '普宁市音乐、美术教师能力素养培训'].sort());
    expect(sources.map((r) => r.part)).toEqual(sources.map((r) => (r.id === year.artTraining.id ? 58 : 50)));
    const run = doc.sections
      .find((s) => s.key === 'tasks')!
      .paragraphs.flatMap((p) => p.runs)
      .find((r) => r.text === '58 人次')!;
    expect((await figureSources(t, doc, run.figure!)).map((r) => r.id)).toEqual([year.artTraining.id]);
    expect(doc.figures['money.budget']).toMatchObject({ value: 210000, unit: '元', sources: 1 });
    expect((await figureSources(t, doc, 'money.budget')).map((r) => r.id)).toEqual([year.agreementId]);
  });

  it('ships figures without their records, which come a page at a time when asked', async () => {
    const doc = await open();
    expect(JSON.stringify(doc.figures)).not.toContain(year.artTraining.id);
    expect(doc).not.toHaveProperty('records');
    for (const f of Object.values(doc.figures)) {
      const all = await figureSources(t, doc, f.id);
      expect(all).toHaveLength(f.sources);
      const paged = [];
      for (let offset = 0; offset < f.sources; offset += 2)
        paged.push(
          ...(
            await t.call('reports.figureSources', {
              reportId: doc.reportId,
              figureId: f.id,
              offset,
              limit: 2,
            })
          ).sources,
        );
      expect(paged).toEqual(all);
    }
    await expect(
      t.call('reports.figureSources', { reportId: doc.reportId, figureId: 'no.such.figure' }),
    ).rejects.toThrow(/不存在|找不到/);
  });

  it('carries only the figures its text shows; a task’s unnamed activities keep theirs for Excel and on request', async () => {
    const taskId = year.taskId('教师能力素养培训');
    const trainings = Array.from({ length: 9 }, (_, i) => ({
      agreementId: year.agreementId,
      taskId,
      type: '培训' as const,
      title: `骨干教师培训第${i + 1}期`,
      startDate: `2023-0${i + 1}-20`,
      teachers: 10 + i,
    }));
    const { ids } = await t.call('activities.createBatch', { activities: trainings });
    const doc = await open();
    const shown = new Set(
      doc.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.runs.map((r) => r.figure))),
    );
    shown.delete(undefined);
    expect(new Set(Object.keys(doc.figures))).toEqual(shown);
    for (const s of doc.sections)
      expect(s.figures).toEqual([
        ...new Set(s.paragraphs.flatMap((p) => p.runs.flatMap((r) => (r.figure ? [r.figure] : [])))),
      ]);
    // The task names six activities with their own numbers and counts the rest: the ninth is not named.
    const last = `task.${taskId}.${ids[8]}.training.teachers`;
    expect(doc.figures[last]).toBeUndefined();
    expect(sectionText(doc, 'tasks')).toContain('等（另有 4 项，见活动台账）');
    const answer = await t.call('reports.figureSources', { reportId: doc.reportId, figureId: last });
    expect(answer.figure).toMatchObject({ value: 18, sources: 1 });
    expect(answer.sources.map((r) => [r.id, r.part])).toEqual([[ids[8], 18]]);
    const xlsx = await t.call('reports.export', { reportId: doc.reportId, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    const labels = book.getWorksheet('主要数据')!.getColumn(1).values;
    expect(labels).toContain('骨干教师培训第9期：培训教师');
    expect(doc.summary.every((r) => !('refs' in r))).toBe(true);
  });

  it('answers a figure’s records from the records as they are now, not as when the report was read', async () => {
    const doc = await open();
    const lecture = await t.call('activities.create', {
      agreementId: year.agreementId,
      type: '送教讲座',
      title: '送教下乡讲座',
      startDate: '2023-10-12',
      teachers: 20,
    });
    const sources = await figureSources(t, doc, 'year.training.teachers');
    expect(sources.find((r) => r.id === lecture.id)?.part).toBe(20);
  });

  it('follows records as they are added, edited and deleted', async () => {
    const teachers = async () => (await open()).figures['year.training.teachers']!.value;
    const lecture = {
      agreementId: year.agreementId,
      type: '送教讲座' as const,
      title: '送教下乡讲座',
      startDate: '2023-10-12',
      teachers: 20,
    };
    const extra = await t.call('activities.create', lecture);
    expect(await teachers()).toBe(128);
    await t.call('activities.update', { ...lecture, id: extra.id, teachers: 25 });
    expect(await teachers()).toBe(133);
    await t.call('activities.delete', { id: extra.id });
    expect(await teachers()).toBe(108);
    // Another year's training is not this year's.
    await t.call('activities.create', {
      agreementId: year.agreementId,
      type: '培训',
      title: '2024 年培训',
      startDate: '2024-03-01',
      teachers: 40,
    });
    expect(await teachers()).toBe(108);
  });

  it('keeps written sections and edited paragraphs, and resets an edit to the generated text', async () => {
    const doc = await open();
    await t.call('reports.saveSection', {
      reportId: doc.reportId,
      key: 'problems',
      body: '帮扶专项资金投入与需求还存在一定的差距。\n\n受援地教师参训时间难以集中。',
    });
    const edited = await t.call('reports.saveSection', {
      reportId: doc.reportId,
      key: 'funding',
      body: '2023 年基础教育帮扶支出预算共 21 万元（含学费减免）。',
    });
    const problems = edited.sections.find((s) => s.key === 'problems')!;
    expect(problems.paragraphs.map((p) => p.runs[0]!.text)).toEqual([
      '帮扶专项资金投入与需求还存在一定的差距。',
      '受援地教师参训时间难以集中。',
    ]);
    const funding = edited.sections.find((s) => s.key === 'funding')!;
    expect(funding).toMatchObject({
      edited: true,
      body: '2023 年基础教育帮扶支出预算共 21 万元（含学费减免）。',
    });
    // The figures stay listed beside an edited section.
    expect(funding.figures).toContain('money.budget');

    // Reopening finds the same report with what was written.
    const again = await open();
    expect(again.reportId).toBe(doc.reportId);
    expect(sectionText(again, 'problems')).toContain('受援地教师参训时间难以集中。');

    const reset = await t.call('reports.resetSection', { reportId: doc.reportId, key: 'funding' });
    expect(reset.sections.find((s) => s.key === 'funding')!.edited).toBe(false);
    expect(sectionText(reset, 'funding')).toContain('已登记支出 0 元');

    // Written sections travel with sync like any record.
    const synced = t
      .raw()
      .prepare("SELECT count(*) AS n FROM change_log WHERE tbl IN ('reports', 'report_sections')")
      .get() as { n: number };
    expect(synced.n).toBeGreaterThanOrEqual(4);
  });

  it('names the first twelve meetings of a busy year and counts the rest', async () => {
    await t.call('activities.createBatch', {
      activities: Array.from({ length: 20 }, (_, i) => ({
        agreementId: year.agreementId,
        type: '会议' as const,
        title: `周例会 ${i + 1}`,
        startDate: `2023-10-${String(i + 1).padStart(2, '0')}`,
      })),
    });
    const leadership = sectionText(await open(), 'leadership');
    expect(leadership).toContain('全年召开帮扶工作会议 24 次：3 月 21 日，2023 年基础教育帮扶工作推进会');
    expect(leadership).toContain('10 月 9 日，周例会 9等（另有 12 次，见活动台账）。');
    expect(leadership).not.toContain('周例会 10');
  });

  it('refuses to edit the summary table or a part the template lacks, in Chinese', async () => {
    const doc = await open();
    for (const key of ['summary', 'nonexistent'])
      await expect(t.call('reports.saveSection', { reportId: doc.reportId, key, body: 'x' })).rejects.toThrow(
        '报告中没有这一部分，或这一部分不能编辑',
      );
    await expect(t.call('reports.resetSection', { reportId: doc.reportId, key: 'problems' })).rejects.toThrow(
      '只有自动生成的部分可以恢复为生成内容',
    );
    await expect(
      t.call('reports.open', { agreementId: year.agreementId, year: 1999, template: 'seed004' }),
    ).rejects.toThrow('年度不能早于 2000 年');
    // Without a shell that can print (Electron, or the bridge's Chromium), PDF points to the print preview.
    await expect(t.call('reports.pdf', { reportId: doc.reportId })).rejects.toThrow(
      '此环境不能直接生成 PDF：请在「打印预览」中选择「打印 / 存为 PDF」',
    );
  });

  it('fills the 汇总表 with one row per task of the year', async () => {
    const doc = await open();
    const row = doc.summary.find((r) => r.cells[1] === '教师信息技术应用能力培训')!;
    expect(row.cells).toEqual([
      3,
      '教师信息技术应用能力培训',
      '',
      '信息工程系',
      '',
      '',
      '2023-12-14',
      '进行中（计划事项完成 1/1）',
      '线上培训 1 期，共 5 天，培训教师 50 人次，主讲教师 6 名',
      0,
      '',
    ]);
    expect(doc.summary.map((r) => r.cells[0])).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('annual report model, seed 001 template and the whole site', () => {
  it('writes three parts and the table, covering every agreement of the site', async () => {
    const t = await openTestApp();
    try {
      const year = await seed004Year(t);
      const doc = await t.call('reports.open', { agreementId: null, year: 2023, template: 'seed001' });
      expect(doc.sections.map((s) => s.heading)).toEqual([
        '一、主要工作进展与成绩',
        '二、存在问题与不足',
        '三、下一阶段工作设想',
        '附件：结对帮扶计划实施情况汇总表',
      ]);
      expect(doc.scopeLabel).toBe('全部协议（1 项）');
      expect(sectionText(doc, 'progress')).toContain('全年开展培训 3 期，培训教师 108 人次');
      expect(doc.summary).toHaveLength(6);
      expect((await t.call('reports.list', {})).map((r) => [r.agreementId, r.template])).toEqual([
        [null, 'seed001'],
      ]);
      expect(year.agreementId).toBeTruthy();
    } finally {
      t.close();
    }
  });

  it('keeps a site’s own report apart from the department’s, while an agreement’s report is shared', async () => {
    const site = await openTestApp();
    const dept = await openDepartment();
    try {
      const year = await seed004Year(site);
      const mine = await site.call('reports.open', { agreementId: null, year: 2023, template: 'seed001' });
      await site.call('reports.saveSection', {
        reportId: mine.reportId,
        key: 'problems',
        body: '学校写的问题',
      });
      const agreementReport = await site.call('reports.open', {
        agreementId: year.agreementId,
        year: 2023,
        template: 'seed004',
      });
      await exchange(site, dept);
      const deptOwn = await dept.call('reports.open', { agreementId: null, year: 2023, template: 'seed001' });
      expect(deptOwn.reportId).not.toBe(mine.reportId);
      expect(sectionText(deptOwn, 'problems')).toBe('');
      expect(deptOwn.institution).toBe('广东省教育厅');
      const shared = await dept.call('reports.open', {
        agreementId: year.agreementId,
        year: 2023,
        template: 'seed004',
      });
      expect(shared.reportId).toBe(agreementReport.reportId);
    } finally {
      site.close();
      dept.close();
    }
  });
});
