-- Search finds an activity by every text a person sees on it: besides its title, place, outcome and notes,
-- its online platform (腾讯会议), organiser, beneficiary institutions, and its agreement's title and parties'
-- names (search 林芝 finds the activities of the 林芝 agreement). The indexes now hold their own copy of that
-- text (it spans several tables, so no one table can be the FTS content table), kept in step by triggers on
-- every table it comes from, inside each write's transaction. bf_bigrams() is registered by the app.
DROP TRIGGER IF EXISTS `fts_activities_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `fts_activities_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `activities_fts`;
--> statement-breakpoint
DROP TABLE IF EXISTS `activities_bigrams`;
--> statement-breakpoint
-- What the search indexes hold for each live activity, one row per activity (rid is its rowid).
CREATE VIEW `activity_search` AS
SELECT a.rowid AS rid, a.title, a.place, a.outcome, a.notes, a.platform, a.organiser,
  concat_ws(' ',
    g.title,
    (SELECT group_concat(concat_ws(' ', i.name, i.short_name), ' ')
       FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id
       WHERE p.agreement_id = a.agreement_id AND p.deleted_at IS NULL),
    (SELECT group_concat(concat_ws(' ', i.name, i.short_name), ' ')
       FROM activity_beneficiaries b JOIN institutions i ON i.id = b.institution_id
       WHERE b.activity_id = a.id AND b.deleted_at IS NULL)
  ) AS context
FROM activities a JOIN agreements g ON g.id = a.agreement_id
WHERE a.deleted_at IS NULL;
--> statement-breakpoint
CREATE VIRTUAL TABLE `activities_fts` USING fts5(title, place, outcome, notes, platform, organiser, context, tokenize='trigram');
--> statement-breakpoint
CREATE VIRTUAL TABLE `activities_bigrams` USING fts5(words, content='', contentless_delete=1, tokenize='unicode61');
--> statement-breakpoint
CREATE TRIGGER `fts_activities_insert` AFTER INSERT ON `activities` BEGIN
  DELETE FROM activities_fts WHERE rowid IN (NEW.rowid);
  DELETE FROM activities_bigrams WHERE rowid IN (NEW.rowid);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (NEW.rowid);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (NEW.rowid);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_activities_update`
AFTER UPDATE OF title, place, outcome, notes, platform, organiser, agreement_id, deleted_at ON `activities` BEGIN
  DELETE FROM activities_fts WHERE rowid IN (NEW.rowid);
  DELETE FROM activities_bigrams WHERE rowid IN (NEW.rowid);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (NEW.rowid);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (NEW.rowid);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_beneficiaries_insert` AFTER INSERT ON `activity_beneficiaries` BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE id = NEW.activity_id);
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE id = NEW.activity_id);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE id = NEW.activity_id);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE id = NEW.activity_id);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_beneficiaries_update`
AFTER UPDATE OF activity_id, institution_id, deleted_at ON `activity_beneficiaries` BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id));
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id));
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id));
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE id IN (NEW.activity_id, OLD.activity_id));
END;
--> statement-breakpoint
CREATE TRIGGER `fts_agreements_update` AFTER UPDATE OF title, deleted_at ON `agreements` BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.id);
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.id);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.id);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_parties_insert` AFTER INSERT ON `agreement_parties` BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.agreement_id);
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.agreement_id);
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.agreement_id);
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id = NEW.agreement_id);
END;
--> statement-breakpoint
CREATE TRIGGER `fts_parties_update`
AFTER UPDATE OF agreement_id, institution_id, deleted_at ON `agreement_parties` BEGIN
  DELETE FROM activities_fts WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id IN (NEW.agreement_id, OLD.agreement_id));
  DELETE FROM activities_bigrams WHERE rowid IN (SELECT rowid FROM activities WHERE agreement_id IN (NEW.agreement_id, OLD.agreement_id));
  INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id IN (NEW.agreement_id, OLD.agreement_id));
  INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context))
    FROM activity_search WHERE rid IN (SELECT rowid FROM activities WHERE agreement_id IN (NEW.agreement_id, OLD.agreement_id));
END;
--> statement-breakpoint
CREATE TRIGGER `fts_institutions_update` AFTER UPDATE OF name, short_name ON `institutions` BEGIN
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
INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
  SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search;
--> statement-breakpoint
INSERT INTO activities_bigrams (rowid, words)
  SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context)) FROM activity_search;
