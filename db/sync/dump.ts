import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from './bundle/canonical';
import { syncedTables } from './triggers';

/** SHA-256 over every synced table's rows in id order: two replicas holding the same data give the same hash. */
export const dumpHash = (db: Database.Database): string => {
  const hash = createHash('sha256');
  for (const t of syncedTables().sort((a, b) => (a.name < b.name ? -1 : 1))) {
    hash.update(`${t.name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${t.name}" ORDER BY id`).iterate())
      hash.update(`${canonicalJson(row)}\n`);
  }
  return hash.digest('hex');
};
