-- Loa schema 7: saved searches of the press that raise alerts, and articles kept as a task's
-- evidence; search results ranked by FTS5's rank.

-- The rank of a search match: bm25 with a match in the title weighing three times one in the
-- text. Ordering by rank lets FTS5 hand rows over best first, so only the page's snippets are
-- made.
INSERT INTO articles_search(articles_search, rank) VALUES ('rank', 'bm25(3.0, 1.0)');

-- A person's saved search: the query and filters of the news stream (the parameters of
-- GET /api/v1/news, as a JSON object), and whether new matches raise an in-app alert and an
-- e-mail. seen_article_id is the newest article already looked at: only later ones alert.
CREATE TABLE saved_searches (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  params_json     TEXT NOT NULL DEFAULT '{}',
  alert           INTEGER NOT NULL DEFAULT 1 CHECK (alert IN (0, 1)),
  email           INTEGER NOT NULL DEFAULT 0 CHECK (email IN (0, 1)),
  seen_article_id INTEGER NOT NULL DEFAULT 0,
  last_alert_at   TEXT,
  alerts          INTEGER NOT NULL DEFAULT 0,  -- how many alerts it raised
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (user_id, name)
);
CREATE INDEX saved_searches_alert ON saved_searches(alert, seen_article_id);

-- Whether a notification goes out by e-mail as well (a saved search may ask for the app only).
ALTER TABLE notifications ADD COLUMN email INTEGER NOT NULL DEFAULT 1;

-- Articles attached to tasks as evidence, each once per task; the task update that attached
-- it keeps the link in its history.
CREATE TABLE task_articles (
  task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  update_id   INTEGER REFERENCES task_updates(id) ON DELETE SET NULL,
  attached_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  attached_at TEXT NOT NULL,
  PRIMARY KEY (task_id, article_id)
);
CREATE INDEX task_articles_article ON task_articles(article_id);
