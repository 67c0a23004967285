-- Loa schema 6: polling the press. What each poll of a source found (for adaptive intervals,
-- back-off and the health view), robots.txt per host, the pages as fetched (compressed, for
-- re-processing when extraction improves), and stories: near-duplicate articles grouped under
-- the first one seen (news/simhash.h).

ALTER TABLE sources ADD COLUMN interval_seconds INTEGER;  -- adapted; NULL: poll_seconds
ALTER TABLE sources ADD COLUMN last_status INTEGER;       -- HTTP status of the last answer
ALTER TABLE sources ADD COLUMN last_ok_at TEXT;           -- the last poll that got an answer
ALTER TABLE sources ADD COLUMN polls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN articles_added INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sources_due ON sources(active, next_poll_at);

CREATE TABLE hosts (
  host              TEXT PRIMARY KEY,  -- the origin: "https://baohaiphong.vn"
  robots_status     INTEGER NOT NULL,  -- HTTP status of /robots.txt; 0 when it did not answer
  robots_txt        TEXT,
  robots_fetched_at TEXT NOT NULL
);

CREATE TABLE article_pages (
  article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  fetched_url  TEXT NOT NULL,         -- after redirects
  content_type TEXT,
  encoding     TEXT,                  -- as detected (news/html.h)
  html_zstd    BLOB NOT NULL,         -- the bytes as received, zstd-compressed
  html_bytes   INTEGER NOT NULL
);

ALTER TABLE articles ADD COLUMN simhash INTEGER;   -- 64-bit fingerprint stored as signed
ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES articles(id) ON DELETE SET NULL;
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_fetched ON articles(fetched_at);
