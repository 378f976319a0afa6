-- The overview's "has evidence" (issue 15): activity_evidence holds, per activity with live files, how many
-- and the activity's start date, agreement and site while it is live (null otherwise), kept by the
-- triggers below on every write (API, sync import, bulk paths alike), and backfilled at the end. The
-- create statements are drizzle's; the triggers and the backfill are hand-written.
CREATE TABLE `activity_evidence` (
	`activity_id` text PRIMARY KEY NOT NULL,
	`files` integer NOT NULL,
	`start_date` text,
	`agreement_id` text,
	`site` text
);
--> statement-breakpoint
CREATE INDEX `activity_evidence_date_idx` ON `activity_evidence` (`start_date`,`agreement_id`,`site`);--> statement-breakpoint
CREATE TRIGGER `evidence_attachment_insert` AFTER INSERT ON `attachments`
WHEN NEW.entity_table = 'activities' AND NEW.deleted_at IS NULL BEGIN
  INSERT INTO activity_evidence (activity_id, files, start_date, agreement_id, site)
    SELECT NEW.entity_id, 1, a.start_date, a.agreement_id, a.owner_site
    FROM (SELECT 1) LEFT JOIN activities a ON a.id = NEW.entity_id AND a.deleted_at IS NULL
    WHERE true
  ON CONFLICT (activity_id) DO UPDATE SET files = files + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_attachment_update` AFTER UPDATE OF entity_table, entity_id, deleted_at ON `attachments` BEGIN
  UPDATE activity_evidence SET files = files - 1
    WHERE activity_id = OLD.entity_id AND OLD.entity_table = 'activities' AND OLD.deleted_at IS NULL;
  DELETE FROM activity_evidence WHERE activity_id = OLD.entity_id AND files <= 0;
  INSERT INTO activity_evidence (activity_id, files, start_date, agreement_id, site)
    SELECT NEW.entity_id, 1, a.start_date, a.agreement_id, a.owner_site
    FROM (SELECT 1) LEFT JOIN activities a ON a.id = NEW.entity_id AND a.deleted_at IS NULL
    WHERE NEW.entity_table = 'activities' AND NEW.deleted_at IS NULL
  ON CONFLICT (activity_id) DO UPDATE SET files = files + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_attachment_delete` AFTER DELETE ON `attachments`
WHEN OLD.entity_table = 'activities' AND OLD.deleted_at IS NULL BEGIN
  UPDATE activity_evidence SET files = files - 1 WHERE activity_id = OLD.entity_id;
  DELETE FROM activity_evidence WHERE activity_id = OLD.entity_id AND files <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_activity_insert` AFTER INSERT ON `activities` BEGIN
  UPDATE activity_evidence SET
    start_date = CASE WHEN NEW.deleted_at IS NULL THEN NEW.start_date END,
    agreement_id = CASE WHEN NEW.deleted_at IS NULL THEN NEW.agreement_id END,
    site = CASE WHEN NEW.deleted_at IS NULL THEN NEW.owner_site END
  WHERE activity_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_activity_update`
AFTER UPDATE OF start_date, agreement_id, owner_site, deleted_at ON `activities` BEGIN
  UPDATE activity_evidence SET
    start_date = CASE WHEN NEW.deleted_at IS NULL THEN NEW.start_date END,
    agreement_id = CASE WHEN NEW.deleted_at IS NULL THEN NEW.agreement_id END,
    site = CASE WHEN NEW.deleted_at IS NULL THEN NEW.owner_site END
  WHERE activity_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_activity_delete` AFTER DELETE ON `activities` BEGIN
  UPDATE activity_evidence SET start_date = NULL, agreement_id = NULL, site = NULL WHERE activity_id = OLD.id;
END;
--> statement-breakpoint
INSERT INTO activity_evidence (activity_id, files, start_date, agreement_id, site)
SELECT f.entity_id, count(*), a.start_date, a.agreement_id, a.owner_site
FROM attachments f LEFT JOIN activities a ON a.id = f.entity_id AND a.deleted_at IS NULL
WHERE f.entity_table = 'activities' AND f.deleted_at IS NULL
GROUP BY f.entity_id;
