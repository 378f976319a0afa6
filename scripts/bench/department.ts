import { join } from 'node:path';
import { runChildPrinting } from './child';
import { COLLEGES, departmentData, PER_COLLEGE } from './departmentData';

// Issue 15's department: 100 colleges × 5,000 activities as their bundles leave them at the department.
// Each figure is what a person waits for through the API: opening the app (start to its first answer),
// the overview of every college, the whole department's annual report, Chinese searches and ledger pages.
// They are measured in a child (departmentRun.ts) running the app's code bundled, as the app ships it.

export const runDepartmentBench = async (root: string): Promise<void> => {
  const dataDir = join(root, 'department');
  const built = await departmentData(dataDir);
  console.log(
    `department: ${COLLEGES} colleges x ${PER_COLLEGE} activities ${built.cached ? 'copied from the cache' : 'built'} in ${(built.ms / 1000).toFixed(1)} s`,
  );
  await runChildPrinting('departmentRun.ts', [dataDir]);
};
