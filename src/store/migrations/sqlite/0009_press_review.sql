-- Loa schema 9: the daily press review (điểm báo). Each morning the coordinating department
-- picks the day's articles from monitoring, gives each a heading (topic) and a short summary,
-- marks those the leaders must see first, and sends the review — as a Word file in the
-- official layout — to its list of readers at a set time.

CREATE TABLE press_reviews (
  id               INTEGER PRIMARY KEY,
  organisation_id  INTEGER NOT NULL REFERENCES organisations(id),
  review_date      TEXT NOT NULL,      -- ISO, Vietnam's
  sent_at          TEXT,               -- when it was e-mailed (null: not yet)
  sent_to          INTEGER NOT NULL DEFAULT 0,  -- how many readers it reached
  version          INTEGER NOT NULL DEFAULT 1,
  updated_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (organisation_id, review_date)
);

CREATE TABLE press_review_items (
  review_id   INTEGER NOT NULL REFERENCES press_reviews(id) ON DELETE CASCADE,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  topic       TEXT NOT NULL,           -- the heading it is grouped under
  summary     TEXT NOT NULL,
  flagged     INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),  -- first, for attention
  PRIMARY KEY (review_id, article_id)
);

-- Who receives the review and when (Vietnam's time of day), per department.
CREATE TABLE press_review_settings (
  organisation_id  INTEGER PRIMARY KEY REFERENCES organisations(id),
  recipients_json  TEXT NOT NULL DEFAULT '[]',   -- e-mail addresses
  send_at          TEXT NOT NULL DEFAULT '07:30' CHECK (length(send_at) = 5),
  enabled          INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  updated_at       TEXT NOT NULL
);
