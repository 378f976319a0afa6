-- Full-text search over activities (title, place, outcome, notes), kept in step by triggers inside each
-- write's transaction. Tombstoned activities leave both indexes. bf_bigrams() is registered by the app.
CREATE VIRTUAL TABLE `activities_fts` USING fts5(title, place, outcome, notes, content='activities', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE VIRTUAL TABLE `activities_bigrams` USING fts5(words, content='', contentless_delete=1, tokenize='unicode61');
--> statement-breakpoint
CREATE TRIGGER `fts_activities_insert` AFTER INSERT ON `activities` WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO activities_fts (rowid, title, place, outcome, notes) VALUES (NEW.rowid, NEW.title, NEW.place, NEW.outcome, NEW.notes);
  INSERT INTO activities_bigrams (rowid, words) VALUES (NEW.rowid, bf_bigrams(concat_ws(' ', NEW.title, NEW.place, NEW.outcome, NEW.notes)));
END;
--> statement-breakpoint
CREATE TRIGGER `fts_activities_update` AFTER UPDATE OF title, place, outcome, notes, deleted_at ON `activities` BEGIN
  INSERT INTO activities_fts (activities_fts, rowid, title, place, outcome, notes)
    SELECT 'delete', OLD.rowid, OLD.title, OLD.place, OLD.outcome, OLD.notes WHERE OLD.deleted_at IS NULL;
  DELETE FROM activities_bigrams WHERE rowid = OLD.rowid;
  INSERT INTO activities_fts (rowid, title, place, outcome, notes)
    SELECT NEW.rowid, NEW.title, NEW.place, NEW.outcome, NEW.notes WHERE NEW.deleted_at IS NULL;
  INSERT INTO activities_bigrams (rowid, words)
    SELECT NEW.rowid, bf_bigrams(concat_ws(' ', NEW.title, NEW.place, NEW.outcome, NEW.notes)) WHERE NEW.deleted_at IS NULL;
END;
--> statement-breakpoint
INSERT INTO activities_fts (rowid, title, place, outcome, notes)
  SELECT rowid, title, place, outcome, notes FROM activities WHERE deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO activities_bigrams (rowid, words)
  SELECT rowid, bf_bigrams(concat_ws(' ', title, place, outcome, notes)) FROM activities WHERE deleted_at IS NULL;
