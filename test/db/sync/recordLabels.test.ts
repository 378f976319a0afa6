import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

// Issue 14, item 13: the Sync page's record list names a party by its institution, not by the stored role
// (支援方), which no language but Chinese could show.

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(() => t.close());

describe('records on their way to the department', () => {
  it('are labelled by what a person recognises: a party by its institution’s name', async () => {
    await seedAgreement(t);
    const { rows } = await t.call('sync.records', {});
    expect(
      rows
        .filter((r) => r.table === 'agreement_parties')
        .map((r) => r.label)
        .sort(),
    ).toEqual(['揭阳职业技术学院', '普宁市教育局'].sort());
  });
});
