-- Loa schema 5: press monitoring. Sources (an outlet's feeds and pages, with what polling
-- learnt of them) and articles (one per canonical address), indexed for accent-insensitive
-- search with the "vietnamese" FTS5 tokenizer.

CREATE TABLE sources (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER REFERENCES organisations(id),  -- the outlet in the registry
  name            TEXT NOT NULL,
  url             TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'page', 'file')),
  language        TEXT NOT NULL DEFAULT 'vi',
  poll_seconds    INTEGER NOT NULL DEFAULT 900 CHECK (poll_seconds >= 60),
  etag            TEXT,
  last_modified   TEXT,
  last_polled_at  TEXT,
  last_new_at     TEXT,               -- when it last brought a new article
  next_poll_at    TEXT,
  failures        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,               -- why it is unhealthy, as the last poll found
  active          INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL
);

CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER REFERENCES sources(id) ON DELETE SET NULL,
  outlet        TEXT NOT NULL,        -- the outlet's name
  url           TEXT NOT NULL UNIQUE, -- canonical (news/url.h)
  title         TEXT NOT NULL,
  text          TEXT NOT NULL,
  author        TEXT,
  published_at  TEXT,                 -- ISO UTC as the source states it; NULL when it does not
  language      TEXT NOT NULL DEFAULT 'vi',
  fetched_at    TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published_at);
CREATE INDEX articles_source ON articles(source_id, published_at);

CREATE VIRTUAL TABLE articles_search USING fts5(
  title, text, content='articles', content_rowid='id', tokenize='vietnamese'
);
CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_search(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_search(articles_search, rowid, title, text)
  VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_search(articles_search, rowid, title, text)
  VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_search(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
