-- Loa schema 4: the organisation registry as an administrator keeps it (more kinds of body
-- (police, military, the Party committee's boards), a version for concurrent edits, the
-- time of the last change); task deadlines moved by coordinators. SQLite cannot alter a
-- CHECK constraint, so tables are rebuilt (store/migrations.cpp runs every migration with
-- foreign keys off and checks them after).

CREATE TABLE organisations_v4 (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  short_name  TEXT,
  kind        TEXT NOT NULL CHECK (kind IN ('people_committee', 'council', 'department',
                'commune', 'ward', 'special_zone', 'district', 'press', 'party', 'party_board',
                'mass_org', 'police', 'military', 'public_unit', 'other')),
  level       TEXT NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
  parent_id   INTEGER REFERENCES organisations(id),
  valid_from  TEXT,
  valid_to    TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT,
  version     INTEGER NOT NULL DEFAULT 1,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
INSERT INTO organisations_v4 (id, code, name, short_name, kind, level, parent_id, valid_from,
                              valid_to, created_at, updated_at, version)
  SELECT id, code, name, short_name, kind, level, parent_id, valid_from, valid_to, created_at,
         created_at, 1
  FROM organisations;
DROP TABLE organisations;
ALTER TABLE organisations_v4 RENAME TO organisations;
CREATE INDEX organisations_parent ON organisations(parent_id);

-- Bodies registered as 'other' or 'party' before these kinds existed.
UPDATE organisations SET kind = 'police' WHERE kind = 'other' AND name LIKE 'Công an %';
UPDATE organisations SET kind = 'military'
  WHERE kind = 'other' AND (name LIKE 'Bộ Chỉ huy %' OR name LIKE 'Bộ đội %');
UPDATE organisations SET kind = 'party_board' WHERE kind = 'party' AND name LIKE 'Ban %';

-- A coordinator moves a task's deadline: a 'deadline' entry in the task's history, with the
-- dates before and after.
CREATE TABLE task_updates_v4 (
  id              INTEGER PRIMARY KEY,
  task_id         INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL
                  CHECK (kind IN ('progress', 'comment', 'contribution', 'assignment', 'deadline')),
  organisation_id INTEGER REFERENCES organisations(id),
  user_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  author          TEXT NOT NULL,
  text            TEXT NOT NULL DEFAULT '',
  status_from     TEXT,
  status_to       TEXT,
  progress        INTEGER,
  links_json      TEXT NOT NULL DEFAULT '[]',
  created_at      TEXT NOT NULL,
  due_from        TEXT,               -- for 'deadline': the due date before, and after
  due_to          TEXT
);
INSERT INTO task_updates_v4 (id, task_id, kind, organisation_id, user_id, author, text,
                             status_from, status_to, progress, links_json, created_at)
  SELECT id, task_id, kind, organisation_id, user_id, author, text, status_from, status_to,
         progress, links_json, created_at
  FROM task_updates;
DROP TABLE task_updates;
ALTER TABLE task_updates_v4 RENAME TO task_updates;
CREATE INDEX task_updates_task ON task_updates(task_id, id);
