import { describe, expect, it } from 'vitest';
import * as domain from '../../electron/shared/domain';
import { en } from '../../renderer/i18n/en';
import { enEnums, enumValues, zhEnums } from '../../renderer/i18n/enums';
import { zhCN } from '../../renderer/i18n/zh-CN';

const keysOf = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('interface language', () => {
  it('has every domain term labelled in both languages, in the domain’s order', () => {
    const pairs = [
      ['institutionKind', domain.INSTITUTION_KINDS],
      ['programType', domain.PROGRAM_TYPES],
      ['deliveryMode', domain.DELIVERY_MODES],
      ['documentForm', domain.DOCUMENT_FORMS],
      ['agreementStatus', domain.AGREEMENT_STATUSES],
      ['partyRole', domain.PARTY_ROLES],
      ['groupKind', domain.GROUP_KINDS],
      ['memberRole', domain.MEMBER_ROLES],
      ['taskCategory', domain.TASK_CATEGORIES],
      ['taskStatus', domain.TASK_STATUSES],
      ['planStatus', domain.PLAN_STATUSES],
      ['activityType', domain.ACTIVITY_TYPES],
      ['secondmentDirection', domain.SECONDMENT_DIRECTIONS],
      ['outcomeKind', domain.OUTCOME_KINDS],
      ['outcomeLevel', domain.OUTCOME_LEVELS],
      ['appMode', domain.APP_MODES],
    ] as const;
    for (const [name, values] of pairs) {
      expect(enumValues(name)).toEqual([...values]);
      for (const v of values) {
        expect((enEnums[name] as Record<string, string>)[v]).toMatch(/\S/);
        expect((zhEnums[name] as Record<string, string>)[v]).toMatch(/\S/);
      }
    }
  });

  it('shows the stored Chinese terms unchanged in Chinese', () => {
    expect(zhEnums.programType['基础教育帮扶']).toBe('基础教育帮扶');
    expect(enEnums.programType['基础教育帮扶']).toBe('Basic-education assistance');
  });

  it('has the same message keys in English as in Chinese, none empty', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
    for (const k of keysOf(en))
      expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en)).toMatch(/\S/);
  });

  it('has no Chinese in any English message or English domain label (issue 14, item 13)', () => {
    const cjk = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
    const valueOf = (k: string) =>
      k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en);
    expect(keysOf(en).filter((k) => cjk.test(String(valueOf(k))))).toEqual([]);
    const labels = Object.entries(enEnums).flatMap(([name, m]) =>
      Object.values(m as Record<string, string>).map((v) => `${name}: ${v}`),
    );
    expect(labels.filter((l) => cjk.test(l))).toEqual([]);
  });
});
