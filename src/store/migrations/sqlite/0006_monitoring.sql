-- Loa schema 6: monitoring the press. What each poll of a source found (for adaptive
-- intervals, back-off and the health view), robots.txt per host, the pages as fetched
-- (compressed, for re-processing when extraction improves), stories (near-duplicate articles
-- grouped under the first one seen, news/minhash.h), and what Loa read in each article:
-- category, mentions of the province, risk flags, the plan topics it covers (with the
-- coordinator's confirmations and rejections, and the term weights they taught).

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

ALTER TABLE articles ADD COLUMN minhash BLOB;      -- MinHash signature (news/minhash.h)
ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES articles(id) ON DELETE SET NULL;
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_fetched ON articles(fetched_at);

-- Trained models (news/classifier.h), by name ("category").
CREATE TABLE classifiers (
  name        TEXT PRIMARY KEY,
  model       BLOB NOT NULL,
  labels_json TEXT NOT NULL,
  examples    INTEGER NOT NULL,
  accuracy    REAL,                  -- cross-validated when trained; NULL when not measured
  trained_at  TEXT NOT NULL
);

ALTER TABLE articles ADD COLUMN category TEXT;
ALTER TABLE articles ADD COLUMN category_by TEXT CHECK (category_by IN ('model', 'person'));
ALTER TABLE articles ADD COLUMN relevance INTEGER NOT NULL DEFAULT 0;  -- place weight found
ALTER TABLE articles ADD COLUMN places_json TEXT NOT NULL DEFAULT '[]';  -- [{"name","count"}]
ALTER TABLE articles ADD COLUMN risk TEXT CHECK (risk IN ('false_information', 'negative'));
ALTER TABLE articles ADD COLUMN risk_terms_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN risk_status TEXT
  CHECK (risk_status IN ('flagged', 'confirmed', 'dismissed'));
CREATE INDEX articles_category ON articles(category, published_at);
CREATE INDEX articles_risk ON articles(risk_status, published_at) WHERE risk IS NOT NULL;
CREATE INDEX articles_relevant ON articles(relevance, published_at);

-- Topics of active plans an article covers (topic_no: position in the plan's topics, from 1).
CREATE TABLE article_topics (
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  topic_no    INTEGER NOT NULL,
  score       REAL NOT NULL,
  terms_json  TEXT NOT NULL,          -- the matched terms, strongest first: the reason shown
  status      TEXT NOT NULL DEFAULT 'suggested'
              CHECK (status IN ('suggested', 'confirmed', 'rejected')),
  decided_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at  TEXT,
  PRIMARY KEY (article_id, plan_id, topic_no)
);
CREATE INDEX article_topics_topic ON article_topics(plan_id, topic_no, status);

-- Term weights learnt from confirmations and rejections (news/topics.h).
CREATE TABLE topic_terms (
  plan_id   INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  topic_no  INTEGER NOT NULL,
  term      TEXT NOT NULL,
  weight    REAL NOT NULL,
  PRIMARY KEY (plan_id, topic_no, term)
);
