import { describe, expect, it } from 'vitest';
import { findingsOf, JUSTIFIED, justification } from '../../scripts/electronegativity';

const finding = (ruleId: string, file: string) => ({ ruleId, file, message: 'm' });

describe('electronegativity allow-list', () => {
  it('fails any finding it has no written reason for', () => {
    expect(justification(finding('NODE_INTEGRATION_JS_CHECK', 'electron/main/window.ts'))).toBeUndefined();
  });

  it('holds a justification to its file: the same rule elsewhere still fails', () => {
    expect(justification(finding('OPEN_EXTERNAL_JS_CHECK', 'electron/main/security.ts'))).toMatch(/http/);
    expect(justification(finding('OPEN_EXTERNAL_JS_CHECK', 'renderer/features/x.tsx'))).toBeUndefined();
    expect(justification(finding('OPEN_EXTERNAL_JS_CHECK', 'electron\\main\\security.ts'))).toMatch(/http/);
  });

  it('stays short, and every entry says why', () => {
    expect(JUSTIFIED.length).toBeLessThanOrEqual(6);
    for (const j of JUSTIFIED) expect(j.why.length).toBeGreaterThan(40);
  });

  it('reads rule, file and message from the SARIF report', () => {
    const sarif = {
      runs: [
        {
          results: [
            {
              ruleId: 'SANDBOX_JS_CHECK',
              message: { text: 'sandbox off' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'electron/main/index.ts' } } }],
            },
          ],
        },
      ],
    };
    expect(findingsOf(sarif)).toEqual([
      { ruleId: 'SANDBOX_JS_CHECK', file: 'electron/main/index.ts', message: 'sandbox off' },
    ]);
  });
});
