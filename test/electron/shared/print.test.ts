import { describe, expect, it } from 'vitest';
import { printFragment, printTargetOf } from '../../../electron/shared/print';

const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('print view fragments', () => {
  it('name a report or a monthly plan and read back as the same target', () => {
    for (const target of [
      { kind: 'report' as const, id: ID },
      { kind: 'plan' as const, agreementId: ID, month: '2023-12' },
    ])
      expect(printTargetOf(printFragment(target))).toEqual(target);
  });

  it('open nothing for anything else', () => {
    for (const hash of [
      '',
      '#',
      '#print=',
      '#print=not-an-id',
      `#print=${ID}x`,
      `#plan=${ID}`,
      `#plan=${ID}:2023-1`,
      `#plan=x:2023-12`,
    ])
      expect(printTargetOf(hash)).toBeNull();
  });
});
