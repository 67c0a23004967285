-- Loa schema 8: media cooperation with the press (plans 000 and 002). Each year the
-- coordinating department proposes the outlets to work with, the content per topic and the
-- budget (a programme and its lines); the Department of Finance appraises it, the People's
-- Committee approves it by a decision (steps: every submission, appraisal, approval and
-- return, with comment and document number); contracts are signed with each outlet for part
-- of the approved lines; the outlets' articles, found by monitoring or sent in by the outlet,
-- are proposed as deliverables of a contract's items and accepted or rejected; accepted
-- quantities × unit prices settle the accounts. Amounts are whole đồng.

CREATE TABLE coop_programmes (
  id               INTEGER PRIMARY KEY,
  year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title            TEXT NOT NULL,
  plan_id          INTEGER REFERENCES plans(id) ON DELETE SET NULL,  -- the plan it carries out
  organisation_id  INTEGER NOT NULL REFERENCES organisations(id),    -- the coordinating department
  appraiser_id     INTEGER NOT NULL REFERENCES organisations(id),    -- Sở Tài chính
  approver_id      INTEGER NOT NULL REFERENCES organisations(id),    -- UBND thành phố
  status           TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'appraisal', 'approval', 'approved')),
  budget           INTEGER NOT NULL DEFAULT 0 CHECK (budget >= 0),  -- the lines' sum
  decision_no      TEXT,               -- the approving decision: "1234/QĐ-UBND"
  decision_date    TEXT,
  version          INTEGER NOT NULL DEFAULT 1,
  created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX coop_programmes_year ON coop_programmes(year, organisation_id);

-- A proposed outlet's content on one topic: so many items of a kind at a unit price.
CREATE TABLE coop_lines (
  id            INTEGER PRIMARY KEY,
  programme_id  INTEGER NOT NULL REFERENCES coop_programmes(id) ON DELETE CASCADE,
  line_no       INTEGER NOT NULL,
  outlet_id     INTEGER NOT NULL REFERENCES organisations(id),
  topic_no      INTEGER,             -- a topic of the programme's plan, from 1
  content       TEXT NOT NULL,
  kind          TEXT NOT NULL
                CHECK (kind IN ('article', 'reportage', 'video', 'column', 'talk')),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  unit_price    INTEGER NOT NULL CHECK (unit_price >= 0),
  amount        INTEGER NOT NULL CHECK (amount = quantity * unit_price),
  UNIQUE (programme_id, line_no)
);
CREATE INDEX coop_lines_outlet ON coop_lines(outlet_id);

-- The programme's way through appraisal and approval; never changed once written.
CREATE TABLE coop_steps (
  id               INTEGER PRIMARY KEY,
  programme_id     INTEGER NOT NULL REFERENCES coop_programmes(id) ON DELETE CASCADE,
  action           TEXT NOT NULL CHECK (action IN ('submit', 'appraise', 'approve', 'return')),
  status_from      TEXT NOT NULL,
  status_to        TEXT NOT NULL,
  comment          TEXT NOT NULL DEFAULT '',
  document_no      TEXT,
  document_date    TEXT,
  organisation_id  INTEGER REFERENCES organisations(id),
  user_id          INTEGER REFERENCES users(id) ON DELETE SET NULL,
  author           TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX coop_steps_programme ON coop_steps(programme_id, id);

CREATE TABLE contracts (
  id            INTEGER PRIMARY KEY,
  programme_id  INTEGER NOT NULL REFERENCES coop_programmes(id),
  outlet_id     INTEGER NOT NULL REFERENCES organisations(id),
  number        TEXT NOT NULL,        -- as signed: "15/2026/HĐ-SVHTTDL"
  signed_on     TEXT NOT NULL,
  starts_on     TEXT NOT NULL,
  ends_on       TEXT NOT NULL,
  value         INTEGER NOT NULL CHECK (value >= 0),  -- the items' sum
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'terminated')),
  version       INTEGER NOT NULL DEFAULT 1,
  created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK (ends_on >= starts_on),
  UNIQUE (programme_id, number)
);
CREATE INDEX contracts_outlet ON contracts(outlet_id, starts_on);

-- What a contract orders: part of one programme line, due by a date.
CREATE TABLE contract_items (
  id           INTEGER PRIMARY KEY,
  contract_id  INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  item_no      INTEGER NOT NULL,
  line_id      INTEGER NOT NULL REFERENCES coop_lines(id),
  quantity     INTEGER NOT NULL CHECK (quantity > 0),
  unit_price   INTEGER NOT NULL CHECK (unit_price >= 0),
  due_on       TEXT NOT NULL,
  UNIQUE (contract_id, item_no)
);
CREATE INDEX contract_items_line ON contract_items(line_id);

-- An article offered as one unit of an item: matched by Loa, sent in by the outlet or named
-- by the coordinator; then accepted or rejected. An article proves one item at most.
CREATE TABLE deliverables (
  id            INTEGER PRIMARY KEY,
  contract_id   INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  item_id       INTEGER NOT NULL REFERENCES contract_items(id) ON DELETE CASCADE,
  article_id    INTEGER NOT NULL REFERENCES articles(id),
  origin        TEXT NOT NULL CHECK (origin IN ('match', 'outlet', 'coordinator')),
  status        TEXT NOT NULL DEFAULT 'proposed'
                CHECK (status IN ('proposed', 'accepted', 'rejected')),
  score         REAL NOT NULL DEFAULT 0,
  reasons_json  TEXT NOT NULL DEFAULT '[]',  -- [{"kind", "detail"}]: why it was proposed
  comment       TEXT,
  submitted_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  decided_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at    TEXT,
  UNIQUE (item_id, article_id)
);
CREATE UNIQUE INDEX deliverables_article ON deliverables(article_id) WHERE status <> 'rejected';
CREATE INDEX deliverables_contract ON deliverables(contract_id, status);

-- Files may now belong to a contract (its scan). SQLite cannot alter a CHECK: rebuilt.
CREATE TABLE files_v8 (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  uploaded_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  name            TEXT NOT NULL,
  content_type    TEXT NOT NULL,
  size            INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  data            BLOB NOT NULL,
  owner_kind      TEXT CHECK (owner_kind IN ('task_update', 'report', 'contract')),
  owner_id        INTEGER,
  created_at      TEXT NOT NULL
);
INSERT INTO files_v8 SELECT id, organisation_id, uploaded_by, name, content_type, size, sha256,
                            data, owner_kind, owner_id, created_at FROM files;
DROP TABLE files;
ALTER TABLE files_v8 RENAME TO files;
CREATE INDEX files_owner ON files(owner_kind, owner_id);
