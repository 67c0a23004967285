-- Loa schema 4: the organisation registry as an administrator keeps it. More kinds of body
-- (police, military, the Party committee's boards), a version for concurrent edits, and the
-- time of the last change. SQLite cannot alter a CHECK constraint, so the table is rebuilt
-- (store/migrations.cpp runs every migration with foreign keys off and checks them after).

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
