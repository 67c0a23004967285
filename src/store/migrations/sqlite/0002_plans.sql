-- Loa schema 2: plans imported from documents, what they cite, and the tasks an active plan
-- gives to agencies.

CREATE TABLE plans (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),  -- whose plan (the importer's)
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
  document_id     TEXT,             -- the plan's own canonical number, e.g. '62/KH-UBND'
  doc_type        TEXT,             -- 'KH', 'QĐ', …
  issuer          TEXT,
  issued_on       TEXT,             -- ISO date
  year            INTEGER,
  title           TEXT NOT NULL,
  period_from     TEXT,
  period_to       TEXT,
  source_name     TEXT NOT NULL,    -- the uploaded file's name
  source_format   TEXT NOT NULL,    -- 'text', 'markdown', 'docx', 'pdf', 'image'
  source_ocr      INTEGER NOT NULL DEFAULT 0,
  source_text     TEXT NOT NULL,    -- normalised, repaired text the structure was read from
  review_json     TEXT NOT NULL DEFAULT '[]',  -- words the OCR repair was unsure of
  structure_json  TEXT NOT NULL,    -- the plan as docs/plan-schema.md describes, as corrected
  created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  activated_at    TEXT
);
CREATE INDEX plans_organisation ON plans(organisation_id);
CREATE INDEX plans_status_year ON plans(status, year);
CREATE INDEX plans_document ON plans(document_id);

-- Every document a plan cites; basis = 1 for those it implements ("Căn cứ", "Thực hiện").
-- The citation graph: plans citing X as basis implement X.
CREATE TABLE plan_citations (
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  document_id TEXT NOT NULL,
  basis       INTEGER NOT NULL DEFAULT 0,
  cited_date  TEXT,
  issuer      TEXT,
  PRIMARY KEY (plan_id, document_id)
);
CREATE INDEX plan_citations_document ON plan_citations(document_id, basis);

-- One task per assignment item of an active plan, for the agency that must do it.
CREATE TABLE tasks (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  assignment_no   INTEGER NOT NULL,   -- position in the plan's assignments, from 1
  task_no         INTEGER NOT NULL,   -- position in the assignment's tasks, from 1
  organisation_id INTEGER REFERENCES organisations(id),  -- null for a group of agencies
  agency          TEXT NOT NULL,      -- as the plan names it
  role            TEXT NOT NULL CHECK (role IN ('lead', 'cooperate', 'implement')),
  text            TEXT NOT NULL,
  due             TEXT,               -- ISO date, or 'MM-DD' for a yearly date
  status          TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (plan_id, assignment_no, task_no)
);
CREATE INDEX tasks_organisation ON tasks(organisation_id, status);

-- Accent-insensitive search over plans (the "vietnamese" tokenizer of store/search_tokenizer).
CREATE VIRTUAL TABLE plans_search USING fts5(
  title, issuer, document_id, source_text,
  content='plans', content_rowid='id', tokenize='vietnamese'
);
CREATE TRIGGER plans_search_insert AFTER INSERT ON plans BEGIN
  INSERT INTO plans_search(rowid, title, issuer, document_id, source_text)
  VALUES (new.id, new.title, new.issuer, new.document_id, new.source_text);
END;
CREATE TRIGGER plans_search_delete AFTER DELETE ON plans BEGIN
  INSERT INTO plans_search(plans_search, rowid, title, issuer, document_id, source_text)
  VALUES ('delete', old.id, old.title, old.issuer, old.document_id, old.source_text);
END;
CREATE TRIGGER plans_search_update AFTER UPDATE OF title, issuer, document_id, source_text ON plans
BEGIN
  INSERT INTO plans_search(plans_search, rowid, title, issuer, document_id, source_text)
  VALUES ('delete', old.id, old.title, old.issuer, old.document_id, old.source_text);
  INSERT INTO plans_search(rowid, title, issuer, document_id, source_text)
  VALUES (new.id, new.title, new.issuer, new.document_id, new.source_text);
END;
