-- Loa schema 11: the ranked index beside the database (store/ranked_index.h) — a Xapian index
-- of every article's folded words and word pairs, which finds the best matches of a search
-- without reading every match as FTS5 must. Articles whose title or text changed wait here
-- until the index has taken them in (sync_ranked_index); the index is rebuilt from all the
-- articles when its directory is missing, so nothing is queued for the stored ones.

CREATE TABLE ranked_queue (
  article_id INTEGER PRIMARY KEY
);

CREATE TRIGGER ranked_queue_insert AFTER INSERT ON articles BEGIN
  INSERT OR IGNORE INTO ranked_queue (article_id) VALUES (new.id);
END;
CREATE TRIGGER ranked_queue_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT OR IGNORE INTO ranked_queue (article_id) VALUES (new.id);
END;
CREATE TRIGGER ranked_queue_delete AFTER DELETE ON articles BEGIN
  INSERT OR IGNORE INTO ranked_queue (article_id) VALUES (old.id);
END;
