import type Database from 'better-sqlite3';
import { canonicalJson } from '../../db/sync/bundle/canonical';
import { syncedTables } from '../../db/sync/triggers';

/** The rows two replicas do not share, per table: what a failed dump-hash comparison would not say. */
export const dumpDiff = (a: Database.Database, b: Database.Database): string[] => {
  const out: string[] = [];
  for (const t of syncedTables()) {
    const rows = (db: Database.Database) =>
      (db.prepare(`SELECT * FROM "${t.name}" ORDER BY id`).all() as object[]).map((r) => canonicalJson(r));
    const [ra, rb] = [rows(a), rows(b)];
    const [sa, sb] = [new Set(ra), new Set(rb)];
    for (const r of ra) if (!sb.has(r)) out.push(`${t.name} only in the first: ${r}`);
    for (const r of rb) if (!sa.has(r)) out.push(`${t.name} only in the second: ${r}`);
  }
  return out;
};
