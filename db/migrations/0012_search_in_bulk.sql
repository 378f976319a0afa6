-- Search indexes kept in bulk (issue 15): inside a bulk write (a bundle import, a batch of activities, a
-- spreadsheet commit) the app sets bf_search_deferred(), and the triggers of 0009 stay quiet; their twins
-- below only note which activities need indexing (bf_search_later), and the writer indexes those rows with
-- one INSERT ... SELECT per chunk, before the transaction commits. Outside a bulk write nothing changes.
-- Also new: a removed activity row (a withdrawn creation) leaves both indexes. bf_search_* are registered
-- by the app, like bf_bigrams.
DROP TRIGGER IF EXISTS `fts_activities_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `fts_activities_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `fts_beneficiaries_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `fts_beneficiaries_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `fts_agreements_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `fts_parties_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `fts_parties_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `fts_institutions_update`;
--> statement-breakpoint
CREATE TRIGGER `fts_activities_insert` AFTER INSERT ON `activities` WHEN NOT bf_search_deferred() BEGIN
  DELETE FROM activities_fts WHERE rowid IN (NEW.rowid);
  DELETE FROM activities_bigrams WHERE rowid IN (NEW.rowid);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (NEW.rowid);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (NEW.rowid);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_activities_insert_later` AFTER INSERT ON `activities` WHEN bf_search_deferred() BEGIN
  SELECT bf_search_later(NEW.rowid);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_activities_update`
AFTER UPDATE OF title, place, outcome, notes, platform, organiser, agreement_id, deleted_at ON `activities`
WHEN NOT bf_search_deferred() BEGIN
  DELETE FROM activities_fts WHERE rowid IN (NEW.rowid);
  DELETE FROM activities_bigrams WHERE rowid IN (NEW.rowid);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (NEW.rowid);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (NEW.rowid);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_activities_update_later`
AFTER UPDATE OF title, place, outcome, notes, platform, organiser, agreement_id, deleted_at ON `activities`
WHEN bf_search_deferred() BEGIN
  SELECT bf_search_later(NEW.rowid);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_activities_delete` AFTER DELETE ON `activities` WHEN NOT bf_search_deferred() BEGIN
  DELETE FROM activities_fts WHERE rowid IN (OLD.rowid);
  DELETE FROM activities_bigrams WHERE rowid IN (OLD.rowid);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_activities_delete_later` AFTER DELETE ON `activities` WHEN bf_search_deferred() BEGIN
  SELECT bf_search_later(OLD.rowid);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_beneficiaries_insert` AFTER INSERT ON `activity_beneficiaries` WHEN NOT bf_search_deferred() BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE id = NEW.activity_id);
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE id = NEW.activity_id);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE id = NEW.activity_id);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE id = NEW.activity_id);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_beneficiaries_insert_later` AFTER INSERT ON `activity_beneficiaries` WHEN bf_search_deferred() BEGIN
  SELECT bf_search_later(rowid) FROM activities WHERE id = NEW.activity_id;
END;
--> statement-breakpoint
CREATE TRIGGER `fts_beneficiaries_update`
AFTER UPDATE OF activity_id, institution_id, deleted_at ON `activity_beneficiaries` WHEN NOT bf_search_deferred() BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id));
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id));
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id));
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id));
END;
--> statement-breakpoint
CREATE TRIGGER `fts_beneficiaries_update_later`
AFTER UPDATE OF activity_id, institution_id, deleted_at ON `activity_beneficiaries` WHEN bf_search_deferred() BEGIN
  SELECT bf_search_later(rowid) FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_agreements_update` AFTER UPDATE OF title, deleted_at ON `agreements` WHEN NOT bf_search_deferred() BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.id);
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.id);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.id);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_agreements_update_later` AFTER UPDATE OF title, deleted_at ON `agreements` WHEN bf_search_deferred() BEGIN
  SELECT bf_search_later(rowid) FROM activities WHERE agreement_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `fts_parties_insert` AFTER INSERT ON `agreement_parties` WHEN NOT bf_search_deferred() BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.agreement_id);
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.agreement_id);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.agreement_id);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.agreement_id);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_parties_insert_later` AFTER INSERT ON `agreement_parties` WHEN bf_search_deferred() BEGIN
  SELECT bf_search_later(rowid) FROM activities WHERE agreement_id = NEW.agreement_id;
END;
--> statement-breakpoint
CREATE TRIGGER `fts_parties_update`
AFTER UPDATE OF agreement_id, institution_id, deleted_at ON `agreement_parties` WHEN NOT bf_search_deferred() BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id IN (NEW.agreement_id, OLD.agreement_id));
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id IN (NEW.agreement_id, OLD.agreement_id));
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id IN (NEW.agreement_id, OLD.agreement_id));
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id IN (NEW.agreement_id, OLD.agreement_id));
END;
--> statement-breakpoint
CREATE TRIGGER `fts_parties_update_later`
AFTER UPDATE OF agreement_id, institution_id, deleted_at ON `agreement_parties` WHEN bf_search_deferred() BEGIN
  SELECT bf_search_later(rowid) FROM activities WHERE agreement_id IN (NEW.agreement_id, OLD.agreement_id);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_institutions_update` AFTER UPDATE OF name, short_name ON `institutions` WHEN NOT bf_search_deferred() BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT a.rowid FROM activities a WHERE a.agreement_id IN
      (SELECT p.agreement_id FROM agreement_parties p WHERE p.institution_id = NEW.id)
    OR a.id IN (SELECT b.activity_id FROM activity_beneficiaries b WHERE b.institution_id = NEW.id));
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT a.rowid FROM activities a WHERE a.agreement_id IN
      (SELECT p.agreement_id FROM agreement_parties p WHERE p.institution_id = NEW.id)
    OR a.id IN (SELECT b.activity_id FROM activity_beneficiaries b WHERE b.institution_id = NEW.id));
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT a.rowid FROM activities a WHERE a.agreement_id IN
      (SELECT p.agreement_id FROM agreement_parties p WHERE p.institution_id = NEW.id)
    OR a.id IN (SELECT b.activity_id FROM activity_beneficiaries b WHERE b.institution_id = NEW.id));
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT a.rowid FROM activities a WHERE a.agreement_id IN
      (SELECT p.agreement_id FROM agreement_parties p WHERE p.institution_id = NEW.id)
    OR a.id IN (SELECT b.activity_id FROM activity_beneficiaries b WHERE b.institution_id = NEW.id));
END;
--> statement-breakpoint
CREATE TRIGGER `fts_institutions_update_later` AFTER UPDATE OF name, short_name ON `institutions` WHEN bf_search_deferred() BEGIN
  SELECT bf_search_later(a.rowid) FROM activities a WHERE a.agreement_id IN
      (SELECT p.agreement_id FROM agreement_parties p WHERE p.institution_id = NEW.id)
    OR a.id IN (SELECT b.activity_id FROM activity_beneficiaries b WHERE b.institution_id = NEW.id);
END;
